/**
 * The resource of `execute-api:Invoke` and the SourceArn of the Lambda call:
 * `arn:aws:execute-api:<region>:<account>:<apiId>/<stage>/<METHOD>/<path without leading slash>`.
 */
export function executeApiArn(parts: {
  region: string;
  accountId: string;
  apiId: string;
  stage: string;
  method: string;
  path: string;
}): string {
  const path = parts.path.replace(/^\//, '');
  return `arn:aws:execute-api:${parts.region}:${parts.accountId}:${parts.apiId}/${parts.stage}/${parts.method}/${path}`;
}
