/** A role session principal with the context keys AWS derives for it. */
export function session(
  roleArn: string,
  sessionName = 'xacct-local-reader',
): { principal: string; context: Record<string, string> } {
  const [, , , , account, resource] = roleArn.split(':') as string[];
  const roleName = resource?.slice('role/'.length) ?? '';
  return {
    principal: `arn:aws:sts::${account}:assumed-role/${roleName}/${sessionName}`,
    context: { 'aws:PrincipalArn': roleArn, 'aws:PrincipalAccount': account ?? '' },
  };
}

/** An IAM user or root principal with its context keys. */
export function identity(arn: string): { principal: string; context: Record<string, string> } {
  return { principal: arn, context: { 'aws:PrincipalArn': arn, 'aws:PrincipalAccount': arn.split(':')[4] ?? '' } };
}
