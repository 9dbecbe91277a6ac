/** Temporary keys of a role session, as `sandbox credentials` prints them. */
export interface SessionKeys {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  /** ISO time. */
  readonly expiration: string;
  readonly assumedRoleArn: string;
}

const quote = (value: string) => `'${value.replaceAll("'", `'\\''`)}'`;

/**
 * `export` lines for a POSIX shell (`eval "$(sandbox credentials ...)"`): the session's keys, the region and the
 * sandbox as the STS and DynamoDB endpoint, so the AWS CLI and SDKs act as the role. Comments carry the rest.
 */
export function credentialExports(keys: SessionKeys, endpoint: string, region: string): string {
  const variables: Array<[string, string]> = [
    ['AWS_ACCESS_KEY_ID', keys.accessKeyId],
    ['AWS_SECRET_ACCESS_KEY', keys.secretAccessKey],
    ['AWS_SESSION_TOKEN', keys.sessionToken],
    ['AWS_REGION', region],
    ['AWS_DEFAULT_REGION', region],
    ['AWS_ENDPOINT_URL_STS', endpoint],
    ['AWS_ENDPOINT_URL_DYNAMODB', endpoint],
  ];
  return [
    `# ${keys.assumedRoleArn}, expires ${keys.expiration}`,
    ...variables.map(([name, value]) => `export ${name}=${quote(value)}`),
    `# AWS CLI v1 before 1.29 / v2 before 2.13 and older boto3 ignore AWS_ENDPOINT_URL_*: pass --endpoint-url ${endpoint}`,
    '',
  ].join('\n');
}
