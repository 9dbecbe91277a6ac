import { TemplateError } from '../errors';
import type { ResourceHandler } from '../cfn/resource-handler';
import { lambdaApiServices } from './lambda-api-services';

/** AWS::ApiGateway::RequestValidator: parameter validation is enforced; body models are not emulated. */
export const apiRequestValidatorHandler: ResourceHandler = {
  apply(properties, context, previous) {
    const apiId = properties['RestApiId'];
    if (typeof apiId !== 'string') throw new TemplateError(`${context.logicalId}: RestApiId is required.`);
    const id = lambdaApiServices(context.sandbox).apis.putValidator(apiId, {
      ...flags(properties),
      ...(previous ? { id: previous.physicalId } : {}),
    });
    if (flags(properties).validateRequestBody)
      context.note('body validation (models) is not emulated; parameter validation is.');
    return Promise.resolve({ physicalId: id, attributes: { RequestValidatorId: id } });
  },
  delete(resource, context) {
    lambdaApiServices(context.sandbox).apis.deleteValidator(
      String(resource.properties['RestApiId']),
      resource.physicalId,
    );
    return Promise.resolve();
  },
  restore(resource, context) {
    lambdaApiServices(context.sandbox).apis.putValidator(String(resource.properties['RestApiId']), {
      ...flags(resource.properties),
      id: resource.physicalId,
    });
    return Promise.resolve();
  },
};

function flags(properties: Readonly<Record<string, unknown>>): {
  validateRequestParameters: boolean;
  validateRequestBody: boolean;
} {
  const on = (value: unknown) => value === true || value === 'true';
  return {
    validateRequestParameters: on(properties['ValidateRequestParameters']),
    validateRequestBody: on(properties['ValidateRequestBody']),
  };
}
