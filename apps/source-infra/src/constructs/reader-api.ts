import { Annotations, Validations } from 'aws-cdk-lib';
import {
  AccessLogFormat,
  AuthorizationType,
  EndpointType,
  LambdaIntegration,
  LogGroupLogDestination,
  MethodLoggingLevel,
  ResponseType,
  RestApi,
  type Method,
} from 'aws-cdk-lib/aws-apigateway';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { READ_API_ROUTES, type ReadApiRoute } from '@xacct/config';

export interface ReaderApiThrottling {
  /** Steady-state requests per second for the whole stage. */
  readonly rateLimit: number;
  /** Burst bucket size. */
  readonly burstLimit: number;
}

export interface ReaderApiProps {
  /** The reader Lambda, integrated as a proxy. */
  readonly handler: IFunction;
  /**
   * `iam`: every method requires a SigV4-signed request (execute-api:Invoke). `none` is a public API:
   * an explicit opt-out that warns at synth.
   * @default 'iam'
   */
  readonly auth?: 'iam' | 'none';
  /**
   * Stage-wide throttling.
   * @default { rateLimit: 50, burstLimit: 100 }
   */
  readonly throttling?: ReaderApiThrottling;
  /**
   * Retention of the JSON access log.
   * @default RetentionDays.ONE_MONTH
   */
  readonly accessLogRetention?: RetentionDays;
  /**
   * The API Gateway stage (first path segment of the URL).
   * @default 'v1'
   */
  readonly stageName?: string;
  /**
   * @default - a CloudFormation-generated name
   */
  readonly restApiName?: string;
}

/** The warning id when a stage opts out of IAM auth; acknowledge it by this id to silence it. */
const PUBLIC_API_WARNING = 'xacct:PublicApi';

// One JSON object per request; `errorMessage`/`authorizeError` say why API Gateway itself refused a call.
const ACCESS_LOG_FORMAT = JSON.stringify({
  requestId: '$context.requestId',
  extendedRequestId: '$context.extendedRequestId',
  requestTime: '$context.requestTime',
  ip: '$context.identity.sourceIp',
  caller: '$context.identity.caller',
  userArn: '$context.identity.userArn',
  httpMethod: '$context.httpMethod',
  resourcePath: '$context.resourcePath',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  integrationStatus: '$context.integration.status',
  integrationLatency: '$context.integration.latency',
  errorMessage: '$context.error.message',
  errorType: '$context.error.responseType',
});

// API Gateway's own refusals (auth, throttling, validation) in the reader's error shape.
const GATEWAY_ERROR_TEMPLATE =
  '{"error":{"code":"$context.error.responseType","message":$context.error.messageString,"requestId":"$context.requestId"}}';

/** A route's parameters as API Gateway method request parameters (`true`: required, checked by the validator). */
function requestParametersOf(route: ReadApiRoute): Record<string, boolean> {
  return {
    ...Object.fromEntries(route.pathParameters.map((p) => [`method.request.path.${p.name}`, true])),
    ...Object.fromEntries(route.queryParameters.map((p) => [`method.request.querystring.${p.name}`, p.required])),
  };
}

/**
 * REST API in front of the reader, one resource and method per route of READ_API_ROUTES (libs/config), each declaring
 * its parameters so the gateway refuses a request without a required one; IAM auth on every method by default,
 * stage throttling, JSON access logs, X-Ray. Every query parameter is declared, whether the table has a sort key or
 * not: the reader answers a parameter that does not apply with a 400 naming it.
 */
export class ReaderApi extends Construct {
  readonly api: RestApi;
  readonly methods: readonly Method[];
  readonly accessLogs: LogGroup;

  constructor(scope: Construct, id: string, props: ReaderApiProps) {
    super(scope, id);
    const auth = props.auth ?? 'iam';
    const throttling = props.throttling ?? { rateLimit: 50, burstLimit: 100 };
    this.accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: props.accessLogRetention ?? RetentionDays.ONE_MONTH,
    });

    this.api = new RestApi(this, 'Api', {
      ...(props.restApiName ? { restApiName: props.restApiName } : {}),
      description: `Cross-account reader: ${READ_API_ROUTES.map((route) => `${route.method} ${route.path}`).join(', ')}`,
      endpointConfiguration: { types: [EndpointType.REGIONAL] },
      // The account-wide CloudWatch role (AWS::ApiGateway::Account) is a per-region singleton; this stack must not own it.
      cloudWatchRole: false,
      defaultMethodOptions: {
        authorizationType: auth === 'iam' ? AuthorizationType.IAM : AuthorizationType.NONE,
      },
      deployOptions: {
        stageName: props.stageName ?? 'v1',
        throttlingRateLimit: throttling.rateLimit,
        throttlingBurstLimit: throttling.burstLimit,
        tracingEnabled: true,
        // Execution logs for failures only; data tracing would log request and response bodies (table items).
        loggingLevel: MethodLoggingLevel.ERROR,
        dataTraceEnabled: false,
        accessLogDestination: new LogGroupLogDestination(this.accessLogs),
        accessLogFormat: AccessLogFormat.custom(ACCESS_LOG_FORMAT),
      },
    });
    // The stack outputs the URL under a stable name; RestApi's own generated-name output would duplicate it.
    this.api.node.tryRemoveChild('Endpoint');
    for (const type of [ResponseType.DEFAULT_4XX, ResponseType.DEFAULT_5XX]) {
      this.api.addGatewayResponse(type.responseType, {
        type,
        templates: { 'application/json': GATEWAY_ERROR_TEMPLATE },
      });
    }

    // The GET methods declare no body model, so body validation is a no-op today and a guard for any later method.
    const validator = this.api.addRequestValidator('Validator', {
      requestValidatorName: 'params-and-body',
      validateRequestParameters: true,
      validateRequestBody: true,
    });
    // Test invocations from the console would need a second, unscoped permission: not granted.
    const integration = new LambdaIntegration(props.handler, { proxy: true, allowTestInvoke: false });

    this.methods = READ_API_ROUTES.map((route) =>
      this.api.root.resourceForPath(route.path).addMethod(route.method, integration, {
        operationName: route.id,
        requestValidator: validator,
        requestParameters: requestParametersOf(route),
      }),
    );

    Validations.of(this.api.deploymentStage).acknowledge({
      id: 'AwsSolutions-APIG3',
      reason:
        'No WAF web ACL: every method requires SigV4 (IAM) auth and the stage is throttled; a web ACL is an account-level choice (cost, shared rules) made outside this stack.',
    });
    if (auth === 'iam') {
      for (const method of this.methods) {
        Validations.of(method).acknowledge({
          id: 'AwsSolutions-COG4',
          reason: 'Callers are IAM principals authorized by SigV4 (AWS_IAM), not Cognito users: there is no user pool.',
        });
      }
    }
    if (auth === 'none') {
      const message =
        'api.auth is "none": every route of the API is PUBLIC (no SigV4). Anyone who finds the URL can read the table. Set api.auth to "iam" unless this is intended.';
      Annotations.of(this).addWarningV2(PUBLIC_API_WARNING, message);
      console.warn(`WARNING: ${message}`);
      for (const method of this.methods) {
        Validations.of(method).acknowledge(
          {
            id: 'AwsSolutions-APIG4',
            reason: 'The stage sets api.auth "none": a documented, explicit opt-out of IAM auth.',
          },
          {
            id: 'AwsSolutions-COG4',
            reason: 'The stage sets api.auth "none": a documented, explicit opt-out of IAM auth.',
          },
        );
      }
    }
  }
}
