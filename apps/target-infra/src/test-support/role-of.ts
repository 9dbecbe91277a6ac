import { resolveIntrinsics, type CfnTemplate } from './resolve-intrinsics';

export interface RoleUnderTest {
  readonly arn: string;
  readonly trust: unknown;
  readonly policies: readonly unknown[];
}

/** The template's one IAM role: ARN, trust and inline policies, resolved for `account` in `region`. */
export function roleOf(template: CfnTemplate, account: string, region: string): RoleUnderTest {
  const env = { partition: 'aws', accountId: account, region };
  const [id, role] = Object.entries(template.Resources).find(([, r]) => r.Type === 'AWS::IAM::Role') ?? [];
  if (!id || !role) throw new Error('no AWS::IAM::Role in the template');
  const props = resolveIntrinsics(role.Properties, template, env) as {
    AssumeRolePolicyDocument: unknown;
    Policies?: { PolicyDocument: unknown }[];
  };
  return {
    arn: resolveIntrinsics({ 'Fn::GetAtt': [id, 'Arn'] }, template, env) as string,
    trust: props.AssumeRolePolicyDocument,
    policies: (props.Policies ?? []).map((p) => p.PolicyDocument),
  };
}
