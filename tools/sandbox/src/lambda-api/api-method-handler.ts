import { TemplateError } from '../errors';
import type { ApiMethod } from '../api-gateway/types';
import type { ResourceContext, ResourceHandler } from '../cfn/resource-handler';
import { lambdaApiServices } from './lambda-api-services';

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'ANY']);

/** AWS::ApiGateway::Method: authorization, required parameters, validator and the (Lambda proxy) integration. */
export const apiMethodHandler: ResourceHandler = {
  apply(properties, context) {
    const { apiId, resourceId, method } = methodInput(properties, context, true);
    lambdaApiServices(context.sandbox).apis.putMethod(apiId, resourceId, method);
    // Same resource and verb -> same id: an update in place; anything else is a replacement.
    const id = `${resourceId}-${method.httpMethod}`;
    return Promise.resolve({ physicalId: id, attributes: {} });
  },
  delete(resource, context) {
    const { apiId, resourceId, method } = methodInput(resource.properties, context, false);
    lambdaApiServices(context.sandbox).apis.deleteMethod(apiId, resourceId, method.httpMethod);
    return Promise.resolve();
  },
  restore(resource, context) {
    const { apiId, resourceId, method } = methodInput(resource.properties, context, false);
    lambdaApiServices(context.sandbox).apis.putMethod(apiId, resourceId, method);
    return Promise.resolve();
  },
};

function methodInput(
  properties: Readonly<Record<string, unknown>>,
  context: ResourceContext,
  withNotes: boolean,
): { apiId: string; resourceId: string; method: ApiMethod } {
  const { RestApiId: apiId, ResourceId: resourceId } = properties;
  const httpMethod = String(properties['HttpMethod'] ?? '').toUpperCase();
  if (typeof apiId !== 'string' || typeof resourceId !== 'string') {
    throw new TemplateError(`${context.logicalId}: RestApiId and ResourceId are required strings.`);
  }
  if (!METHODS.has(httpMethod))
    throw new TemplateError(
      `${context.logicalId}: HttpMethod '${httpMethod}' is invalid (${[...METHODS].join(', ')}).`,
    );
  const authorizationType = String(properties['AuthorizationType'] ?? 'NONE');
  const note = (message: string) => withNotes && context.note(message);
  if (!['NONE', 'AWS_IAM'].includes(authorizationType))
    note(`${authorizationType} authorization is not emulated: calls answer 500.`);
  const apiKeyRequired = properties['ApiKeyRequired'] === true || properties['ApiKeyRequired'] === 'true';
  if (apiKeyRequired) note('API keys (ApiKeyRequired) are not enforced.');
  const requestParameters: Record<string, boolean> = {};
  for (const [key, value] of Object.entries((properties['RequestParameters'] ?? {}) as Record<string, unknown>)) {
    requestParameters[key] = value === true || value === 'true';
  }
  const integration = (properties['Integration'] ?? undefined) as Record<string, unknown> | undefined;
  if (integration && integration['Type'] !== 'AWS_PROXY')
    note(`${String(integration['Type'])} integrations are not emulated: calls answer 500.`);
  const method: ApiMethod = {
    httpMethod,
    authorizationType,
    apiKeyRequired,
    requestParameters,
    ...(typeof properties['RequestValidatorId'] === 'string'
      ? { requestValidatorId: properties['RequestValidatorId'] }
      : {}),
    ...(integration
      ? {
          integration: {
            type: String(integration['Type']),
            ...(typeof integration['Uri'] === 'string' ? { uri: integration['Uri'] } : {}),
            timeoutMs: integration['TimeoutInMillis'] === undefined ? 29_000 : Number(integration['TimeoutInMillis']),
          },
        }
      : {}),
  };
  return { apiId, resourceId, method };
}
