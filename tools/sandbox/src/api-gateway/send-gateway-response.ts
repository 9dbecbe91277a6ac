import type { ServerResponse } from 'node:http';
import type { GatewayError } from './gateway-error';
import type { ApiDefinition } from './types';

/** Values of `$context.*` a gateway response template may use. */
export interface GatewayResponseContext {
  requestId: string;
  apiId?: string;
  stage?: string;
  httpMethod?: string;
  resourcePath?: string;
  sourceIp?: string;
}

/**
 * Answers an API Gateway error. With a matching `AWS::ApiGateway::GatewayResponse` (its own type, else
 * DEFAULT_4XX / DEFAULT_5XX) its status, headers and `application/json` template apply, as in AWS;
 * otherwise AWS's default `{"message": ...}` body.
 */
export function sendGatewayResponse(
  res: ServerResponse,
  error: GatewayError,
  context: GatewayResponseContext,
  definition?: ApiDefinition,
): void {
  const fallbackType = error.statusCode >= 500 ? 'DEFAULT_5XX' : 'DEFAULT_4XX';
  const custom = definition?.gatewayResponses[error.responseType] ?? definition?.gatewayResponses[fallbackType];
  const template = custom?.templates['application/json'] ?? Object.values(custom?.templates ?? {})[0];
  const body =
    template === undefined
      ? JSON.stringify({ [error.messageKey ?? 'message']: error.message })
      : render(template, error, context);
  res.writeHead(custom?.statusCode ?? error.statusCode, {
    ...custom?.headers,
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    'x-amzn-errortype': error.errorType,
  });
  res.end(body);
}

function render(template: string, error: GatewayError, context: GatewayResponseContext): string {
  const values: Record<string, string> = {
    'error.messageString': JSON.stringify(error.message),
    'error.message': error.message,
    'error.responseType': error.responseType,
    'error.validationErrorString': JSON.stringify(error.message),
    requestId: context.requestId,
    extendedRequestId: context.requestId.replaceAll('-', '').slice(0, 16),
    apiId: context.apiId ?? '',
    stage: context.stage ?? '',
    httpMethod: context.httpMethod ?? '',
    resourcePath: context.resourcePath ?? '',
    'identity.sourceIp': context.sourceIp ?? '',
  };
  // `$context.x` and `${context.x}`; unknown variables render empty, as in API Gateway's templates.
  return template.replace(/\$\{?context\.([A-Za-z][A-Za-z.]*[A-Za-z])\}?/g, (_all, name: string) => values[name] ?? '');
}
