import { TemplateError } from '../errors';
import type { PolicyDocument } from '../iam/policy-document';
import type { ResourceContext, ResourceHandler } from '../cfn/resource-handler';
import { lambdaApiServices } from './lambda-api-services';

/** AWS::ApiGateway::RestApi: name, resource policy; its root resource. OpenAPI bodies are not emulated. */
export const apiRestApiHandler: ResourceHandler = {
  apply(properties, context, previous) {
    const { apis } = lambdaApiServices(context.sandbox);
    const input = restApiInput(properties, context);
    if (previous && apis.getRestApi(previous.physicalId)) {
      apis.updateRestApi(previous.physicalId, input);
      return Promise.resolve(previous);
    }
    const api = apis.createRestApi({ accountId: context.accountId, region: context.region, ...input });
    return Promise.resolve({ physicalId: api.apiId, attributes: { RootResourceId: api.definition.rootResourceId } });
  },
  delete(resource, context) {
    lambdaApiServices(context.sandbox).apis.deleteRestApi(resource.physicalId);
    return Promise.resolve();
  },
  restore(resource, context) {
    lambdaApiServices(context.sandbox).apis.createRestApi({
      accountId: context.accountId,
      region: context.region,
      ...restApiInput(resource.properties, context),
      apiId: resource.physicalId,
      rootResourceId: String(resource.attributes['RootResourceId']),
    });
    return Promise.resolve();
  },
};

function restApiInput(
  properties: Readonly<Record<string, unknown>>,
  context: ResourceContext,
): { name: string; policy?: PolicyDocument } {
  if (properties['Body'] !== undefined || properties['BodyS3Location'] !== undefined) {
    throw new TemplateError(
      `${context.logicalId}: OpenAPI import (Body/BodyS3Location) is not emulated; declare resources and methods (as CDK's RestApi does).`,
    );
  }
  const name = typeof properties['Name'] === 'string' ? properties['Name'] : context.logicalId;
  let policy = properties['Policy'];
  if (typeof policy === 'string') {
    try {
      policy = JSON.parse(policy);
    } catch (error) {
      throw new TemplateError(`${context.logicalId}.Policy is not valid JSON.`, { cause: error });
    }
  }
  if (policy !== undefined && (typeof policy !== 'object' || policy === null))
    throw new TemplateError(`${context.logicalId}.Policy must be a policy document.`);
  return { name, ...(policy === undefined ? {} : { policy: policy as PolicyDocument }) };
}
