import type { ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { LambdaServiceError, SigV4Error, type SigV4FailureCode } from '../errors';
import type { CallerIdentity } from '../iam/caller-identity';
import type { Decision } from '../iam/is-allowed';
import type { PolicyDocument } from '../iam/policy-document';
import type { InvokeOptions } from '../lambda/lambda-function';
import type { InvokeCaller } from '../lambda/lambda-service';
import type { InvokeResult } from '../lambda/types';
import type { SandboxRequest } from '../server/sandbox-request';
import type { VerifiedRequest } from '../sigv4/verify-sigv4';
import type { ApiGatewayService } from './api-gateway-service';
import { buildProxyEvent } from './build-proxy-event';
import { executeApiArn } from './execute-api-arn';
import { lambdaArnOfIntegration } from './lambda-arn-of-integration';
import { matchRoute } from './match-route';
import { missingRequestParameters } from './missing-request-parameters';
import { parseProxyResult } from './parse-proxy-result';
import { resourcePath } from './resource-path';
import type { GatewayError } from './gateway-error';
import { sendGatewayResponse, type GatewayResponseContext } from './send-gateway-response';
import type { ApiDefinition, ApiMethod } from './types';

/** What the API Gateway front uses from the rest of the sandbox. */
export interface ApiGatewayHandlerDeps {
  apis: ApiGatewayService;
  lambda: {
    invoke(functionArn: string, event: unknown, options?: InvokeOptions): Promise<InvokeResult>;
    isInvokeAllowed(functionArn: string, caller: InvokeCaller): boolean;
  };
  /** SigV4 verification for service `execute-api` (throws SigV4Error). */
  verify(request: SandboxRequest): Promise<VerifiedRequest>;
  /** `execute-api:Invoke` for the caller on the method ARN, with the API's resource policy. */
  authorize(input: {
    identity: CallerIdentity;
    resource: string;
    resourceAccount: string;
    resourcePolicy?: PolicyDocument;
  }): Promise<Decision>;
  /** One line per request and per configuration problem (what API Gateway writes to its execution log). */
  log?: (line: string) => void;
}

const MISSING_TOKEN: GatewayError = {
  responseType: 'MISSING_AUTHENTICATION_TOKEN',
  statusCode: 403,
  errorType: 'MissingAuthenticationTokenException',
  message: 'Missing Authentication Token',
};
const CONFIGURATION_ERROR: GatewayError = {
  responseType: 'API_CONFIGURATION_ERROR',
  statusCode: 500,
  errorType: 'InternalServerErrorException',
  message: 'Internal server error',
};
const INTEGRATION_FAILURE: GatewayError = {
  responseType: 'DEFAULT_5XX',
  statusCode: 502,
  errorType: 'InternalServerErrorException',
  message: 'Internal server error',
};
const PREFIX = /^\/restapis\/([^/]+)\/([^/]+)\/_user_request_(\/.*)?$/;

/** Gateway response type and x-amzn-ErrorType per SigV4 failure. */
const SIGV4_ERRORS: Record<SigV4FailureCode, { responseType: string; errorType: string }> = {
  MissingAuthenticationToken: {
    responseType: 'MISSING_AUTHENTICATION_TOKEN',
    errorType: 'MissingAuthenticationTokenException',
  },
  IncompleteSignature: { responseType: 'INVALID_SIGNATURE', errorType: 'IncompleteSignatureException' },
  UnrecognizedClient: { responseType: 'UNAUTHORIZED', errorType: 'UnrecognizedClientException' },
  InvalidSignature: { responseType: 'INVALID_SIGNATURE', errorType: 'InvalidSignatureException' },
  SignatureExpired: { responseType: 'INVALID_SIGNATURE', errorType: 'InvalidSignatureException' },
  ExpiredToken: { responseType: 'EXPIRED_TOKEN', errorType: 'ExpiredTokenException' },
  WrongService: { responseType: 'INVALID_SIGNATURE', errorType: 'InvalidSignatureException' },
};

/**
 * The execute-api front, mounted at `/restapis/`: `<endpoint>/restapis/<apiId>/<stage>/_user_request_/<path>`.
 * Order as in API Gateway: route (unknown -> 403 Missing Authentication Token), throttle (429), IAM auth
 * (SigV4 + execute-api:Invoke), parameter validation (400), then the Lambda proxy integration (502/504/500).
 */
export function createApiGatewayHandler(
  deps: ApiGatewayHandlerDeps,
): (request: SandboxRequest, res: ServerResponse) => Promise<void> {
  const log = deps.log ?? (() => undefined);

  return async (request, res) => {
    const fail = (error: GatewayError, definition?: ApiDefinition, extra: Partial<GatewayResponseContext> = {}) =>
      sendGatewayResponse(
        res,
        error,
        { requestId: request.requestId, sourceIp: request.remoteAddress, ...extra },
        definition,
      );
    const target = PREFIX.exec(request.path);
    if (!target) {
      fail(notFound('Invoke URLs look like /restapis/<apiId>/<stage>/_user_request_/<path>.'));
      return;
    }
    const [, apiId = '', stageName = '', rawPath = '/'] = target;
    const lookup = deps.apis.lookup(apiId, stageName);
    if (!lookup.found) {
      if (lookup.reason === 'no-api') {
        const known = deps.apis.listRestApis().map((api) => `${api.apiId} (${api.name})`);
        fail(notFound(`No REST API ${apiId} is deployed in the sandbox. Deployed: ${known.join(', ') || 'none'}.`));
      } else {
        fail({ responseType: 'DEFAULT_4XX', statusCode: 403, errorType: 'ForbiddenException', message: 'Forbidden' });
      }
      return;
    }
    const { api, stage, definition } = lookup;
    const route = matchRoute(definition, rawPath);
    const method: ApiMethod | undefined =
      route && (route.resource.methods[request.method] ?? route.resource.methods['ANY']);
    const context: Partial<GatewayResponseContext> = { apiId, stage: stageName, httpMethod: request.method };
    if (!route || !method) {
      fail(MISSING_TOKEN, definition, context);
      return;
    }
    const template = resourcePath(definition, route.resource.id);
    context.resourcePath = template;
    const methodArn = executeApiArn({
      region: api.region,
      accountId: api.accountId,
      apiId,
      stage: stageName,
      method: request.method,
      path: rawPath,
    });

    if (!deps.apis.takeToken(apiId, stage, template, method.httpMethod)) {
      fail(
        {
          responseType: 'THROTTLED',
          statusCode: 429,
          errorType: 'TooManyRequestsException',
          message: 'Too Many Requests',
        },
        definition,
        context,
      );
      return;
    }

    let caller: CallerIdentity | undefined;
    if (method.authorizationType === 'AWS_IAM') {
      const outcome = await authenticate(deps, request, api.region, methodArn, api.accountId, api.policy);
      if (!outcome.ok) {
        fail(outcome.error, definition, context);
        return;
      }
      caller = outcome.identity;
    } else if (method.authorizationType !== 'NONE') {
      log(`[apigateway] ${methodArn}: ${method.authorizationType} authorizers are not emulated (use AWS_IAM or NONE)`);
      fail({ ...CONFIGURATION_ERROR, responseType: 'AUTHORIZER_CONFIGURATION_ERROR' }, definition, context);
      return;
    }

    const validator = method.requestValidatorId ? definition.validators[method.requestValidatorId] : undefined;
    if (validator?.validateRequestParameters) {
      const missing = missingRequestParameters(method, { ...request, pathParameters: route.pathParameters });
      if (missing.length > 0) {
        fail(
          {
            responseType: 'BAD_REQUEST_PARAMETERS',
            statusCode: 400,
            errorType: 'BadRequestException',
            message: `Missing required request parameters: [${missing.join(', ')}]`,
          },
          definition,
          context,
        );
        return;
      }
    }

    const integration = method.integration;
    const functionArn = integration?.type === 'AWS_PROXY' ? lambdaArnOfIntegration(integration.uri) : undefined;
    if (!integration || !functionArn) {
      log(
        `[apigateway] ${methodArn}: integration ${integration?.type ?? 'none'} is not emulated (only AWS_PROXY to Lambda)`,
      );
      fail(CONFIGURATION_ERROR, definition, context);
      return;
    }
    const invokeCaller = { principal: 'apigateway.amazonaws.com', sourceArn: methodArn, sourceAccount: api.accountId };
    if (!deps.lambda.isInvokeAllowed(functionArn, invokeCaller)) {
      log(
        `[apigateway] ${methodArn}: Execution failed due to configuration error: Invalid permissions on Lambda function ${functionArn}`,
      );
      fail(CONFIGURATION_ERROR, definition, context);
      return;
    }

    const event = buildProxyEvent({
      method: request.method,
      path: rawPath,
      searchParams: request.searchParams,
      headers: request.headers,
      body: request.body,
      resourcePath: template,
      resourceId: route.resource.id,
      pathParameters: route.pathParameters,
      stage: stageName,
      stageVariables: stage.variables,
      apiId,
      accountId: api.accountId,
      requestId: request.requestId,
      domainName: `${apiId}.execute-api.${api.region}.amazonaws.com`,
      sourceIp: request.remoteAddress,
      ...(caller === undefined ? {} : { caller }),
    });
    const invocation = deps.lambda.invoke(functionArn, event, { requestId: randomUUID() });
    const outcome = await withTimeout(invocation, integration.timeoutMs);
    if (outcome === 'timeout') {
      // The invocation goes on in the background, as in AWS; the caller gets the gateway's timeout.
      invocation.catch(() => undefined);
      log(`[apigateway] ${methodArn}: Execution failed due to a timeout error (${integration.timeoutMs} ms)`);
      fail(
        {
          responseType: 'INTEGRATION_TIMEOUT',
          statusCode: 504,
          errorType: 'InternalServerErrorException',
          message: 'Endpoint request timed out',
        },
        definition,
        context,
      );
      return;
    }
    if (outcome.kind === 'error') {
      const why =
        outcome.error instanceof LambdaServiceError
          ? `${outcome.error.code}: ${outcome.error.message}`
          : String(outcome.error);
      log(`[apigateway] ${methodArn}: Lambda invocation failed: ${why}`);
      fail({ ...CONFIGURATION_ERROR, responseType: 'INTEGRATION_FAILURE' }, definition, context);
      return;
    }
    const result = outcome.value;
    if (result.kind === 'function-error') {
      log(
        `[apigateway] ${methodArn}: Lambda execution failed with status 200 due to customer function error: ${result.errorType}: ${result.errorMessage}`,
      );
      fail(INTEGRATION_FAILURE, definition, context);
      return;
    }
    const response = parseProxyResult(result.payload);
    if (!response) {
      log(`[apigateway] ${methodArn}: Execution failed due to configuration error: Malformed Lambda proxy response`);
      fail(INTEGRATION_FAILURE, definition, context);
      return;
    }
    res.writeHead(response.statusCode, {
      ...response.headers,
      'content-length': response.body.length,
      'x-amz-apigw-id': request.requestId.replaceAll('-', '').slice(0, 16),
      'x-amzn-trace-id': `Root=1-${Math.floor(Date.now() / 1000).toString(16)}-${request.requestId.replaceAll('-', '').slice(0, 24)}`,
    });
    res.end(response.body);
  };
}

function notFound(message: string): GatewayError {
  return { responseType: 'RESOURCE_NOT_FOUND', statusCode: 404, errorType: 'NotFoundException', message };
}

type AuthOutcome = { ok: true; identity: CallerIdentity } | { ok: false; error: GatewayError };

async function authenticate(
  deps: ApiGatewayHandlerDeps,
  request: SandboxRequest,
  region: string,
  methodArn: string,
  resourceAccount: string,
  resourcePolicy: PolicyDocument | undefined,
): Promise<AuthOutcome> {
  let verified: VerifiedRequest;
  try {
    verified = await deps.verify(request);
  } catch (error) {
    if (!(error instanceof SigV4Error)) throw error;
    if (error.code === 'MissingAuthenticationToken') return { ok: false, error: MISSING_TOKEN };
    return { ok: false, error: { ...SIGV4_ERRORS[error.code], statusCode: 403, message: error.message } };
  }
  if (verified.region !== region) {
    return {
      ok: false,
      error: {
        ...SIGV4_ERRORS.InvalidSignature,
        statusCode: 403,
        message: `Credential should be scoped to a valid region. `,
      },
    };
  }
  const decision = await deps.authorize({
    identity: verified.identity,
    resource: methodArn,
    resourceAccount,
    ...(resourcePolicy === undefined ? {} : { resourcePolicy }),
  });
  if (decision.allowed) return { ok: true, identity: verified.identity };
  const explicit = decision.reason === 'explicit-deny-identity' || decision.reason === 'explicit-deny-resource';
  return {
    ok: false,
    error: {
      responseType: 'ACCESS_DENIED',
      statusCode: 403,
      errorType: 'AccessDeniedException',
      messageKey: 'Message',
      message: `User: ${verified.identity.arn} is not authorized to perform: execute-api:Invoke on resource: ${methodArn}${explicit ? ' with an explicit deny' : ''}`,
    },
  };
}

async function withTimeout<T>(
  promise: Promise<T>,
  ms: number,
): Promise<{ kind: 'ok'; value: T } | { kind: 'error'; error: unknown } | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  try {
    return await Promise.race([
      promise.then(
        (value) => ({ kind: 'ok' as const, value }),
        (error: unknown) => ({ kind: 'error' as const, error }),
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
