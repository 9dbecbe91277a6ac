import { TemplateError } from '../errors';
import { functionArn } from '../lambda/function-arn';
import type { LambdaPermission } from '../lambda/lambda-service';
import type { ResourceContext, ResourceHandler } from '../cfn/resource-handler';
import { generatePhysicalName } from '../cfn/resources/generate-physical-name';
import { lambdaApiServices } from './lambda-api-services';

/** AWS::Lambda::Permission: a statement of the function's resource policy (API Gateway checks it per call). */
export const lambdaPermissionHandler: ResourceHandler = {
  apply(properties, context, previous) {
    const statementId = previous?.physicalId ?? generatePhysicalName(context.stackName, context.logicalId, 100);
    const permission = toPermission(properties, context, statementId);
    const { lambda } = lambdaApiServices(context.sandbox);
    if (!lambda.get(permission.functionArn)) {
      throw new TemplateError(`${context.logicalId}: Function not found: ${permission.functionArn}`);
    }
    if (previous) lambda.removePermission(String(previous.attributes['FunctionArn']), statementId);
    lambda.addPermission(permission);
    return Promise.resolve({ physicalId: statementId, attributes: { FunctionArn: permission.functionArn } });
  },
  delete(resource, context) {
    lambdaApiServices(context.sandbox).lambda.removePermission(
      String(resource.attributes['FunctionArn']),
      resource.physicalId,
    );
    return Promise.resolve();
  },
  restore(resource, context) {
    lambdaApiServices(context.sandbox).lambda.addPermission(
      toPermission(resource.properties, context, resource.physicalId),
    );
    return Promise.resolve();
  },
};

function toPermission(
  properties: Readonly<Record<string, unknown>>,
  context: ResourceContext,
  statementId: string,
): LambdaPermission {
  const {
    FunctionName: name,
    Action: action,
    Principal: principal,
    SourceArn: sourceArn,
    SourceAccount: sourceAccount,
  } = properties;
  if (typeof name !== 'string' || typeof action !== 'string' || typeof principal !== 'string') {
    throw new TemplateError(`${context.logicalId}: FunctionName, Action and Principal are required strings.`);
  }
  const arn = functionArn(name, context.accountId, context.region);
  const owner = arn.split(':')[4];
  if (owner !== context.accountId) {
    // AddPermission changes the policy of a function of the caller's own account only.
    throw new TemplateError(
      `${context.logicalId}: FunctionName ${name} is a function of account ${owner}, not of the stack's account ${context.accountId}; a stack can add permissions to its own account's functions only.`,
    );
  }
  return {
    statementId,
    functionArn: arn,
    action,
    principal,
    ...(typeof sourceArn === 'string' ? { sourceArn } : {}),
    ...(typeof sourceAccount === 'string' ? { sourceAccount } : {}),
  };
}
