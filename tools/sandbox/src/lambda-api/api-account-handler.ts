import type { ResourceHandler } from '../cfn/resource-handler';

/** AWS::ApiGateway::Account (the region's CloudWatch role for execution logs): no effect in the sandbox. */
export const apiAccountHandler: ResourceHandler = {
  apply(_properties, context, previous) {
    context.note('AWS::ApiGateway::Account has no effect (execution logs go to the sandbox console).');
    return Promise.resolve({
      physicalId: previous?.physicalId ?? `${context.accountId}-${context.region}-apigateway-account`,
      attributes: {},
    });
  },
  delete() {
    return Promise.resolve();
  },
};
