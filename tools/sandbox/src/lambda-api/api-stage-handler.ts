import { TemplateError } from '../errors';
import type { ApiStage } from '../api-gateway/types';
import type { ResourceContext, ResourceHandler } from '../cfn/resource-handler';
import { lambdaApiServices } from './lambda-api-services';
import { parseMethodSettings } from './parse-method-settings';

/** AWS::ApiGateway::Stage: which deployment a stage serves, its variables and its throttling. */
export const apiStageHandler: ResourceHandler = {
  apply(properties, context) {
    const { apiId, stage } = stageInput(properties, context);
    for (const [key, what] of [
      ['AccessLogSetting', 'access logs are not written.'],
      ['TracingEnabled', 'X-Ray tracing is not emulated.'],
      ['CacheClusterEnabled', 'the stage cache is not emulated.'],
    ] as const) {
      if (properties[key] !== undefined && properties[key] !== false) context.note(what);
    }
    lambdaApiServices(context.sandbox).apis.putStage(apiId, stage);
    return Promise.resolve({ physicalId: stage.stageName, attributes: {} });
  },
  delete(resource, context) {
    lambdaApiServices(context.sandbox).apis.deleteStage(String(resource.properties['RestApiId']), resource.physicalId);
    return Promise.resolve();
  },
  restore(resource, context) {
    const { apiId, stage } = stageInput(resource.properties, context);
    lambdaApiServices(context.sandbox).apis.putStage(apiId, stage);
    return Promise.resolve();
  },
};

function stageInput(
  properties: Readonly<Record<string, unknown>>,
  context: ResourceContext,
): { apiId: string; stage: ApiStage } {
  const { RestApiId: apiId, DeploymentId: deploymentId, StageName: stageName } = properties;
  if (typeof apiId !== 'string' || typeof deploymentId !== 'string' || typeof stageName !== 'string') {
    throw new TemplateError(`${context.logicalId}: RestApiId, DeploymentId and StageName are required strings.`);
  }
  if (!/^[\w-]{1,128}$/.test(stageName))
    throw new TemplateError(`${context.logicalId}: StageName '${stageName}' is invalid ([A-Za-z0-9_-]).`);
  const variables = Object.fromEntries(
    Object.entries((properties['Variables'] ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v)]),
  );
  return {
    apiId,
    stage: {
      stageName,
      deploymentId,
      variables,
      methodSettings: parseMethodSettings(properties['MethodSettings'], context.logicalId),
    },
  };
}
