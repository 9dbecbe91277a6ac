import { randomUUID } from 'node:crypto';
import { TemplateError } from '../../errors';
import type { DynamoBackend } from '../../dynamodb/dynamo-backend';
import type { TableFlags } from '../../dynamodb/table-flags-of';
import { tableSettingsOf } from '../../dynamodb/table-settings-of';
import type { ResourceContext, ResourceHandler } from '../resource-handler';
import { generatePhysicalName } from './generate-physical-name';

interface KeyElement {
  AttributeName: string;
  KeyType: string;
}
interface IndexSpec {
  IndexName: string;
  KeySchema: KeyElement[];
  Projection: Record<string, unknown>;
}
/** Kept as resource data: DescribeTable and DescribeContinuousBackups report them (tableFlagsOf). */
type TableData = TableFlags;

/**
 * AWS::DynamoDB::Table and AWS::DynamoDB::GlobalTable (CDK's TableV2) on dynalite: key schema, attribute
 * definitions, GSIs and LSIs; an update adds and removes GSIs; the resource policy and the encryption key (checked by
 * the DynamoDB front). Capacity, streams, PITR, SSE and replicas in other regions have no local effect (noted);
 * deletion protection and PITR are reported by DescribeTable and DescribeContinuousBackups. A table that already
 * exists (retained by a destroyed stack) is adopted.
 */
export function dynamodbTableHandler(kind: 'Table' | 'GlobalTable'): ResourceHandler {
  return {
    async apply(properties, context, previous) {
      const backend = context.sandbox.dynamodb;
      const tableName =
        typeof properties.TableName === 'string'
          ? properties.TableName
          : (previous?.physicalId ?? generatePhysicalName(context.stackName, context.logicalId, 255));
      const keySchema = keySchemaOf(properties.KeySchema, `${context.logicalId}.KeySchema`);
      const attributeDefinitions = properties.AttributeDefinitions;
      if (!Array.isArray(attributeDefinitions) || attributeDefinitions.length === 0) {
        throw new TemplateError(`${context.logicalId}.AttributeDefinitions is required.`);
      }
      const gsis = indexesOf(properties.GlobalSecondaryIndexes, `${context.logicalId}.GlobalSecondaryIndexes`);
      const lsis = indexesOf(properties.LocalSecondaryIndexes, `${context.logicalId}.LocalSecondaryIndexes`);
      const data = replicaSettings(kind, properties, context);
      const settings = await tableSettingsOf(kind, properties, context);
      const physical = backend.physicalName(context.accountId, context.region, tableName);

      const existing = await describe(backend, physical);
      const adopted = existing !== undefined && previous?.physicalId !== tableName;
      if (existing === undefined) {
        const created = await backend.call('CreateTable', {
          TableName: physical,
          KeySchema: keySchema,
          AttributeDefinitions: attributeDefinitions,
          BillingMode: 'PAY_PER_REQUEST',
          ...(gsis.length === 0 ? {} : { GlobalSecondaryIndexes: gsis }),
          ...(lsis.length === 0 ? {} : { LocalSecondaryIndexes: lsis }),
        });
        if (created.status !== 200) throw new TemplateError(`CreateTable ${tableName}: ${messageOf(created.body)}`);
        await waitUntilActive(backend, physical);
      } else {
        if (adopted) {
          context.note(
            `table ${tableName} already existed (retained by an earlier stack?) and was adopted with its items; AWS would need a resource import.`,
          );
        }
        if (JSON.stringify(sortKeys(existing.KeySchema)) !== JSON.stringify(sortKeys(keySchema))) {
          throw new TemplateError(
            `${context.logicalId}: the key schema of ${tableName} cannot change (CloudFormation would replace the table, which fails for a named table). Delete the table or rename it.`,
          );
        }
        await updateIndexes(backend, physical, tableName, existing, gsis, attributeDefinitions, context);
      }
      if (properties.ProvisionedThroughput !== undefined || properties.BillingMode === 'PROVISIONED') {
        context.note('provisioned capacity is not emulated (dynalite does not throttle).');
      }
      const arn = `arn:aws:dynamodb:${context.region}:${context.accountId}:table/${tableName}`;
      context.sandbox.tables.put(arn, settings);
      if (previous !== undefined && previous.physicalId !== tableName) {
        context.sandbox.tables.delete(
          `arn:aws:dynamodb:${context.region}:${context.accountId}:table/${previous.physicalId}`,
        );
      }
      const streamEnabled = properties.StreamSpecification !== undefined;
      return {
        physicalId: tableName,
        attributes: {
          Arn: arn,
          TableId: previous?.attributes.TableId ?? randomUUID(),
          ...(streamEnabled ? { StreamArn: `${arn}/stream/1970-01-01T00:00:00.000` } : {}),
        },
        data,
        ...(adopted ? { adopted: true } : {}),
      };
    },
    async delete(resource, context) {
      const data = resource.data as TableData | undefined;
      if (data?.deletionProtection === true) {
        throw new TemplateError(
          `Table ${resource.physicalId} can't be deleted since deletion protection is enabled (as in AWS). Set DeletionPolicy Retain or disable deletion protection.`,
        );
      }
      const backend = context.sandbox.dynamodb;
      const result = await backend.call('DeleteTable', {
        TableName: backend.physicalName(context.accountId, context.region, resource.physicalId),
      });
      if (result.status !== 200 && !String(result.body.__type).endsWith('ResourceNotFoundException')) {
        throw new TemplateError(`DeleteTable ${resource.physicalId}: ${messageOf(result.body)}`);
      }
      await waitUntilGone(backend, backend.physicalName(context.accountId, context.region, resource.physicalId));
      context.sandbox.tables.delete(String(resource.attributes.Arn));
    },
  };
}

function replicaSettings(
  kind: 'Table' | 'GlobalTable',
  properties: Readonly<Record<string, unknown>>,
  context: ResourceContext,
): TableData {
  if (kind === 'Table') {
    const pitr = properties.PointInTimeRecoverySpecification as { PointInTimeRecoveryEnabled?: unknown } | undefined;
    return {
      deletionProtection: properties.DeletionProtectionEnabled === true,
      pointInTimeRecovery: pitr?.PointInTimeRecoveryEnabled === true,
    };
  }
  const replicas = Array.isArray(properties.Replicas) ? (properties.Replicas as Array<Record<string, unknown>>) : [];
  const local = replicas.find((replica) => replica.Region === context.region);
  if (local === undefined) {
    throw new TemplateError(
      `${context.logicalId}.Replicas must include the stack's region ${context.region} (as CloudFormation requires).`,
    );
  }
  const others = replicas.filter((replica) => replica !== local).map((replica) => String(replica.Region));
  if (others.length > 0) context.note(`replicas in ${others.join(', ')} are not emulated (only ${context.region}).`);
  const pitr = local.PointInTimeRecoverySpecification as { PointInTimeRecoveryEnabled?: unknown } | undefined;
  return {
    deletionProtection: local.DeletionProtectionEnabled === true,
    pointInTimeRecovery: pitr?.PointInTimeRecoveryEnabled === true,
  };
}

interface TableDescription {
  KeySchema: KeyElement[];
  GlobalSecondaryIndexes?: IndexSpec[];
  LocalSecondaryIndexes?: IndexSpec[];
}

async function describe(backend: DynamoBackend, physical: string): Promise<TableDescription | undefined> {
  const result = await backend.call('DescribeTable', { TableName: physical });
  if (result.status === 200) {
    const table = result.body.Table as TableDescription & { TableStatus?: string };
    // dynalite finishes a deletion on a timer: a DELETING table is as good as gone.
    if (table.TableStatus === 'DELETING') {
      await waitUntilGone(backend, physical);
      return undefined;
    }
    return table;
  }
  if (String(result.body.__type).endsWith('ResourceNotFoundException')) return undefined;
  throw new TemplateError(`DescribeTable: ${messageOf(result.body)}`);
}

/** Waits until dynalite reports a created table ACTIVE (it flips the status on a timer); until then it answers "not found". */
async function waitUntilActive(backend: DynamoBackend, physical: string): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const result = await backend.call('DescribeTable', { TableName: physical });
    if (result.status === 200 && (result.body.Table as { TableStatus?: string }).TableStatus === 'ACTIVE') return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new TemplateError(`Table ${physical} did not become ACTIVE.`);
}

/** Waits until dynalite has really dropped a deleted table (it does so on a timer), so a re-create cannot race it. */
async function waitUntilGone(backend: DynamoBackend, physical: string): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const result = await backend.call('DescribeTable', { TableName: physical });
    if (result.status !== 200) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new TemplateError(`Table ${physical} did not finish deleting.`);
}

/**
 * dynalite's UpdateTable does not implement GSI creation or deletion, so an index change rebuilds the table:
 * copy the items, recreate it with the wanted indexes, write the items back (DynamoDB would backfill in place).
 */
async function updateIndexes(
  backend: DynamoBackend,
  physical: string,
  tableName: string,
  existing: { KeySchema: KeyElement[]; GlobalSecondaryIndexes?: IndexSpec[]; LocalSecondaryIndexes?: IndexSpec[] },
  wanted: IndexSpec[],
  attributeDefinitions: unknown[],
  context: ResourceContext,
): Promise<void> {
  const signature = (indexes: readonly IndexSpec[]) =>
    JSON.stringify(
      [...indexes].map((i) => [i.IndexName, sortKeys(i.KeySchema), i.Projection.ProjectionType ?? 'ALL']).sort(),
    );
  const current = existing.GlobalSecondaryIndexes ?? [];
  if (signature(current) === signature(wanted)) return;
  const items: unknown[] = [];
  let start: unknown;
  do {
    const page = await backend.call('Scan', {
      TableName: physical,
      ...(start === undefined ? {} : { ExclusiveStartKey: start }),
    });
    if (page.status !== 200)
      throw new TemplateError(`Scan ${tableName} before changing its indexes: ${messageOf(page.body)}`);
    items.push(...((page.body.Items as unknown[] | undefined) ?? []));
    start = page.body.LastEvaluatedKey;
  } while (start !== undefined);
  const deleted = await backend.call('DeleteTable', { TableName: physical });
  if (deleted.status !== 200)
    throw new TemplateError(`DeleteTable ${tableName} (index change): ${messageOf(deleted.body)}`);
  await waitUntilGone(backend, physical);
  const created = await backend.call('CreateTable', {
    TableName: physical,
    KeySchema: existing.KeySchema,
    AttributeDefinitions: attributeDefinitions,
    BillingMode: 'PAY_PER_REQUEST',
    ...(wanted.length === 0 ? {} : { GlobalSecondaryIndexes: wanted }),
    ...(existing.LocalSecondaryIndexes === undefined
      ? {}
      : {
          LocalSecondaryIndexes: existing.LocalSecondaryIndexes.map((i) => ({
            IndexName: i.IndexName,
            KeySchema: i.KeySchema,
            Projection: i.Projection,
          })),
        }),
  });
  if (created.status !== 200)
    throw new TemplateError(`CreateTable ${tableName} (index change): ${messageOf(created.body)}`);
  await waitUntilActive(backend, physical);
  for (let i = 0; i < items.length; i += 25) {
    let pending: unknown = { [physical]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) };
    while (pending !== undefined && Object.keys(pending as object).length > 0) {
      const written = await backend.call('BatchWriteItem', { RequestItems: pending });
      if (written.status !== 200)
        throw new TemplateError(`Restoring items of ${tableName} after an index change: ${messageOf(written.body)}`);
      pending = written.body.UnprocessedItems;
    }
  }
  const before = new Set(current.map((i) => i.IndexName));
  const after = new Set(wanted.map((i) => i.IndexName));
  for (const name of after) if (!before.has(name)) context.note(`index ${name} created.`);
  for (const name of before) if (!after.has(name)) context.note(`index ${name} deleted.`);
  context.note(`indexes changed: dynalite rebuilt ${tableName} and copied its ${items.length} items.`);
}

function keySchemaOf(value: unknown, where: string): KeyElement[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > 2)
    throw new TemplateError(`${where} must list 1 or 2 key elements.`);
  return value.map((element, i) => {
    const { AttributeName, KeyType } = (element ?? {}) as Record<string, unknown>;
    if (typeof AttributeName !== 'string' || (KeyType !== 'HASH' && KeyType !== 'RANGE')) {
      throw new TemplateError(`${where}[${i}] needs AttributeName and KeyType HASH or RANGE.`);
    }
    return { AttributeName, KeyType };
  });
}

function indexesOf(value: unknown, where: string): IndexSpec[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new TemplateError(`${where} must be a list.`);
  return value.map((entry, i) => {
    const index = (entry ?? {}) as Record<string, unknown>;
    if (typeof index.IndexName !== 'string') throw new TemplateError(`${where}[${i}].IndexName is required.`);
    return {
      IndexName: index.IndexName,
      KeySchema: keySchemaOf(index.KeySchema, `${where}[${i}].KeySchema`),
      Projection: (index.Projection as Record<string, unknown> | undefined) ?? { ProjectionType: 'ALL' },
    };
  });
}

function sortKeys(schema: KeyElement[]): KeyElement[] {
  return [...schema]
    .sort((a, b) => a.KeyType.localeCompare(b.KeyType))
    .map((e) => ({ AttributeName: e.AttributeName, KeyType: e.KeyType }));
}

function messageOf(body: Record<string, unknown>): string {
  return String(body.message ?? body.Message ?? body.__type ?? 'unknown error');
}
