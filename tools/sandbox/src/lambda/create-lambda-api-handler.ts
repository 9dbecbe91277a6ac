import type { ServerResponse } from 'node:http';
import type { StackStore } from '../cfn/stack-store';
import { AwsServiceError, LambdaServiceError, SigV4Error } from '../errors';
import type { CallerIdentity } from '../iam/caller-identity';
import { denialOf } from '../iam/denial-of';
import type { SandboxContext } from '../sandbox-context';
import type { SandboxRequest, SandboxRouteHandler } from '../server/sandbox-request';
import { sendJson } from '../server/send-json';
import { JSON_SIGV4_ERROR_TYPES } from '../sigv4/json-sigv4-error-types';
import { verifySigV4 } from '../sigv4/verify-sigv4';
import { functionArn } from './function-arn';
import { FAULT_ERRORS } from '../faults/fault-catalog';
import { withLambdaFaults } from '../faults/with-lambda-faults';
import { invokeCounted } from './invoke-counted';
import type { LambdaFunction } from './lambda-function';
import type { LambdaService } from './lambda-service';

/** The Lambda REST-JSON paths this handler serves (mount it at this prefix). */
export const LAMBDA_API_PREFIX = '/2015-03-31/functions/';

const ROUTE = /^\/2015-03-31\/functions\/([^/]+)\/(configuration|invocations)$/;

/**
 * Lambda's control plane over REST-JSON: GetFunctionConfiguration (`GET …/configuration`) and Invoke
 * (`POST …/invocations`, RequestResponse or DryRun; a function error answers 200 with `X-Amz-Function-Error`),
 * authorized as `lambda:GetFunctionConfiguration` / `lambda:InvokeFunction` on the function ARN like AWS.
 */
export function createLambdaApiHandler(sandbox: SandboxContext, lambda: LambdaService): SandboxRouteHandler {
  return async (request, response) => {
    const route = ROUTE.exec(request.path);
    const action =
      route?.[2] === 'configuration' && request.method === 'GET'
        ? 'GetFunctionConfiguration'
        : route?.[2] === 'invocations' && request.method === 'POST'
          ? 'Invoke'
          : undefined;
    try {
      const { identity, region } = await verifySigV4(request, 'lambda', sandbox.keys);
      if (route === null || action === undefined) {
        throw new AwsServiceError(
          'UnknownOperationException',
          `The sandbox's Lambda serves GET ${LAMBDA_API_PREFIX}<name>/configuration and POST ${LAMBDA_API_PREFIX}<name>/invocations, not ${request.method} ${request.path}.`,
          404,
        );
      }
      // Invocations are counted as lambda/Invoke by invokeCounted, like those through API Gateway.
      if (action === 'GetFunctionConfiguration') sandbox.counters.increment('lambda', action);
      const fn = await authorizedFunction(sandbox, lambda, identity, region, functionNameParam(route[1] ?? ''), {
        action: action === 'Invoke' ? 'lambda:InvokeFunction' : 'lambda:GetFunctionConfiguration',
        qualifier: request.searchParams.get('Qualifier'),
      });
      if (action === 'GetFunctionConfiguration') sendJson(response, 200, configurationOf(fn, sandbox.stacks));
      else await invoke(sandbox, lambda, fn, request, response);
    } catch (error) {
      if (error instanceof SigV4Error) sendError(response, 403, JSON_SIGV4_ERROR_TYPES[error.code], error.message);
      else if (error instanceof AwsServiceError) sendError(response, error.statusCode, error.code, error.message);
      else if (error instanceof LambdaServiceError) {
        // An injected fault (or a failed worker) answers as Lambda's Invoke API does for that code.
        const shape = FAULT_ERRORS.lambda[error.code];
        sendError(response, shape?.status ?? 500, shape === undefined ? 'ServiceException' : error.code, error.message);
      } else throw error;
    }
  };
}

async function authorizedFunction(
  sandbox: SandboxContext,
  lambda: LambdaService,
  identity: CallerIdentity,
  region: string,
  nameOrArn: string,
  options: { action: string; qualifier: string | null },
): Promise<LambdaFunction> {
  const arn = functionArn(nameOrArn, identity.accountId, region);
  const resourceAccount = arn.split(':')[4] ?? identity.accountId;
  // Functions of another account would need a resource policy naming the caller: none is emulated, so denied.
  const denial = await denialOf(sandbox, { identity, action: options.action, resource: arn, resourceAccount });
  if (denial !== undefined) throw new AwsServiceError('AccessDeniedException', denial, 403);
  const fn = lambda.get(arn);
  if (fn === undefined || (options.qualifier !== null && options.qualifier !== '$LATEST')) {
    const shown = options.qualifier === null ? arn : `${arn}:${options.qualifier}`;
    throw new AwsServiceError('ResourceNotFoundException', `Function not found: ${shown}`, 404);
  }
  return fn;
}

function configurationOf(fn: LambdaFunction, stacks: StackStore): Record<string, unknown> {
  const config = fn.currentConfig;
  // What the sandbox does not run but reports as the template set it (architecture, tracing, description).
  const properties =
    stacks
      .list()
      .flatMap((stack) => stack.resources)
      .find((r) => r.type === 'AWS::Lambda::Function' && r.attributes['Arn'] === config.functionArn)?.properties ?? {};
  const architectures = Array.isArray(properties['Architectures']) ? properties['Architectures'] : ['x86_64'];
  const tracing = (properties['TracingConfig'] as { Mode?: unknown } | undefined)?.Mode;
  return {
    FunctionName: config.functionName,
    FunctionArn: config.functionArn,
    Runtime: config.runtime,
    Role: config.roleArn,
    Handler: config.handler,
    ...(typeof properties['Description'] === 'string' ? { Description: properties['Description'] } : {}),
    Timeout: config.timeoutSeconds ?? 3,
    MemorySize: config.memorySize ?? 128,
    Version: '$LATEST',
    Environment: { Variables: config.environment ?? {} },
    TracingConfig: { Mode: tracing === 'Active' ? 'Active' : 'PassThrough' },
    State: 'Active',
    LastUpdateStatus: 'Successful',
    PackageType: 'Zip',
    Architectures: architectures,
    EphemeralStorage: { Size: 512 },
    LoggingConfig: {
      LogFormat: config.logFormat ?? 'Text',
      ...(config.applicationLogLevel === undefined ? {} : { ApplicationLogLevel: config.applicationLogLevel }),
      LogGroup: config.logGroupName ?? `/aws/lambda/${config.functionName}`,
    },
  };
}

async function invoke(
  sandbox: SandboxContext,
  lambda: LambdaService,
  fn: LambdaFunction,
  request: SandboxRequest,
  response: ServerResponse,
): Promise<void> {
  const type = String(request.headers['x-amz-invocation-type'] ?? 'RequestResponse');
  if (type !== 'RequestResponse' && type !== 'DryRun') {
    throw new AwsServiceError(
      'InvalidParameterValueException',
      `InvocationType ${type} is not emulated by the sandbox (use RequestResponse or DryRun).`,
      400,
    );
  }
  const text = request.body.toString('utf8');
  let event: unknown = {};
  if (text !== '') {
    try {
      event = JSON.parse(text);
    } catch {
      throw new AwsServiceError('InvalidRequestContentException', 'Could not parse request body into json', 400);
    }
  }
  if (type === 'DryRun') {
    response.writeHead(204).end();
    return;
  }
  // Faults on service `lambda` apply here too: this is Lambda's own endpoint, called over HTTP.
  const faulted = withLambdaFaults(sandbox.faults, (arn, payload) =>
    invokeCounted(sandbox.counters, lambda, arn, payload),
  );
  const result = await faulted(fn.arn, event);
  const headers: Record<string, string> = { 'x-amz-executed-version': '$LATEST', 'x-amzn-requestid': result.requestId };
  const payload =
    result.kind === 'ok'
      ? result.payload
      : JSON.stringify({ errorType: result.errorType, errorMessage: result.errorMessage, trace: [] });
  if (result.kind === 'function-error') headers['x-amz-function-error'] = 'Unhandled';
  response.writeHead(200, {
    ...headers,
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(payload),
  });
  response.end(payload);
}

function sendError(response: ServerResponse, status: number, type: string, message: string): void {
  response.setHeader('x-amzn-ErrorType', type);
  sendJson(response, status, { Type: 'User', Message: message });
}

/** The {FunctionName} path parameter, percent-decoded (a malformed escape is the caller's error, not a 500). */
function functionNameParam(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new AwsServiceError(
      'InvalidParameterValueException',
      `FunctionName '${raw}' is not validly percent-encoded.`,
      400,
    );
  }
}
