import { readFileSync } from 'node:fs';
import { NotAppliedReferenceError, StackError, TemplateError } from '../errors';
import type { SandboxContext } from '../sandbox-context';
import type { DeployResult } from './deploy-result';
import { findDependencies } from './find-dependencies';
import type { IntrinsicScope } from './intrinsic-scope';
import { resolveIntrinsics } from './resolve-intrinsics';
import type { DeployedResource, ResourceContext } from './resource-handler';
import { runExclusive } from './run-exclusive';
import { stackArn, type StackRecord, type StackStatus } from './stack-record';

export interface DeployTemplateInput {
  /** The template: a parsed object, or a path to the synthesized JSON file. */
  readonly template: unknown;
  readonly stackName: string;
  readonly account: string;
  readonly region: string;
  /** The cloud assembly (cdk.out) directory the template belongs to, for assets. */
  readonly assemblyDir?: string;
  /** Values for template parameters without a default. */
  readonly parameters?: Readonly<Record<string, string>>;
}

interface TemplateResource {
  readonly Type: string;
  readonly Properties?: unknown;
  readonly DependsOn?: string | string[];
  readonly Condition?: string;
  readonly DeletionPolicy?: string;
  readonly UpdateReplacePolicy?: string;
}

const STACK_NAME = /^[A-Za-z][A-Za-z0-9-]{0,127}$/;
// Metadata-only types: nothing to apply locally.
const IGNORED_TYPES: Record<string, string> = {
  'AWS::CDK::Metadata': 'CDK usage metadata, no effect',
  'AWS::CloudFormation::WaitConditionHandle': 'no effect locally',
};

/**
 * Applies a synthesized CloudFormation template to a sandbox account, like a CloudFormation create/update:
 * resources in dependency order through the registered handlers, resources gone from the template deleted
 * afterwards (honouring DeletionPolicy Retain), outputs resolved. Unsupported types are listed, never dropped silently.
 * @throws TemplateError for a broken template; StackError when applying a resource fails (what was applied is kept).
 */
export function deployTemplate(sandbox: SandboxContext, input: DeployTemplateInput): Promise<DeployResult> {
  return runExclusive(() => deploy(sandbox, input));
}

async function deploy(sandbox: SandboxContext, input: DeployTemplateInput): Promise<DeployResult> {
  const started = Date.now();
  if (!STACK_NAME.test(input.stackName)) {
    throw new TemplateError(
      `Stack name '${input.stackName}' is invalid: it must start with a letter and contain only letters, digits and hyphens (max 128).`,
    );
  }
  if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(input.region))
    throw new TemplateError(`'${input.region}' is not an AWS region name (e.g. us-east-1).`);
  sandbox.iam.ensureAccount(input.account);
  const template = loadTemplate(input.template);
  const notes: string[] = [];
  const previous = sandbox.stacks.get(input.account, input.region, input.stackName);
  const previousById = new Map((previous?.resources ?? []).map((r) => [r.logicalId, r]));

  const stackId = stackArn({ stackName: input.stackName, accountId: input.account, region: input.region });
  const pseudo = {
    'AWS::AccountId': input.account,
    'AWS::Region': input.region,
    'AWS::Partition': 'aws',
    'AWS::URLSuffix': 'amazonaws.com',
    'AWS::StackName': input.stackName,
    'AWS::StackId': stackId,
    'AWS::NotificationARNs': '',
  };
  const parameters = resolveParameters(template, input.parameters ?? {}, notes);
  if (template.Rules !== undefined) {
    notes.push(
      `Rules not evaluated: ${Object.keys(template.Rules as object).join(', ')} (e.g. CDK's bootstrap version check; the sandbox needs no bootstrap).`,
    );
  }

  const deployed = new Map<string, DeployedResource>();
  const unsupported = new Map<string, { logicalId: string; type: string; reason: string }>();
  const scope: IntrinsicScope & { conditions: Record<string, boolean> } = {
    parameters,
    pseudo,
    conditions: {},
    mappings: (template.Mappings as Record<string, unknown> | undefined) ?? {},
    ref: (logicalId) => {
      const resource = deployed.get(logicalId);
      if (resource !== undefined) return resource.physicalId;
      throw unresolvable(logicalId, unsupported, template);
    },
    getAtt: (logicalId, attribute) => {
      const resource = deployed.get(logicalId);
      if (resource === undefined) throw unresolvable(logicalId, unsupported, template);
      const value = resource.attributes[attribute];
      if (value === undefined) {
        throw new TemplateError(
          `Fn::GetAtt ${logicalId}.${attribute}: ${resource.type} has no attribute '${attribute}' in the sandbox (it has: ${Object.keys(resource.attributes).join(', ') || 'none'}).`,
        );
      }
      return value;
    },
  };
  for (const [name, expression] of Object.entries((template.Conditions as Record<string, unknown> | undefined) ?? {})) {
    scope.conditions[name] = resolveIntrinsics(expression, scope, `Conditions.${name}`) === true;
  }

  const resources = template.Resources as Record<string, TemplateResource>;
  const ids = new Set(Object.keys(resources));
  const ignored: Array<{ logicalId: string; type: string; reason: string }> = [];
  const active = new Map<string, TemplateResource>();
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (resource.Condition !== undefined && scope.conditions[resource.Condition] !== true) {
      if (!(resource.Condition in scope.conditions))
        throw new TemplateError(`Resources.${logicalId}.Condition: unknown condition '${resource.Condition}'.`);
      continue;
    }
    const ignoreReason = IGNORED_TYPES[resource.Type];
    if (ignoreReason !== undefined) ignored.push({ logicalId, type: resource.Type, reason: ignoreReason });
    else active.set(logicalId, resource);
  }

  const order = topologicalOrder(active, ids);
  const adoptedIds = new Set<string>();
  for (const logicalId of order) {
    const resource = active.get(logicalId);
    if (resource === undefined) continue;
    const handler = sandbox.resourceHandlers.get(resource.Type);
    if (handler === undefined) {
      unsupported.set(logicalId, { logicalId, type: resource.Type, reason: 'no sandbox handler for this type' });
      continue;
    }
    const blocker = [...dependenciesOf(resource, ids)].find((dep) => unsupported.has(dep));
    if (blocker !== undefined) {
      unsupported.set(logicalId, {
        logicalId,
        type: resource.Type,
        reason: `depends on ${blocker}, which was not applied`,
      });
      continue;
    }
    const properties = resolveIntrinsics(
      resource.Properties ?? {},
      scope,
      `Resources.${logicalId}.Properties`,
    ) as Record<string, unknown>;
    const prior = previousById.get(logicalId);
    const context = resourceContext(sandbox, input, logicalId, notes);
    try {
      const { adopted, ...state } = await handler.apply(
        properties,
        context,
        prior?.type === resource.Type ? prior : undefined,
      );
      if (adopted === true) adoptedIds.add(logicalId);
      deployed.set(logicalId, {
        ...state,
        logicalId,
        type: resource.Type,
        properties,
        ...(resource.DeletionPolicy === undefined ? {} : { deletionPolicy: resource.DeletionPolicy }),
        ...(resource.UpdateReplacePolicy === undefined ? {} : { updateReplacePolicy: resource.UpdateReplacePolicy }),
      });
    } catch (error) {
      // Keep what exists now (applied + untouched previous resources) so a later deploy or destroy can clean up.
      const reason = error instanceof Error ? error.message : String(error);
      saveStack(sandbox, input, mergeForFailure(deployed, previous), previous?.outputs ?? {}, template, previous, {
        status: previous === undefined ? 'CREATE_FAILED' : 'UPDATE_FAILED',
        reason: `${logicalId} (${resource.Type}): ${reason}`,
      });
      throw new StackError(`Stack ${input.stackName}: applying ${logicalId} (${resource.Type}) failed: ${reason}`, {
        cause: error,
      });
    }
  }

  const actions: Array<DeployResult['resources'][number]> = [];
  for (const resource of deployed.values()) {
    const prior = previousById.get(resource.logicalId);
    actions.push({
      logicalId: resource.logicalId,
      type: resource.type,
      physicalId: resource.physicalId,
      action: adoptedIds.has(resource.logicalId) ? 'adopted' : prior === undefined ? 'created' : 'updated',
    });
    // A replaced resource (new physical id) is deleted after the update, as CloudFormation does.
    if (prior !== undefined && prior.type === resource.type && prior.physicalId !== resource.physicalId) {
      await removeResource(sandbox, input, prior, prior.updateReplacePolicy ?? prior.deletionPolicy, notes);
    }
  }
  for (const prior of [...(previous?.resources ?? [])].reverse()) {
    const current = deployed.get(prior.logicalId);
    if (current !== undefined && current.type === prior.type) continue;
    const kept = await removeResource(sandbox, input, prior, prior.deletionPolicy, notes);
    actions.push({
      logicalId: prior.logicalId,
      type: prior.type,
      physicalId: prior.physicalId,
      action: kept ? 'retained' : 'deleted',
    });
  }

  const outputs: Record<string, string> = {};
  for (const [name, output] of Object.entries(
    (template.Outputs as Record<string, { Value?: unknown; Condition?: string }> | undefined) ?? {},
  )) {
    if (output.Condition !== undefined && scope.conditions[output.Condition] !== true) continue;
    try {
      const value = resolveIntrinsics(output.Value, scope, `Outputs.${name}.Value`);
      outputs[name] = Array.isArray(value) ? value.join(',') : String(value);
    } catch (error) {
      if (!(error instanceof NotAppliedReferenceError)) throw error;
      notes.push(`Output ${name} skipped: ${error.message}`);
    }
  }

  const ordered = order.flatMap((id) => {
    const resource = deployed.get(id);
    return resource === undefined ? [] : [resource];
  });
  saveStack(sandbox, input, ordered, outputs, template, previous, {
    status: previous === undefined ? 'CREATE_COMPLETE' : 'UPDATE_COMPLETE',
  });
  for (const entry of unsupported.values()) {
    sandbox.log(`[sandbox] ${input.stackName}: NOT applied ${entry.logicalId} (${entry.type}): ${entry.reason}`);
  }
  return {
    stackName: input.stackName,
    accountId: input.account,
    region: input.region,
    status: previous === undefined ? 'CREATE_COMPLETE' : 'UPDATE_COMPLETE',
    resources: actions,
    unsupported: [...unsupported.values()],
    ignored,
    outputs,
    notes,
    durationMs: Date.now() - started,
  };
}

function unresolvable(
  logicalId: string,
  unsupported: ReadonlyMap<string, { type: string; reason: string }>,
  template: Record<string, unknown>,
): TemplateError {
  const skipped = unsupported.get(logicalId);
  if (skipped !== undefined)
    return new NotAppliedReferenceError(`${logicalId} (${skipped.type}) was not applied: ${skipped.reason}`);
  const resources = template.Resources as Record<string, unknown>;
  if (logicalId in resources)
    return new NotAppliedReferenceError(`${logicalId} was not applied (condition false or ignored type)`);
  return new TemplateError(`Unresolved reference '${logicalId}': no such resource or parameter in the template.`);
}

function loadTemplate(template: unknown): Record<string, unknown> {
  let parsed = template;
  if (typeof template === 'string') {
    let text: string;
    try {
      text = readFileSync(template, 'utf8');
    } catch (error) {
      throw new TemplateError(
        `Cannot read template file ${template}: ${(error as Error).message}. Run the synth first (e.g. \`npx nx synth target-infra\`).`,
        { cause: error },
      );
    }
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new TemplateError(
        `Template ${template} is not valid JSON: ${(error as Error).message}. The sandbox reads synthesized (JSON) templates.`,
        { cause: error },
      );
    }
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new TemplateError('The template must be a JSON object.');
  const resources = (parsed as Record<string, unknown>).Resources;
  if (resources === null || typeof resources !== 'object' || Array.isArray(resources)) {
    throw new TemplateError('The template has no Resources object: is this a CloudFormation template?');
  }
  for (const [logicalId, resource] of Object.entries(resources as Record<string, unknown>)) {
    if (
      resource === null ||
      typeof resource !== 'object' ||
      typeof (resource as { Type?: unknown }).Type !== 'string'
    ) {
      throw new TemplateError(`Resources.${logicalId} has no Type.`);
    }
  }
  return parsed as Record<string, unknown>;
}

function resolveParameters(
  template: Record<string, unknown>,
  given: Readonly<Record<string, string>>,
  notes: string[],
): Record<string, unknown> {
  const declared = (template.Parameters as Record<string, { Type?: string; Default?: unknown }> | undefined) ?? {};
  const values: Record<string, unknown> = {};
  for (const [name, declaration] of Object.entries(declared)) {
    const value = given[name] ?? declaration.Default;
    if (value === undefined) {
      throw new TemplateError(`Parameter ${name} has no Default and no value was given: pass it in \`parameters\`.`);
    }
    if (declaration.Type?.startsWith('AWS::SSM::Parameter::Value')) {
      // CDK's BootstrapVersion: an SSM lookup the sandbox has no store for.
      notes.push(
        `Parameter ${name} (${declaration.Type}) is an SSM lookup; the sandbox uses its default name '${String(value)}' as is.`,
      );
    }
    values[name] = declaration.Type === 'CommaDelimitedList' && typeof value === 'string' ? value.split(',') : value;
  }
  return values;
}

function dependenciesOf(resource: TemplateResource, ids: ReadonlySet<string>): Set<string> {
  const deps = findDependencies(resource.Properties ?? {}, ids);
  const explicit =
    resource.DependsOn === undefined
      ? []
      : Array.isArray(resource.DependsOn)
        ? resource.DependsOn
        : [resource.DependsOn];
  for (const dep of explicit) {
    if (!ids.has(dep)) throw new TemplateError(`DependsOn names '${dep}', which is not a resource of the template.`);
    deps.add(dep);
  }
  return deps;
}

function topologicalOrder(resources: ReadonlyMap<string, TemplateResource>, ids: ReadonlySet<string>): string[] {
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string, path: string[]) => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting')
      throw new TemplateError(`Circular dependency between resources: ${[...path, id].join(' -> ')}.`);
    state.set(id, 'visiting');
    const resource = resources.get(id);
    if (resource !== undefined) for (const dep of dependenciesOf(resource, ids)) visit(dep, [...path, id]);
    state.set(id, 'done');
    order.push(id);
  };
  for (const id of resources.keys()) visit(id, []);
  return order;
}

function resourceContext(
  sandbox: SandboxContext,
  input: DeployTemplateInput,
  logicalId: string,
  notes: string[],
): ResourceContext {
  return {
    sandbox,
    stackName: input.stackName,
    logicalId,
    accountId: input.account,
    region: input.region,
    ...(input.assemblyDir === undefined ? {} : { assemblyDir: input.assemblyDir }),
    note: (message) => void notes.push(`${logicalId}: ${message}`),
  };
}

async function removeResource(
  sandbox: SandboxContext,
  input: DeployTemplateInput,
  resource: DeployedResource,
  policy: string | undefined,
  notes: string[],
): Promise<boolean> {
  if (policy === 'Retain' || policy === 'RetainExceptOnCreate') {
    notes.push(`${resource.logicalId}: retained (DeletionPolicy ${policy}), ${resource.physicalId} stays.`);
    return true;
  }
  const handler = sandbox.resourceHandlers.get(resource.type);
  if (handler !== undefined) await handler.delete(resource, resourceContext(sandbox, input, resource.logicalId, notes));
  return false;
}

function mergeForFailure(
  deployed: ReadonlyMap<string, DeployedResource>,
  previous: StackRecord | undefined,
): DeployedResource[] {
  const merged = new Map((previous?.resources ?? []).map((r) => [r.logicalId, r]));
  for (const resource of deployed.values()) merged.set(resource.logicalId, resource);
  return [...merged.values()];
}

function saveStack(
  sandbox: SandboxContext,
  input: DeployTemplateInput,
  resources: DeployedResource[],
  outputs: Record<string, string>,
  template: Record<string, unknown>,
  previous: StackRecord | undefined,
  result: { status: StackStatus; reason?: string },
): void {
  const now = new Date().toISOString();
  const descriptions: Record<string, string> = {};
  for (const [name, output] of Object.entries((template.Outputs as Record<string, { Description?: unknown }>) ?? {})) {
    if (typeof output.Description === 'string' && name in outputs) descriptions[name] = output.Description;
  }
  sandbox.stacks.put({
    stackName: input.stackName,
    accountId: input.account,
    region: input.region,
    resources,
    outputs,
    outputDescriptions: descriptions,
    ...(typeof template.Description === 'string' ? { description: template.Description } : {}),
    ...(input.assemblyDir === undefined ? {} : { assemblyDir: input.assemblyDir }),
    updatedAt: now,
    createdAt: previous?.createdAt ?? previous?.updatedAt ?? now,
    status: result.status,
    ...(result.reason === undefined ? {} : { statusReason: result.reason }),
  });
}
