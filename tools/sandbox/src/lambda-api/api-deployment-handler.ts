import { TemplateError } from '../errors';
import type { ApiDefinition } from '../api-gateway/types';
import type { ResourceHandler } from '../cfn/resource-handler';
import { lambdaApiServices } from './lambda-api-services';
import { parseMethodSettings } from './parse-method-settings';

/**
 * AWS::ApiGateway::Deployment: freezes the API's current resources and methods (CDK renames the deployment
 * whenever they change, so a stack update creates a new one and moves the stage to it). A `StageName`
 * creates that stage too.
 */
export const apiDeploymentHandler: ResourceHandler = {
  apply(properties, context, previous) {
    const apiId = properties['RestApiId'];
    if (typeof apiId !== 'string') throw new TemplateError(`${context.logicalId}: RestApiId is required.`);
    const { apis } = lambdaApiServices(context.sandbox);
    const id = apis.createDeployment(apiId, previous?.physicalId);
    const stageName = properties['StageName'];
    if (typeof stageName === 'string') {
      const description = (properties['StageDescription'] ?? {}) as Record<string, unknown>;
      const stageWide = {
        resourcePath: '/*',
        httpMethod: '*',
        ...(description['ThrottlingRateLimit'] === undefined
          ? {}
          : { throttlingRateLimit: Number(description['ThrottlingRateLimit']) }),
        ...(description['ThrottlingBurstLimit'] === undefined
          ? {}
          : { throttlingBurstLimit: Number(description['ThrottlingBurstLimit']) }),
      };
      apis.putStage(apiId, {
        stageName,
        deploymentId: id,
        variables: (description['Variables'] ?? {}) as Record<string, string>,
        methodSettings: [...parseMethodSettings(description['MethodSettings'], context.logicalId), stageWide],
      });
    }
    return Promise.resolve({
      physicalId: id,
      attributes: { DeploymentId: id },
      data: { definition: apis.getDeployment(apiId, id) },
    });
  },
  delete(resource, context) {
    const apiId = String(resource.properties['RestApiId']);
    const { apis } = lambdaApiServices(context.sandbox);
    if (typeof resource.properties['StageName'] === 'string') apis.deleteStage(apiId, resource.properties['StageName']);
    apis.deleteDeployment(apiId, resource.physicalId);
    return Promise.resolve();
  },
  restore(resource, context) {
    const { definition } = (resource.data ?? {}) as { definition?: ApiDefinition };
    lambdaApiServices(context.sandbox).apis.createDeployment(
      String(resource.properties['RestApiId']),
      resource.physicalId,
      definition,
    );
    return Promise.resolve();
  },
};
