import { TemplateError } from '../errors';
import type { GatewayResponse } from '../api-gateway/types';
import type { ResourceContext, ResourceHandler } from '../cfn/resource-handler';
import { lambdaApiServices } from './lambda-api-services';

/** AWS::ApiGateway::GatewayResponse: status, static headers and body templates of API Gateway's own errors. */
export const apiGatewayResponseHandler: ResourceHandler = {
  apply(properties, context) {
    const { apiId, response } = responseInput(properties, context);
    lambdaApiServices(context.sandbox).apis.putGatewayResponse(apiId, response);
    return Promise.resolve({ physicalId: `${apiId}-${response.responseType}`, attributes: {} });
  },
  delete(resource, context) {
    const { apiId, response } = responseInput(resource.properties, context);
    lambdaApiServices(context.sandbox).apis.deleteGatewayResponse(apiId, response.responseType);
    return Promise.resolve();
  },
  restore(resource, context) {
    const { apiId, response } = responseInput(resource.properties, context);
    lambdaApiServices(context.sandbox).apis.putGatewayResponse(apiId, response);
    return Promise.resolve();
  },
};

function responseInput(
  properties: Readonly<Record<string, unknown>>,
  context: ResourceContext,
): { apiId: string; response: GatewayResponse } {
  const { RestApiId: apiId, ResponseType: responseType } = properties;
  if (typeof apiId !== 'string' || typeof responseType !== 'string') {
    throw new TemplateError(`${context.logicalId}: RestApiId and ResponseType are required strings.`);
  }
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries((properties['ResponseParameters'] ?? {}) as Record<string, unknown>)) {
    const name = /^gatewayresponse\.header\.(.+)$/.exec(key)?.[1];
    const literal = /^'(.*)'$/.exec(String(value))?.[1];
    // Only static values ('...'); mappings from the request are not emulated.
    if (name !== undefined && literal !== undefined) headers[name.toLowerCase()] = literal;
  }
  const templates = Object.fromEntries(
    Object.entries((properties['ResponseTemplates'] ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v)]),
  );
  const statusCode = properties['StatusCode'] === undefined ? undefined : Number(properties['StatusCode']);
  return { apiId, response: { responseType, headers, templates, ...(statusCode === undefined ? {} : { statusCode }) } };
}
