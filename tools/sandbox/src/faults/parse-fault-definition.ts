import { SandboxFaultError } from '../errors';
import { FAULT_ACTIONS, FAULT_ERRORS, FAULT_KINDS, FAULT_SERVICES } from './fault-catalog';
import type { FaultDefinition, FaultKind, FaultService } from './fault-definition';

const FIELDS = ['service', 'action', 'account', 'kind', 'ms', 'jitterMs', 'error', 'count', 'probability', 'seed'];
/** Ten minutes: longer is a hang, which says so. */
const MAX_MS = 600_000;

/**
 * Checks a fault definition from the admin API, the CLI or a test.
 * @throws SandboxFaultError naming the first bad field and what it accepts.
 */
export function parseFaultDefinition(input: unknown): FaultDefinition {
  if (input === null || typeof input !== 'object' || Array.isArray(input))
    throw new SandboxFaultError('(body)', 'A fault definition is a JSON object, e.g. {"service":"sts","kind":"hang"}.');
  const raw = input as Record<string, unknown>;
  const unknownField = Object.keys(raw).find((key) => !FIELDS.includes(key));
  if (unknownField !== undefined)
    throw new SandboxFaultError(unknownField, `Unknown field '${unknownField}'. Fields: ${FIELDS.join(', ')}.`);

  const service = oneOf(raw, 'service', FAULT_SERVICES) as FaultService;
  const kind = oneOf(raw, 'kind', FAULT_KINDS) as FaultKind;
  const definition: { -readonly [K in keyof FaultDefinition]: FaultDefinition[K] } = { service, kind };
  if (raw.action !== undefined) {
    const actions = FAULT_ACTIONS[service];
    if (typeof raw.action !== 'string' || !actions.has(raw.action))
      throw new SandboxFaultError(
        'action',
        `'action' ${JSON.stringify(raw.action)} is not a ${service} action the sandbox serves: ${[...actions].join(', ')}.`,
      );
    definition.action = raw.action;
  }
  if (raw.account !== undefined) {
    if (typeof raw.account !== 'string' || !/^\d{12}$/.test(raw.account))
      throw new SandboxFaultError(
        'account',
        `'account' must be a 12-digit account id, got ${JSON.stringify(raw.account)}.`,
      );
    definition.account = raw.account;
  }
  if (raw.ms !== undefined) definition.ms = number(raw, 'ms', 0, MAX_MS);
  if (raw.jitterMs !== undefined) definition.jitterMs = number(raw, 'jitterMs', 0, MAX_MS);
  if (kind === 'latency' && definition.ms === undefined && definition.jitterMs === undefined)
    throw new SandboxFaultError('ms', "A 'latency' fault needs 'ms' (and optionally 'jitterMs').");
  if (kind === 'error') {
    const errors = Object.keys(FAULT_ERRORS[service]);
    if (typeof raw.error !== 'string' || !errors.includes(raw.error))
      throw new SandboxFaultError(
        'error',
        `'error' ${raw.error === undefined ? 'is required for kind error' : `${JSON.stringify(raw.error)} is not an error ${service} answers`}: ${errors.join(', ')}.`,
      );
    definition.error = raw.error;
  } else if (raw.error !== undefined) {
    throw new SandboxFaultError('error', `'error' applies to kind 'error' only (this fault is '${kind}').`);
  }
  if (raw.count !== undefined) {
    if (typeof raw.count !== 'number' || !Number.isInteger(raw.count) || raw.count < 1)
      throw new SandboxFaultError('count', `'count' must be a positive integer, got ${JSON.stringify(raw.count)}.`);
    definition.count = raw.count;
  }
  if (raw.probability !== undefined) definition.probability = number(raw, 'probability', 0, 1);
  if (raw.seed !== undefined) {
    if (typeof raw.seed !== 'number' || !Number.isSafeInteger(raw.seed))
      throw new SandboxFaultError('seed', `'seed' must be an integer, got ${JSON.stringify(raw.seed)}.`);
    definition.seed = raw.seed;
  }
  return definition;
}

function oneOf(raw: Record<string, unknown>, field: string, allowed: readonly string[]): string {
  const value = raw[field];
  if (typeof value !== 'string' || !allowed.includes(value))
    throw new SandboxFaultError(
      field,
      `'${field}' ${value === undefined ? 'is required' : `${JSON.stringify(value)} is not known`}: one of ${allowed.join(', ')}.`,
    );
  return value;
}

function number(raw: Record<string, unknown>, field: string, min: number, max: number): number {
  const value = raw[field];
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max)
    throw new SandboxFaultError(
      field,
      `'${field}' must be a number from ${min} to ${max}, got ${JSON.stringify(value)}.`,
    );
  return value;
}
