import { nxDeploy, type DoctorContext } from './doctor-context';

/** What to run for a reader error code (the Lambda's JSON error, or API Gateway's 502/503). */
export function readerErrorFix(context: DoctorContext, code: string | undefined, functionName: string): string {
  const stage = context.stage.name;
  switch (code) {
    case 'TargetAccessDenied':
      return context.stage.access.mode === 'resource-policy'
        ? `${nxDeploy(context, 'target-infra')}   # the table's resource policy must admit this reader role (check 5); deploy both sides from the same stage file`
        : `${nxDeploy(context, 'target-infra')}   # the access role must exist and trust this reader role with the stage's ExternalId (check 5); deploy both sides from the same stage file`;
    case 'TargetTableNotFound':
      return `${nxDeploy(context, 'target-infra')}   # the table the function's TABLE_NAME names must exist in the target account (check 4)`;
    case 'TargetThrottled':
    case 'TargetUnavailable':
      return `npm run doctor -- --stage ${stage}   # STS or DynamoDB was slow or throttled: run doctor again in a minute`;
    default:
      return context.stage.kind === 'local'
        ? `curl -s -H 'x-sandbox-admin: 1' ${context.endpoint ?? 'http://127.0.0.1:4566'}/_sandbox/functions/${functionName}/logs   # the function's log says why`
        : `aws logs tail /aws/lambda/${functionName} --since 15m${context.stage.source.profile === undefined ? '' : ` --profile ${context.stage.source.profile}`} --region ${context.stage.source.region}   # the function's log says why`;
  }
}

/** The `error.code` of the reader's JSON error body, if it is one. */
export function readerErrorCode(body: string | undefined): string | undefined {
  try {
    const code = (JSON.parse(body ?? '') as { error?: { code?: unknown } }).error?.code;
    return typeof code === 'string' ? code : undefined;
  } catch {
    return undefined;
  }
}
