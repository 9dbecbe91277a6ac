import { CloudFormationClient, DescribeStacksCommand, type Stack } from '@aws-sdk/client-cloudformation';
import { accessRoleArn, grantsAccess, readerRoleArn, stackName, tableArn } from '@xacct/config';
import { fail, pass, skip, type CheckOutcome } from '../check-result';
import { awsCliTail, nxDeploy, type DoctorContext, type Side } from '../doctor-context';
import { errorText } from '../error-text';

const APP: Record<Side, 'target-infra' | 'source-infra'> = { source: 'source-infra', target: 'target-infra' };
/** The API stage the source stack deploys (ReaderApi's default). */
const API_STAGE = 'v1';

/**
 * Check 3: both stacks exist in a *_COMPLETE (not ROLLBACK) state and their outputs equal what the contract derives:
 * table and access-role ARN, reader-role ARN; the API URL by shape, region and stage only (AWS assigns the id).
 * Sides without credentials are left out; passing sides' outputs feed the later checks.
 */
export async function checkStacks(context: DoctorContext): Promise<CheckOutcome> {
  const sides = (['target', 'source'] as const).filter((side) => context.access[side] !== undefined);
  if (sides.length === 0) return skip('skipped (no side has working credentials: see check 2)');
  const passed: string[] = [];
  const failed: Array<Extract<CheckOutcome, { status: 'fail' }>> = [];
  for (const side of sides) {
    const problem = await problemOf(context, side);
    if (problem?.status === 'fail') failed.push(problem);
    else
      passed.push(
        `${stackName(context.stage, side)} ${side === 'target' ? '(table, access role)' : '(API, reader role)'}`,
      );
  }
  if (failed.length > 0)
    return fail(
      failed.map((f) => f.summary).join('; '),
      failed.map((f) => f.cause).join('\n'),
      failed.map((f) => f.fix).join('\n'),
    );
  const left = (['target', 'source'] as const).filter((side) => !sides.includes(side));
  return pass(
    `${passed.join(', ')}: complete, outputs match the contract${left.length === 0 ? '' : ` (${left[0]} not checked: no credentials)`}`,
  );
}

async function problemOf(context: DoctorContext, side: Side): Promise<CheckOutcome | undefined> {
  const { stage } = context;
  const access = context.access[side];
  if (access === undefined) return undefined;
  const name = stackName(stage, side);
  const deploy = nxDeploy(context, APP[side]);
  const client = new CloudFormationClient(access.clientConfig);
  let stack: Stack | undefined;
  try {
    stack = (await client.send(new DescribeStacksCommand({ StackName: name }))).Stacks?.[0];
  } catch (error) {
    if (/does not exist/.test(errorText(error)))
      return fail(
        `${name} is not deployed`,
        `stack ${name} does not exist in account ${access.accountId} (${access.region})`,
        deploy,
      );
    return fail(`cannot read ${name}`, errorText(error), cannotReadFix(context, side));
  } finally {
    client.destroy();
  }
  const status = stack?.StackStatus ?? 'UNKNOWN';
  if (!status.endsWith('_COMPLETE') || status.includes('ROLLBACK')) {
    const reason = stack?.StackStatusReason === undefined ? '' : `: ${stack.StackStatusReason}`;
    return fail(
      `${name} is ${status}`,
      `stack ${name} is in state ${status}${reason}`,
      stateFix(status, name, deploy, context, side),
    );
  }
  const outputs = Object.fromEntries((stack?.Outputs ?? []).map((o) => [o.OutputKey ?? '', o.OutputValue ?? '']));
  const wrong =
    side === 'target' ? targetMismatches(context, outputs) : sourceMismatches(context, access.region, outputs);
  if (wrong.length > 0)
    return fail(
      `${name} outputs differ from the contract`,
      `${wrong.join('; ')} (deployed from another version of config/stages/${stage.name}.json?)`,
      deploy,
    );
  context.outputs[side] = outputs;
  return undefined;
}

function targetMismatches(context: DoctorContext, outputs: Record<string, string>): string[] {
  return [
    mismatch('TableArn', outputs['TableArn'], tableArn(context.stage)),
    // Only a stage that grants assume-role has an access role (resource-policy mode: the table policy instead).
    grantsAccess(context.stage, 'assume-role')
      ? mismatch('AccessRoleArn', outputs['AccessRoleArn'], accessRoleArn(context.stage))
      : undefined,
  ].flatMap((m) => (m === undefined ? [] : [m]));
}

function sourceMismatches(context: DoctorContext, region: string, outputs: Record<string, string>): string[] {
  const wrong = [mismatch('ReaderRoleArn', outputs['ReaderRoleArn'], readerRoleArn(context.stage))].flatMap((m) =>
    m === undefined ? [] : [m],
  );
  const url = outputs['ApiUrl'];
  const shape = new RegExp(
    `^https://[a-z0-9]{10}\\.execute-api\\.${region.replace(/-/g, '\\-')}\\.amazonaws\\.com(\\.cn)?/${API_STAGE}/$`,
  );
  if (url === undefined || !shape.test(url))
    wrong.push(
      `ApiUrl is ${url === undefined ? 'missing' : `'${url}'`}, expected https://<api id>.execute-api.${region}.amazonaws.com/${API_STAGE}/`,
    );
  return wrong;
}

function mismatch(key: string, actual: string | undefined, expected: string): string | undefined {
  if (actual === expected) return undefined;
  return `${key} is ${actual === undefined ? 'missing' : `'${actual}'`}, the contract derives '${expected}'`;
}

function stateFix(status: string, name: string, deploy: string, context: DoctorContext, side: Side): string {
  if (status === 'ROLLBACK_COMPLETE' || status === 'ROLLBACK_FAILED' || status === 'CREATE_FAILED')
    return `${nxDeploy(context, APP[side], 'destroy')} && ${deploy}   # a stack that never got created must be deleted first; fix the cause above before`;
  if (status === 'UPDATE_ROLLBACK_FAILED')
    return `aws cloudformation continue-update-rollback --stack-name ${name}${awsCliTail(context, side)} && ${deploy}`;
  if (status.endsWith('_IN_PROGRESS'))
    return `aws cloudformation wait stack-update-complete --stack-name ${name}${awsCliTail(context, side)}   # then run doctor again`;
  return `${deploy}   # after fixing the cause above`;
}

function cannotReadFix(context: DoctorContext, side: Side): string {
  return `aws cloudformation describe-stacks --stack-name ${stackName(context.stage, side)}${awsCliTail(context, side)}   # the ${side} credentials need cloudformation:DescribeStacks`;
}
