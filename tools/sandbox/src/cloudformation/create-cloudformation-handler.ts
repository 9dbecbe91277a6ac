import { stackArn, type StackRecord } from '../cfn/stack-record';
import { AwsServiceError } from '../errors';
import type { CallerIdentity } from '../iam/caller-identity';
import { denialOf } from '../iam/denial-of';
import { queryResultXml, sendQueryError, sendXml, xmlMembers } from '../query/query-xml';
import type { SandboxContext } from '../sandbox-context';
import type { SandboxRouteHandler } from '../server/sandbox-request';
import { verifySigV4 } from '../sigv4/verify-sigv4';
import { escapeXml } from '../sts/escape-xml';

const NAMESPACE = 'http://cloudformation.amazonaws.com/doc/2010-05-15/';
const KNOWN_ACTIONS = new Set(['DescribeStacks', 'ListStacks']);

/**
 * CloudFormation over awsQuery: DescribeStacks and ListStacks of the stacks deployed into the caller's account
 * and region (status, outputs), authorized as `cloudformation:<Action>` like AWS, so the SDK and the AWS CLI
 * (`aws cloudformation describe-stacks --endpoint-url …`) work against the sandbox.
 */
export function createCloudFormationHandler(sandbox: SandboxContext): SandboxRouteHandler {
  return async (request, response) => {
    const form = new URLSearchParams(request.body.toString('utf8'));
    const action = form.get('Action') ?? '';
    sandbox.counters.increment('cloudformation', KNOWN_ACTIONS.has(action) ? action : '(unknown)');
    try {
      const { identity, region } = await verifySigV4(request, 'cloudformation', sandbox.keys);
      let result: string;
      if (action === 'DescribeStacks') result = await describeStacks(sandbox, identity, region, form.get('StackName'));
      else if (action === 'ListStacks') result = await listStacks(sandbox, identity, region, form);
      else
        throw new AwsServiceError(
          'InvalidAction',
          `Could not find operation ${action || '(none)'} for version 2010-05-15 (the sandbox emulates DescribeStacks and ListStacks).`,
          400,
        );
      sendXml(response, 200, queryResultXml(NAMESPACE, action, result, request.requestId));
    } catch (error) {
      if (!sendQueryError(response, NAMESPACE, error, request.requestId)) throw error;
    }
  };
}

async function describeStacks(
  sandbox: SandboxContext,
  identity: CallerIdentity,
  region: string,
  stackName: string | null,
): Promise<string> {
  const mine = stacksOf(sandbox, identity.accountId, region);
  let selected = mine;
  if (stackName !== null && stackName !== '') {
    const stack = mine.find((s) => s.stackName === stackName || stackArn(s) === stackName);
    const resource =
      stack === undefined
        ? `arn:aws:cloudformation:${region}:${identity.accountId}:stack/${stackName}/*`
        : stackArn(stack);
    await authorize(sandbox, identity, 'cloudformation:DescribeStacks', resource);
    if (stack === undefined)
      throw new AwsServiceError('ValidationError', `Stack with id ${stackName} does not exist`, 400);
    selected = [stack];
  } else {
    await authorize(sandbox, identity, 'cloudformation:DescribeStacks', '*');
  }
  return `    <Stacks>\n${selected.map(stackXml).join('')}    </Stacks>\n`;
}

async function listStacks(
  sandbox: SandboxContext,
  identity: CallerIdentity,
  region: string,
  form: URLSearchParams,
): Promise<string> {
  await authorize(sandbox, identity, 'cloudformation:ListStacks', '*');
  const filter = new Set(
    [...form.entries()].filter(([key]) => /^StackStatusFilter\.member\.\d+$/.test(key)).map(([, value]) => value),
  );
  const stacks = stacksOf(sandbox, identity.accountId, region).filter(
    (s) => filter.size === 0 || filter.has(statusOf(s)),
  );
  const summaries = stacks.map(
    (s) =>
      `      <member>\n` +
      `        <StackId>${escapeXml(stackArn(s))}</StackId>\n        <StackName>${escapeXml(s.stackName)}</StackName>\n` +
      (s.description === undefined
        ? ''
        : `        <TemplateDescription>${escapeXml(s.description)}</TemplateDescription>\n`) +
      times(s, '        ') +
      status(s, '        ') +
      `        <DriftInformation><StackDriftStatus>NOT_CHECKED</StackDriftStatus></DriftInformation>\n` +
      `      </member>\n`,
  );
  return `    <StackSummaries>\n${summaries.join('')}    </StackSummaries>\n`;
}

function stackXml(stack: StackRecord): string {
  const outputs = Object.entries(stack.outputs).map(
    ([key, value]) =>
      `          <member>\n            <OutputKey>${escapeXml(key)}</OutputKey>\n` +
      `            <OutputValue>${escapeXml(value)}</OutputValue>\n` +
      (stack.outputDescriptions?.[key] === undefined
        ? ''
        : `            <Description>${escapeXml(stack.outputDescriptions[key])}</Description>\n`) +
      `          </member>\n`,
  );
  return (
    `      <member>\n` +
    `        <StackId>${escapeXml(stackArn(stack))}</StackId>\n        <StackName>${escapeXml(stack.stackName)}</StackName>\n` +
    (stack.description === undefined ? '' : `        <Description>${escapeXml(stack.description)}</Description>\n`) +
    times(stack, '        ') +
    status(stack, '        ') +
    `        <DisableRollback>true</DisableRollback>\n        <EnableTerminationProtection>false</EnableTerminationProtection>\n` +
    `        <Capabilities>\n${xmlMembers(['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM'], '          ')}        </Capabilities>\n` +
    `        <Outputs>\n${outputs.join('')}        </Outputs>\n        <Tags/>\n` +
    `        <DriftInformation><StackDriftStatus>NOT_CHECKED</StackDriftStatus></DriftInformation>\n` +
    `      </member>\n`
  );
}

function times(stack: StackRecord, indent: string): string {
  const created = stack.createdAt ?? stack.updatedAt;
  return (
    `${indent}<CreationTime>${created}</CreationTime>\n` +
    (stack.updatedAt === created ? '' : `${indent}<LastUpdatedTime>${stack.updatedAt}</LastUpdatedTime>\n`)
  );
}

function status(stack: StackRecord, indent: string): string {
  return (
    `${indent}<StackStatus>${statusOf(stack)}</StackStatus>\n` +
    (stack.statusReason === undefined
      ? ''
      : `${indent}<StackStatusReason>${escapeXml(stack.statusReason)}</StackStatusReason>\n`)
  );
}

function statusOf(stack: StackRecord): string {
  return stack.status ?? 'CREATE_COMPLETE';
}

function stacksOf(sandbox: SandboxContext, accountId: string, region: string): StackRecord[] {
  return sandbox.stacks
    .list()
    .filter((s) => s.accountId === accountId && s.region === region)
    .sort((a, b) => a.stackName.localeCompare(b.stackName));
}

async function authorize(
  sandbox: SandboxContext,
  identity: CallerIdentity,
  action: string,
  resource: string,
): Promise<void> {
  const denial = await denialOf(sandbox, { identity, action, resource, resourceAccount: identity.accountId });
  if (denial !== undefined) throw new AwsServiceError('AccessDenied', denial, 403);
}
