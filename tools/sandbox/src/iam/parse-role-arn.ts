/** `arn:<partition>:iam::<account>:role[/path]/<name>`; the name uses the characters IAM allows in role names. */
const ROLE_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):role\/(?:.*\/)?([\w+=,.@-]+)$/;

/** The account and role name of an IAM role ARN, or undefined when `arn` is not one (the one role-ARN grammar here). */
export function parseRoleArn(arn: string): { accountId: string; roleName: string } | undefined {
  const match = ROLE_ARN.exec(arn);
  if (match === null) return undefined;
  return { accountId: match[1] ?? '', roleName: match[2] ?? '' };
}
