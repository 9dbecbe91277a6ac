import type { PolicyDocument } from '../iam/policy-document';

/** One method of a resource (`AWS::ApiGateway::Method`). */
export interface ApiMethod {
  /** Upper-case HTTP method, or `ANY`. */
  httpMethod: string;
  /** `NONE`, `AWS_IAM`, `CUSTOM` or `COGNITO_USER_POOLS`. */
  authorizationType: string;
  apiKeyRequired: boolean;
  /** `method.request.{querystring,header,path}.<name>` -> required. */
  requestParameters: Record<string, boolean>;
  requestValidatorId?: string;
  integration?: ApiIntegration;
}

/** The method's backend (`Integration` of AWS::ApiGateway::Method). */
export interface ApiIntegration {
  /** `AWS_PROXY`, `AWS`, `HTTP`, `HTTP_PROXY` or `MOCK`; the sandbox runs `AWS_PROXY` to Lambda. */
  type: string;
  uri?: string;
  /** @default 29000 (API Gateway's default integration timeout) */
  timeoutMs: number;
}

/** A node of the resource tree (`AWS::ApiGateway::Resource`; the root has no parent). */
export interface ApiResource {
  id: string;
  parentId?: string;
  /** `items`, `{key}`, `{proxy+}`; empty for the root. */
  pathPart: string;
  methods: Record<string, ApiMethod>;
}

/** `AWS::ApiGateway::RequestValidator`. */
export interface RequestValidator {
  id: string;
  validateRequestParameters: boolean;
  validateRequestBody: boolean;
}

/** `AWS::ApiGateway::GatewayResponse`: how API Gateway's own errors of one type are answered. */
export interface GatewayResponse {
  responseType: string;
  statusCode?: number;
  /** Static headers (`gatewayresponse.header.<name>: "'value'"`). */
  headers: Record<string, string>;
  /** Body templates by content type (`$context.error.messageString`, `$context.requestId`...). */
  templates: Record<string, string>;
}

/** The definition a deployment freezes: resources, methods, validators and gateway responses. */
export interface ApiDefinition {
  rootResourceId: string;
  resources: Record<string, ApiResource>;
  validators: Record<string, RequestValidator>;
  gatewayResponses: Record<string, GatewayResponse>;
}

/** `AWS::ApiGateway::RestApi` and its current (undeployed) definition. */
export interface RestApi {
  apiId: string;
  name: string;
  accountId: string;
  region: string;
  /** Resource policy (`Policy`), evaluated with the caller's identity policy. */
  policy?: PolicyDocument;
  definition: ApiDefinition;
}

/** A stage's `MethodSettings` entry, as far as throttling goes. */
export interface MethodSetting {
  /** `/*` for every resource, else the resource path with `/` written `~1` after a leading `/` (`/~1items`, as CloudFormation does). */
  resourcePath: string;
  /** `*` or an upper-case method. */
  httpMethod: string;
  throttlingRateLimit?: number;
  throttlingBurstLimit?: number;
}

/** `AWS::ApiGateway::Stage`. */
export interface ApiStage {
  stageName: string;
  deploymentId: string;
  variables: Record<string, string>;
  methodSettings: MethodSetting[];
}
