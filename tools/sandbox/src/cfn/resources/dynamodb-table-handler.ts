import { randomUUID } from 'node:crypto';
import { TemplateError } from '../../errors';
import type { DynamoBackend } from '../../dynamodb/dynamo-backend';
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
interface TableData {
  readonly deletionProtection: boolean;
  readonly pointInTimeRecovery: boolean;
}

/**
 * AWS::DynamoDB::Table and AWS::DynamoDB::GlobalTable (CDK's TableV2) on dynalite: key schema, attribute
 * definitions, GSIs and LSIs; an update adds and removes GSIs. Capacity, streams, PITR, SSE and replicas in other
 * regions have no local effect (noted). A table that already exists (retained by a destroyed stack) is adopted.
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
      const physical = backend.physicalName(context.accountId, context.region, tableName);

      const existing = await describe(backend, physical);
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
      } else {
        if (previous?.physicalId !== tableName) {
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
      const streamEnabled = properties.StreamSpecification !== undefined;
      return {
        physicalId: tableName,
        attributes: {
          Arn: arn,
          TableId: previous?.attributes.TableId ?? randomUUID(),
          ...(streamEnabled ? { StreamArn: `${arn}/stream/1970-01-01T00:00:00.000` } : {}),
        },
        data,
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

async function describe(
  backend: DynamoBackend,
  physical: string,
): Promise<{ KeySchema: KeyElement[]; GlobalSecondaryIndexes?: IndexSpec[] } | undefined> {
  const result = await backend.call('DescribeTable', { TableName: physical });
  if (result.status === 200)
    return result.body.Table as { KeySchema: KeyElement[]; GlobalSecondaryIndexes?: IndexSpec[] };
  if (String(result.body.__type).endsWith('ResourceNotFoundException')) return undefined;
  throw new TemplateError(`DescribeTable: ${messageOf(result.body)}`);
}

async function updateIndexes(
  backend: DynamoBackend,
  physical: string,
  tableName: string,
  existing: { GlobalSecondaryIndexes?: IndexSpec[] },
  wanted: IndexSpec[],
  attributeDefinitions: unknown[],
  context: ResourceContext,
): Promise<void> {
  const current = new Map((existing.GlobalSecondaryIndexes ?? []).map((index) => [index.IndexName, index]));
  const target = new Map(wanted.map((index) => [index.IndexName, index]));
  for (const [name, index] of current) {
    const next = target.get(name);
    if (next !== undefined && JSON.stringify(sortKeys(next.KeySchema)) === JSON.stringify(sortKeys(index.KeySchema)))
      continue;
    const result = await backend.call('UpdateTable', {
      TableName: physical,
      GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: name } }],
    });
    if (result.status !== 200)
      throw new TemplateError(`UpdateTable ${tableName} (delete index ${name}): ${messageOf(result.body)}`);
    current.delete(name);
    context.note(`index ${name} deleted.`);
  }
  for (const [name, index] of target) {
    if (current.has(name)) continue;
    const result = await backend.call('UpdateTable', {
      TableName: physical,
      AttributeDefinitions: attributeDefinitions,
      GlobalSecondaryIndexUpdates: [{ Create: index }],
    });
    if (result.status !== 200)
      throw new TemplateError(`UpdateTable ${tableName} (create index ${name}): ${messageOf(result.body)}`);
    context.note(`index ${name} created.`);
  }
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
