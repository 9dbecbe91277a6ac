import type { ServerResponse } from 'node:http';
import { AwsServiceError, SigV4Error } from '../errors';
import type { CallerIdentity } from '../iam/caller-identity';
import { denialOf } from '../iam/denial-of';
import { answerResourcePolicyAction } from './answer-resource-policy-action';
import { checkTableKey } from './check-table-key';
import { backendBody } from './dynamo-backend';
import { leadingKeys } from './leading-keys';
import type { SandboxContext } from '../sandbox-context';
import type { SandboxRouteHandler } from '../server/sandbox-request';
import { sendJson, sendJsonText } from '../server/send-json';
import { JSON_SIGV4_ERROR_TYPES } from '../sigv4/json-sigv4-error-types';
import { verifySigV4 } from '../sigv4/verify-sigv4';
import { resolveTableRef, type TableRef } from './resolve-table-ref';
import {
  BATCH_ACTIONS,
  DYNAMODB_ACTIONS,
  ITEM_ACTIONS,
  NOT_EMULATED,
  RESOURCE_POLICY_ACTIONS,
  TABLE_ACTIONS,
  TAG_ACTIONS,
} from './dynamodb-actions';
import { TARGET_PREFIX } from './is-dynamodb-request';
import { tableFlagsOf } from './table-flags-of';
import { mayNeedLogicalNames, toLogicalNames } from './to-logical-names';

const CONTENT_TYPE = 'application/x-amz-json-1.0';

/**
 * The IAM-enforcing DynamoDB front: verifies SigV4, maps the request to `dynamodb:<Action>` on the table (or index)
 * ARN of the caller's account, evaluates the caller's policies, then forwards to dynalite under account-prefixed
 * table names and maps the names back in the response.
 */
export function createDynamoDbFront(sandbox: SandboxContext): SandboxRouteHandler {
  return async (request, response) => {
    const action = String(request.headers['x-amz-target']).slice(TARGET_PREFIX.length);
    // Only actions DynamoDB has are counted by name: garbage targets cannot grow the counter map.
    sandbox.counters.increment('dynamodb', DYNAMODB_ACTIONS.has(action) ? action : '(unknown)');
    try {
      const { identity, region } = await verifySigV4(request, 'dynamodb', sandbox.keys);
      const body = parseBody(request.body);
      if (NOT_EMULATED.has(action)) {
        throw new AwsServiceError(
          'UnknownOperationException',
          `The sandbox (dynalite) does not implement ${action}.`,
          400,
        );
      }
      if (action === 'ListTables') {
        await authorize(sandbox, identity, region, action, [{ arn: '*', accountId: identity.accountId }], body);
        sendDynamo(response, 200, await listTables(sandbox, identity.accountId, region, body));
        return;
      }
      if (action === 'DescribeContinuousBackups') {
        sendDynamo(response, 200, await describeContinuousBackups(sandbox, identity, region, body));
        return;
      }
      if (RESOURCE_POLICY_ACTIONS.has(action)) {
        const table = resolveTableArn(body.ResourceArn);
        await authorize(sandbox, identity, region, action, [{ arn: table.arn, accountId: table.accountId }], body);
        sendDynamo(response, 200, await answerResourcePolicyAction(sandbox, action, table, body));
        return;
      }
      const { forwardBody, resources } = mapRequest(sandbox, action, body, identity.accountId, region);
      await authorize(sandbox, identity, region, action, resources, body);
      if (action === 'DeleteTable') refuseProtectedDelete(sandbox, body, identity.accountId, region);
      const result = await sandbox.dynamodb.callText(action, forwardBody);
      if (action !== 'DescribeTable' && !mayNeedLogicalNames(result.text)) {
        sendJsonText(response, result.status, result.text, CONTENT_TYPE);
        return;
      }
      const answer = toLogicalNames(backendBody(result.status, result.text));
      if (action === 'DescribeTable' && result.status === 200) withDeletionProtection(sandbox, answer);
      sendDynamo(response, result.status, answer);
    } catch (error) {
      if (error instanceof SigV4Error) {
        sendDynamo(response, 400, {
          __type: `com.amazon.coral.service#${JSON_SIGV4_ERROR_TYPES[error.code]}`,
          message: error.message,
        });
        return;
      }
      if (error instanceof AwsServiceError) {
        const namespace =
          error.code === 'ValidationException' ? 'com.amazon.coral.validate' : 'com.amazon.coral.service';
        sendDynamo(response, error.statusCode, { __type: `${namespace}#${error.code}`, message: error.message });
        return;
      }
      throw error;
    }
  };
}

/** The `ResourceArn` of the resource-policy actions: a table ARN (not a name). */
function resolveTableArn(value: unknown): TableRef {
  if (typeof value !== 'string' || !value.startsWith('arn:')) {
    throw new AwsServiceError(
      'ValidationException',
      `1 validation error detected: Value ${JSON.stringify(value ?? null)} at 'resourceArn' failed to satisfy constraint: Member must be a table ARN`,
      400,
    );
  }
  return resolveTableRef(value, '', '', 'resourceArn');
}

function parseBody(raw: Buffer): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(raw.toString('utf8'));
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
    return parsed as Record<string, unknown>;
  } catch (error) {
    throw new AwsServiceError('SerializationException', 'The request body is not a JSON object.', 400, {
      cause: error,
    });
  }
}

interface ResourceToCheck {
  readonly arn: string;
  readonly accountId: string;
  /** The table inside dynalite, and what of the request concerns it (for dynamodb:LeadingKeys). */
  readonly physical?: string;
  readonly request?: unknown;
}

function mapRequest(
  sandbox: SandboxContext,
  action: string,
  body: Record<string, unknown>,
  callerAccount: string,
  region: string,
): { forwardBody: Record<string, unknown>; resources: ResourceToCheck[] } {
  const physical = (ref: TableRef) => sandbox.dynamodb.physicalName(ref.accountId, ref.region, ref.name);
  if (TABLE_ACTIONS.has(action)) {
    const ref = resolveTableRef(body.TableName, callerAccount, region);
    const indexName =
      (action === 'Query' || action === 'Scan') && typeof body.IndexName === 'string' ? body.IndexName : undefined;
    const arn = indexName === undefined ? ref.arn : `${ref.arn}/index/${indexName}`;
    return {
      forwardBody: { ...body, TableName: physical(ref) },
      // An index query's leading key is the index's partition key: not derived, so the key stays absent.
      resources: [
        { arn, accountId: ref.accountId, physical: physical(ref), request: indexName === undefined ? body : undefined },
      ],
    };
  }
  if (TAG_ACTIONS.has(action)) {
    const ref = resolveTableRef(body.ResourceArn, callerAccount, region, 'resourceArn');
    const backendArn = `arn:aws:dynamodb:${ref.region}:000000000000:table/${physical(ref)}`;
    return {
      forwardBody: { ...body, ResourceArn: backendArn },
      resources: [{ arn: ref.arn, accountId: ref.accountId }],
    };
  }
  if (BATCH_ACTIONS.has(action)) {
    const items = body.RequestItems;
    if (items === null || typeof items !== 'object' || Array.isArray(items)) {
      throw new AwsServiceError(
        'ValidationException',
        "1 validation error detected: Value null at 'requestItems' failed to satisfy constraint: Member must not be null",
        400,
      );
    }
    const rewritten: Record<string, unknown> = {};
    const resources: ResourceToCheck[] = [];
    for (const [name, entry] of Object.entries(items)) {
      const ref = resolveTableRef(name, callerAccount, region, 'requestItems');
      rewritten[physical(ref)] = entry;
      resources.push({ arn: ref.arn, accountId: ref.accountId, physical: physical(ref), request: entry });
    }
    return { forwardBody: { ...body, RequestItems: rewritten }, resources };
  }
  throw new AwsServiceError('UnknownOperationException', `Unknown DynamoDB operation '${action}'.`, 400);
}

async function authorize(
  sandbox: SandboxContext,
  identity: CallerIdentity,
  region: string,
  action: string,
  resources: readonly ResourceToCheck[],
  body: Record<string, unknown>,
): Promise<void> {
  const context: Record<string, string | string[]> = { 'aws:RequestedRegion': region };
  if (typeof body.Select === 'string') context['dynamodb:Select'] = body.Select;
  if (typeof body.ReturnValues === 'string') context['dynamodb:ReturnValues'] = body.ReturnValues;
  if (typeof body.ReturnConsumedCapacity === 'string')
    context['dynamodb:ReturnConsumedCapacity'] = body.ReturnConsumedCapacity;
  for (const resource of resources) {
    const hashKey = resource.physical === undefined ? undefined : await sandbox.dynamodb.hashKeyOf(resource.physical);
    // An index query has no request here: index-query LeadingKeys are not emulated (README).
    const keys =
      hashKey === undefined || resource.request === undefined
        ? undefined
        : leadingKeys(action, resource.request, hashKey);
    const tableArn = resource.arn.replace(/\/index\/.*$/, '');
    const settings = sandbox.tables.get(tableArn);
    const crossAccount = resource.accountId !== identity.accountId;
    const denial = await denialOf(sandbox, {
      identity,
      action: `dynamodb:${action}`,
      resource: resource.arn,
      resourceAccount: resource.accountId,
      // The table's policy covers its indexes; control-plane actions never reach across accounts.
      ...(settings?.resourcePolicy === undefined || (crossAccount && !ITEM_ACTIONS.has(action))
        ? {}
        : { resourcePolicy: settings.resourcePolicy }),
      context: keys === undefined ? context : { ...context, 'dynamodb:LeadingKeys': keys },
    });
    if (denial !== undefined) throw new AwsServiceError('AccessDeniedException', denial, 400);
    const encryption = settings?.encryption;
    if (crossAccount && encryption?.type === 'aws-managed') {
      // The aws/dynamodb key's policy admits only its own account (kms:CallerAccount): AWS refuses such access.
      sandbox.log(`[sandbox] DENIED dynamodb:${action} by ${identity.arn} on ${resource.arn}: aws/dynamodb key`);
      throw new AwsServiceError(
        'AccessDeniedException',
        `User: ${identity.arn} is not authorized to perform: kms:Decrypt on resource: arn:aws:kms:${region}:${resource.accountId}:alias/aws/dynamodb because the table is encrypted with the AWS managed key, whose policy admits only its own account; cross-account access through a resource-based policy needs an AWS owned or a customer managed key`,
        400,
      );
    }
    if (encryption?.type === 'customer-managed' && ITEM_ACTIONS.has(action)) {
      await checkTableKey(sandbox, identity, sandbox.iam.identityPolicies(identity), encryption.keyArn, region);
    }
  }
}

async function listTables(
  sandbox: SandboxContext,
  accountId: string,
  region: string,
  body: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const prefix = sandbox.dynamodb.physicalName(accountId, region, '');
  const names: string[] = [];
  let start: string | undefined;
  do {
    const page = await sandbox.dynamodb.call(
      'ListTables',
      start === undefined ? {} : { ExclusiveStartTableName: start },
    );
    const tableNames = Array.isArray(page.body.TableNames) ? (page.body.TableNames as string[]) : [];
    names.push(...tableNames.filter((name) => name.startsWith(prefix)).map((name) => name.slice(prefix.length)));
    start = typeof page.body.LastEvaluatedTableName === 'string' ? page.body.LastEvaluatedTableName : undefined;
  } while (start !== undefined);
  names.sort();
  const limit = typeof body.Limit === 'number' && body.Limit > 0 ? Math.min(body.Limit, 100) : 100;
  const after = typeof body.ExclusiveStartTableName === 'string' ? body.ExclusiveStartTableName : undefined;
  const remaining = after === undefined ? names : names.filter((name) => name > after);
  const page = remaining.slice(0, limit);
  return remaining.length > limit
    ? { TableNames: page, LastEvaluatedTableName: page[page.length - 1] }
    : { TableNames: page };
}

/** DescribeContinuousBackups from what the table's template set (dynalite has no backups). */
async function describeContinuousBackups(
  sandbox: SandboxContext,
  identity: CallerIdentity,
  region: string,
  body: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const ref = resolveTableRef(body.TableName, identity.accountId, region);
  await authorize(
    sandbox,
    identity,
    region,
    'DescribeContinuousBackups',
    [{ arn: ref.arn, accountId: ref.accountId }],
    body,
  );
  const described = await sandbox.dynamodb.call('DescribeTable', {
    TableName: sandbox.dynamodb.physicalName(ref.accountId, ref.region, ref.name),
  });
  if (described.status !== 200) {
    throw new AwsServiceError('TableNotFoundException', `Table not found: ${ref.name}`, 400);
  }
  const flags = tableFlagsOf(sandbox.stacks, ref.accountId, ref.region, ref.name);
  const now = Date.now() / 1000;
  return {
    ContinuousBackupsDescription: {
      ContinuousBackupsStatus: 'ENABLED',
      PointInTimeRecoveryDescription: flags.pointInTimeRecovery
        ? {
            PointInTimeRecoveryStatus: 'ENABLED',
            RecoveryPeriodInDays: 35,
            EarliestRestorableDateTime: Math.floor(now - 35 * 86_400),
            LatestRestorableDateTime: Math.floor(now - 300),
          }
        : { PointInTimeRecoveryStatus: 'DISABLED' },
    },
  };
}

/** DeleteTable on a table whose template enabled deletion protection fails as in DynamoDB (dynalite would delete it). */
function refuseProtectedDelete(
  sandbox: SandboxContext,
  body: Record<string, unknown>,
  callerAccount: string,
  region: string,
): void {
  const ref = resolveTableRef(body.TableName, callerAccount, region);
  if (tableFlagsOf(sandbox.stacks, ref.accountId, ref.region, ref.name).deletionProtection) {
    throw new AwsServiceError(
      'ValidationException',
      'Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first.',
      400,
    );
  }
}

/** DescribeTable's DeletionProtectionEnabled, which dynalite does not know, from the table's template. */
function withDeletionProtection(sandbox: SandboxContext, answer: unknown): void {
  const table = (answer as { Table?: Record<string, unknown> }).Table;
  const arn = typeof table?.TableArn === 'string' ? table.TableArn : undefined;
  const match = arn === undefined ? null : /^arn:aws:dynamodb:([^:]+):(\d{12}):table\/(.+)$/.exec(arn);
  if (table === undefined || match === null) return;
  const [, region = '', accountId = '', name = ''] = match;
  table.DeletionProtectionEnabled = tableFlagsOf(sandbox.stacks, accountId, region, name).deletionProtection;
}

function sendDynamo(response: ServerResponse, status: number, body: unknown): void {
  sendJson(response, status, body, CONTENT_TYPE);
}
