import { TemplateError } from '../errors';
import type { ResourceContext, ResourceHandler } from '../cfn/resource-handler';
import { lambdaApiServices } from './lambda-api-services';

/** AWS::ApiGateway::Resource: one path part (`items`, `{key}`, `{proxy+}`) under its parent. */
export const apiResourceHandler: ResourceHandler = {
  apply(properties, context, previous) {
    const input = resourceInput(properties, context);
    const same =
      previous !== undefined &&
      previous.properties['RestApiId'] === input.apiId &&
      previous.properties['ParentId'] === input.parentId &&
      previous.properties['PathPart'] === input.pathPart;
    const id = lambdaApiServices(context.sandbox).apis.putResource(input.apiId, {
      parentId: input.parentId,
      pathPart: input.pathPart,
      ...(same ? { id: previous.physicalId } : {}),
    });
    return Promise.resolve({ physicalId: id, attributes: { ResourceId: id } });
  },
  delete(resource, context) {
    lambdaApiServices(context.sandbox).apis.deleteResource(
      String(resource.properties['RestApiId']),
      resource.physicalId,
    );
    return Promise.resolve();
  },
  restore(resource, context) {
    const input = resourceInput(resource.properties, context);
    lambdaApiServices(context.sandbox).apis.putResource(input.apiId, {
      parentId: input.parentId,
      pathPart: input.pathPart,
      id: resource.physicalId,
    });
    return Promise.resolve();
  },
};

function resourceInput(
  properties: Readonly<Record<string, unknown>>,
  context: ResourceContext,
): { apiId: string; parentId: string; pathPart: string } {
  const { RestApiId: apiId, ParentId: parentId, PathPart: pathPart } = properties;
  if (typeof apiId !== 'string' || typeof parentId !== 'string' || typeof pathPart !== 'string') {
    throw new TemplateError(`${context.logicalId}: RestApiId, ParentId and PathPart are required strings.`);
  }
  if (!/^([\w.~:@!$&'()*,;=-]+|\{[\w.-]+\+?\})$/.test(pathPart)) {
    throw new TemplateError(
      `${context.logicalId}: PathPart '${pathPart}' is invalid (a literal segment, {name} or {name+}).`,
    );
  }
  return { apiId, parentId, pathPart };
}
