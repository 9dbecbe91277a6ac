import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { defaultStagesDir } from './default-stages-dir';
import { ConfigError } from './errors';
import { parseStage } from './parse-stage';
import type { Stage } from './stage-schema';

export interface LoadStageOptions {
  /**
   * Directory holding `<stage>.json` files.
   * @default `$XACCT_STAGES_DIR` when set (tests synthesize stages of their own), else `config/stages` under the
   * nearest ancestor of the working directory that has an `nx.json`
   */
  readonly stagesDir?: string;
}

function availableStages(stagesDir: string): string {
  try {
    const names = readdirSync(stagesDir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.slice(0, -'.json'.length));
    return names.length > 0 ? names.join(', ') : '(none)';
  } catch {
    return '(none)';
  }
}

/** Reads `config/stages/<name>.json` and returns the validated stage, or throws a ConfigError naming every bad field. */
export function loadStage(name: string, options: LoadStageOptions = {}): Stage {
  const stagesDir = options.stagesDir ?? defaultStagesDir();
  if (!/^[a-z][a-z0-9-]{0,31}$/.test(name)) {
    throw new ConfigError(
      'STAGE_NOT_FOUND',
      `stage name ${JSON.stringify(name)} is not valid: use 1-32 lowercase letters, digits or "-" (available: ${availableStages(stagesDir)})`,
    );
  }
  const file = join(stagesDir, `${name}.json`);
  const shown = relative(process.cwd(), file) || file;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new ConfigError(
      'STAGE_NOT_FOUND',
      `${shown}: no such stage file; create it from config/stages/example.json (available: ${availableStages(stagesDir)})`,
      { cause },
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new ConfigError('STAGE_UNREADABLE', `${shown}: not valid JSON (${(cause as Error).message})`, { cause });
  }
  // The name check joins the schema's report, so one run lists every problem of the file.
  const rawName = typeof json === 'object' && json !== null ? (json as Record<string, unknown>)['name'] : undefined;
  const nameIssue =
    typeof rawName === 'string' && rawName !== name
      ? `${shown}: name: must equal the file name "${name}", got ${JSON.stringify(rawName)}`
      : undefined;
  let stage: Stage;
  try {
    stage = parseStage(json, shown);
  } catch (error) {
    if (error instanceof ConfigError && nameIssue) {
      throw new ConfigError(error.code, `${error.message}\n${nameIssue}`, { cause: error });
    }
    throw error;
  }
  if (nameIssue) throw new ConfigError('STAGE_INVALID', nameIssue);
  return stage;
}
