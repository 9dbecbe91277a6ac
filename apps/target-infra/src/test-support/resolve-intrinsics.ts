export interface CfnResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
}

export interface CfnTemplate {
  readonly Resources: Record<string, CfnResource>;
  readonly Outputs?: Record<string, { Value: unknown }>;
}

export interface Environment {
  readonly partition: string;
  readonly accountId: string;
  readonly region: string;
}

/**
 * Resolves the intrinsics the IAM policies of our templates use (Ref, Fn::GetAtt Arn, Fn::Join) the way
 * CloudFormation would for the given environment. Anything else throws, so a new intrinsic is noticed, not
 * silently evaluated as a literal.
 */
export function resolveIntrinsics(value: unknown, template: CfnTemplate, env: Environment): unknown {
  const resolve = (v: unknown): unknown => resolveIntrinsics(v, template, env);
  if (Array.isArray(value)) return value.map(resolve);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value);
  const [key, arg] = entries[0] ?? [];
  if (entries.length === 1 && key === 'Ref') return ref(String(arg), template, env);
  if (entries.length === 1 && key === 'Fn::GetAtt') {
    const [id, attribute] = arg as [string, string];
    if (attribute !== 'Arn') throw new Error(`Fn::GetAtt ${id}.${attribute}: only Arn is supported`);
    return arnOf(id, template, env);
  }
  if (entries.length === 1 && key === 'Fn::Join') {
    const [separator, parts] = arg as [string, unknown[]];
    return parts.map(resolve).join(separator);
  }
  if (entries.length === 1 && key?.startsWith('Fn::')) throw new Error(`unsupported intrinsic ${key}`);
  return Object.fromEntries(entries.map(([k, v]) => [k, resolve(v)]));
}

function resource(id: string, template: CfnTemplate): CfnResource {
  const found = template.Resources[id];
  if (!found) throw new Error(`no resource ${id} in the template`);
  return found;
}

/** The physical name, or a stand-in for names CloudFormation generates. */
function physicalName(id: string, template: CfnTemplate): string {
  const r = resource(id, template);
  const props = r.Properties ?? {};
  const name = {
    'AWS::DynamoDB::GlobalTable': 'TableName',
    'AWS::DynamoDB::Table': 'TableName',
    'AWS::IAM::Role': 'RoleName',
    'AWS::Logs::LogGroup': 'LogGroupName',
    // A key has no name property: its id is always generated.
    'AWS::KMS::Key': 'KeyId',
  }[r.Type];
  if (!name) throw new Error(`Ref/GetAtt of ${id} (${r.Type}) is not supported`);
  return typeof props[name] === 'string' ? (props[name] as string) : `generated-${id}`;
}

function ref(id: string, template: CfnTemplate, env: Environment): string {
  if (id === 'AWS::Partition') return env.partition;
  if (id === 'AWS::AccountId') return env.accountId;
  if (id === 'AWS::Region') return env.region;
  if (id === 'AWS::URLSuffix') return 'amazonaws.com';
  return physicalName(id, template);
}

function arnOf(id: string, template: CfnTemplate, env: Environment): string {
  const { partition: p, accountId: a, region: r } = env;
  const name = physicalName(id, template);
  switch (resource(id, template).Type) {
    case 'AWS::DynamoDB::GlobalTable':
    case 'AWS::DynamoDB::Table':
      return `arn:${p}:dynamodb:${r}:${a}:table/${name}`;
    case 'AWS::IAM::Role':
      return `arn:${p}:iam::${a}:role/${name}`;
    case 'AWS::KMS::Key':
      return `arn:${p}:kms:${r}:${a}:key/${name}`;
    default:
      // AWS::Logs::LogGroup: its Arn attribute ends in ":*" (it covers the group's streams).
      return `arn:${p}:logs:${r}:${a}:log-group:${name}:*`;
  }
}
