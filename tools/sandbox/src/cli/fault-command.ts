import { CliUsageError } from '../errors';
import type { ActiveFault } from '../faults/fault-definition';
import type { AdminClient } from './admin-client';

type Options = Readonly<Record<string, string | boolean | undefined>>;

/** CLI options of `fault add` -> the definition's fields (numbers are sent as numbers; the sandbox validates). */
const STRING_FIELDS = { service: 'service', kind: 'kind', action: 'action', account: 'account', error: 'error' };
const NUMBER_FIELDS = { ms: 'ms', 'jitter-ms': 'jitterMs', count: 'count', probability: 'probability', seed: 'seed' };

/** `sandbox fault add|list|remove <id>|clear`: fault injection in a running sandbox. */
export async function faultCommand(
  admin: AdminClient,
  positionals: readonly string[],
  options: Options,
): Promise<number> {
  const [verb, id] = positionals;
  switch (verb) {
    case 'add': {
      const definition: Record<string, string | number> = {};
      for (const [option, field] of Object.entries(STRING_FIELDS)) {
        const value = options[option];
        if (typeof value === 'string') definition[field] = value;
      }
      for (const [option, field] of Object.entries(NUMBER_FIELDS)) {
        const value = options[option];
        if (typeof value !== 'string') continue;
        const parsed = Number(value);
        if (value.trim() === '' || !Number.isFinite(parsed))
          throw new CliUsageError(`--${option} must be a number, got '${value}'.`);
        definition[field] = parsed;
      }
      const { id: added } = await admin.call<{ id: string }>('POST', 'faults', definition);
      console.log(`Added ${added}: ${describeFault(definition)}`);
      return 0;
    }
    case 'list': {
      const { faults } = await admin.call<{ faults: ActiveFault[] }>('GET', 'faults');
      if (options.json === true) console.log(JSON.stringify(faults, null, 2));
      else console.log(faults.length === 0 ? 'No active faults.' : faults.map(faultLine).join('\n'));
      return 0;
    }
    case 'remove': {
      if (id === undefined) throw new CliUsageError('fault remove needs the fault id (see `fault list`).');
      await admin.call('DELETE', `faults/${encodeURIComponent(id)}`);
      console.log(`Removed ${id}.`);
      return 0;
    }
    case 'clear': {
      const { removed } = await admin.call<{ removed: number }>('DELETE', 'faults');
      console.log(`Removed ${removed} fault${removed === 1 ? '' : 's'}.`);
      return 0;
    }
    default:
      throw new CliUsageError(`fault needs a verb: add, list, remove <id> or clear (got '${verb ?? ''}').`);
  }
}

/** One line per active fault, for `fault list` and the serve banner. */
export function faultLine(fault: ActiveFault): string {
  const remaining = fault.remaining === undefined ? '' : `, ${fault.remaining} left`;
  const held = fault.held > 0 ? `, holding ${fault.held}` : '';
  return `  ${fault.id}  ${describeFault(fault)}  (fired ${fault.fired}${remaining}${held})`;
}

function describeFault(definition: object): string {
  const fault = definition as Readonly<Record<string, unknown>>;
  const parts = [
    `${String(fault.service)}${fault.action === undefined ? '' : `:${String(fault.action)}`}`,
    String(fault.kind),
    fault.error,
    fault.ms === undefined ? undefined : `${String(fault.ms)} ms`,
    fault.jitterMs === undefined ? undefined : `+0..${String(fault.jitterMs)} ms`,
    fault.account === undefined ? undefined : `account ${String(fault.account)}`,
    fault.count === undefined ? undefined : `count ${String(fault.count)}`,
    fault.probability === undefined ? undefined : `p=${String(fault.probability)}`,
    fault.seed === undefined ? undefined : `seed ${String(fault.seed)}`,
  ];
  return parts.filter((part) => part !== undefined).join(' ');
}
