import { TemplateError } from '../../errors';
import type { NamedPolicy } from '../../iam/policy-document';
import { rolePrincipalArns } from '../../iam/role-principal-arns';
import { validatePolicy } from '../../iam/validate-policy';
import type { ResourceHandler } from '../resource-handler';
import { generatePhysicalName } from './generate-physical-name';

/** AWS::IAM::Role: trust policy, path, MaxSessionDuration, inline Policies, ManagedPolicyArns (AWS-managed ones it knows). */
export const iamRoleHandler: ResourceHandler = {
  async apply(properties, context, previous) {
    const roleName =
      typeof properties.RoleName === 'string'
        ? properties.RoleName
        : (previous?.physicalId ?? generatePhysicalName(context.stackName, context.logicalId, 64));
    if (!/^[\w+=,.@-]{1,64}$/.test(roleName))
      throw new TemplateError(`RoleName '${roleName}' is invalid (1-64 of [A-Za-z0-9+=,.@_-]).`);
    const path = typeof properties.Path === 'string' ? properties.Path : '/';
    if (!/^\/([\x21-\x7e]*\/)?$/.test(path))
      throw new TemplateError(`Path '${path}' is invalid: it must start and end with '/'.`);
    const maxSessionDuration =
      properties.MaxSessionDuration === undefined ? 3600 : Number(properties.MaxSessionDuration);
    if (!Number.isInteger(maxSessionDuration) || maxSessionDuration < 3600 || maxSessionDuration > 43200) {
      throw new TemplateError(
        `MaxSessionDuration must be 3600..43200 seconds, got ${String(properties.MaxSessionDuration)}.`,
      );
    }
    const trustPolicy = await validatePolicy(
      properties.AssumeRolePolicyDocument,
      'trust',
      `${context.logicalId}.AssumeRolePolicyDocument`,
    );
    // As IAM: a trust policy may name only roles that exist (it pins them to their unique ids).
    for (const arn of rolePrincipalArns(trustPolicy)) {
      if (context.sandbox.iam.getRoleByArn(arn) === undefined) {
        throw new TemplateError(
          `MalformedPolicyDocument: Invalid principal in policy: "AWS":"${arn}" (${context.logicalId}.AssumeRolePolicyDocument): no role with this ARN (path included) exists. Deploy the stack that creates it first, or trust the account root with an aws:PrincipalArn condition.`,
        );
      }
    }
    const inlinePolicies: NamedPolicy[] = [];
    for (const [i, entry] of (Array.isArray(properties.Policies) ? properties.Policies : []).entries()) {
      const { PolicyName: name, PolicyDocument: document } = (entry ?? {}) as {
        PolicyName?: unknown;
        PolicyDocument?: unknown;
      };
      if (typeof name !== 'string') throw new TemplateError(`${context.logicalId}.Policies[${i}] has no PolicyName.`);
      inlinePolicies.push({
        name,
        document: await validatePolicy(document, 'identity', `${context.logicalId}.Policies[${i}] (${name})`),
      });
    }
    const managedPolicyArns = (Array.isArray(properties.ManagedPolicyArns) ? properties.ManagedPolicyArns : []).map(
      String,
    );
    for (const arn of managedPolicyArns) {
      if (!context.sandbox.iam.knowsManagedPolicy(arn)) {
        context.note(`managed policy ${arn} is not known to the sandbox and grants nothing here.`);
      }
    }
    if (properties.PermissionsBoundary !== undefined)
      context.note('PermissionsBoundary is not emulated (the role gets its policies without the boundary).');
    const existing = context.sandbox.iam.getRole(context.accountId, roleName);
    if (existing !== undefined && previous?.physicalId !== roleName) {
      throw new TemplateError(
        `Role ${roleName} already exists in account ${context.accountId} (created by another stack?).`,
      );
    }
    const role = context.sandbox.iam.putRole({
      accountId: context.accountId,
      roleName,
      path,
      trustPolicy,
      maxSessionDuration,
      inlinePolicies,
      managedPolicyArns,
    });
    return { physicalId: role.roleName, attributes: { Arn: role.arn, RoleId: role.roleId } };
  },
  delete(resource, context) {
    context.sandbox.iam.deleteRole(context.accountId, resource.physicalId);
    return Promise.resolve();
  },
};
