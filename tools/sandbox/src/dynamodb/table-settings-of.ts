import { TemplateError } from '../errors';
import type { ResourceContext } from '../cfn/resource-handler';
import { validatePolicy } from '../iam/validate-policy';
import type { TableEncryption, TableSettings } from './table-settings-store';

/** DynamoDB's limit for one resource-based policy. */
export const MAX_RESOURCE_POLICY_BYTES = 20 * 1024;

/**
 * The resource policy and encryption of an AWS::DynamoDB::Table or ::GlobalTable (the replica in the stack's region
 * carries both for a GlobalTable), validated as DynamoDB does: policy syntax, the 20 KB limit, a key that exists.
 */
export async function tableSettingsOf(
  kind: 'Table' | 'GlobalTable',
  properties: Readonly<Record<string, unknown>>,
  context: ResourceContext,
): Promise<TableSettings> {
  const replicas = Array.isArray(properties.Replicas) ? (properties.Replicas as Array<Record<string, unknown>>) : [];
  const local = kind === 'GlobalTable' ? (replicas.find((r) => r.Region === context.region) ?? {}) : properties;
  const where = kind === 'GlobalTable' ? `${context.logicalId}.Replicas[${context.region}]` : context.logicalId;
  const sse = (properties.SSESpecification ?? {}) as Record<string, unknown>;
  const replicaSse = (local.SSESpecification ?? {}) as Record<string, unknown>;
  const keyRef = kind === 'GlobalTable' ? replicaSse.KMSMasterKeyId : sse.KMSMasterKeyId;
  let encryption: TableEncryption;
  if (sse.SSEEnabled !== true) encryption = { type: 'aws-owned' };
  else if (keyRef === undefined) encryption = { type: 'aws-managed' };
  else {
    const key = context.sandbox.kms.find(String(keyRef), context.accountId, context.region);
    if (key === undefined)
      throw new TemplateError(`${where}.SSESpecification.KMSMasterKeyId ${String(keyRef)}: no such KMS key.`);
    encryption = { type: 'customer-managed', keyArn: key.arn };
  }
  const policy = (local.ResourcePolicy as { PolicyDocument?: unknown } | undefined)?.PolicyDocument;
  if (policy === undefined) return { encryption };
  return { encryption, resourcePolicy: await validateTablePolicy(policy, `${where}.ResourcePolicy`) };
}

/** Syntax and size of a table's resource-based policy. */
export async function validateTablePolicy(
  policy: unknown,
  label: string,
): Promise<TableSettings['resourcePolicy'] & object> {
  const size = Buffer.byteLength(typeof policy === 'string' ? policy : JSON.stringify(policy));
  if (size > MAX_RESOURCE_POLICY_BYTES) {
    throw new TemplateError(
      `${label}: the policy is ${size} bytes; DynamoDB allows at most ${MAX_RESOURCE_POLICY_BYTES} bytes (20 KB) per resource-based policy.`,
    );
  }
  return validatePolicy(typeof policy === 'string' ? (JSON.parse(policy) as unknown) : policy, 'resource', label);
}
