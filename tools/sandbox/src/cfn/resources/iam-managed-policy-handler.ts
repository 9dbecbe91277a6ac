import { TemplateError } from '../../errors';
import { validatePolicy } from '../../iam/validate-policy';
import type { ResourceHandler } from '../resource-handler';
import { generatePhysicalName } from './generate-physical-name';

/**
 * AWS::IAM::ManagedPolicy: a customer managed policy (Ref = its ARN) that applies to the roles listing it in
 * ManagedPolicyArns and to the roles in its own `Roles` (Users and Groups are not emulated).
 */
export const iamManagedPolicyHandler: ResourceHandler = {
  async apply(properties, context, previous) {
    const name =
      typeof properties.ManagedPolicyName === 'string'
        ? properties.ManagedPolicyName
        : ((previous?.attributes.PolicyName as string | undefined) ??
          generatePhysicalName(context.stackName, context.logicalId, 128));
    const path = typeof properties.Path === 'string' ? properties.Path : '/';
    if (!/^\/([\x21-\x7e]*\/)?$/.test(path))
      throw new TemplateError(`${context.logicalId}: Path '${path}' must start and end with '/'.`);
    const document = await validatePolicy(properties.PolicyDocument, 'identity', `${context.logicalId}.PolicyDocument`);
    const arn = `arn:aws:iam::${context.accountId}:policy${path}${name}`;
    const roleNames = (Array.isArray(properties.Roles) ? properties.Roles : []).map(String);
    for (const roleName of roleNames) {
      if (context.sandbox.iam.getRole(context.accountId, roleName) === undefined) {
        throw new TemplateError(
          `${context.logicalId}: the role with name ${roleName} cannot be found in account ${context.accountId}.`,
        );
      }
    }
    if (properties.Users !== undefined || properties.Groups !== undefined)
      context.note('Users/Groups of AWS::IAM::ManagedPolicy are not emulated.');
    if (previous !== undefined && previous.physicalId !== arn)
      context.sandbox.iam.deleteManagedPolicy(previous.physicalId);
    context.sandbox.iam.putManagedPolicy(arn, { name, document });
    // Its own `Roles` list attaches it like an inline attachment owned by this resource.
    context.sandbox.iam.attachPolicy(
      `${context.accountId}/${context.stackName}/${context.logicalId}`,
      { name, document },
      roleNames.map((roleName) => ({ accountId: context.accountId, roleName })),
    );
    return { physicalId: arn, attributes: { PolicyArn: arn, PolicyName: name } };
  },
  delete(resource, context) {
    context.sandbox.iam.detachPolicy(`${context.accountId}/${context.stackName}/${context.logicalId}`);
    context.sandbox.iam.deleteManagedPolicy(resource.physicalId);
    return Promise.resolve();
  },
};
