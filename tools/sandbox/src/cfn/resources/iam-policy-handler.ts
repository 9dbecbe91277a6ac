import { TemplateError } from '../../errors';
import { validatePolicy } from '../../iam/validate-policy';
import type { ResourceHandler } from '../resource-handler';
import { generatePhysicalName } from './generate-physical-name';

/** AWS::IAM::Policy: an inline policy attached to the listed Roles (Users and Groups are not emulated). */
export const iamPolicyHandler: ResourceHandler = {
  async apply(properties, context, previous) {
    if (typeof properties.PolicyName !== 'string')
      throw new TemplateError(`${context.logicalId}: PolicyName is required.`);
    const document = await validatePolicy(properties.PolicyDocument, 'identity', `${context.logicalId}.PolicyDocument`);
    const roleNames = (Array.isArray(properties.Roles) ? properties.Roles : []).map(String);
    for (const roleName of roleNames) {
      if (context.sandbox.iam.getRole(context.accountId, roleName) === undefined) {
        throw new TemplateError(
          `${context.logicalId}: the role with name ${roleName} cannot be found in account ${context.accountId}.`,
        );
      }
    }
    if (properties.Users !== undefined || properties.Groups !== undefined) {
      context.note('Users/Groups of AWS::IAM::Policy are not emulated (only Roles get the policy).');
    }
    const physicalId = previous?.physicalId ?? generatePhysicalName(context.stackName, context.logicalId, 128);
    context.sandbox.iam.attachPolicy(
      ownerId(context.accountId, context.stackName, context.logicalId),
      { name: properties.PolicyName, document },
      roleNames.map((roleName) => ({ accountId: context.accountId, roleName })),
    );
    return { physicalId, attributes: { Id: physicalId } };
  },
  delete(_resource, context) {
    context.sandbox.iam.detachPolicy(ownerId(context.accountId, context.stackName, context.logicalId));
    return Promise.resolve();
  },
};

function ownerId(accountId: string, stackName: string, logicalId: string): string {
  return `${accountId}/${stackName}/${logicalId}`;
}
