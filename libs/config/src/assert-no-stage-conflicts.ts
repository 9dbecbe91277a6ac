import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { defaultStagesDir } from './default-stages-dir';
import { ConfigError } from './errors';
import type { LoadStageOptions } from './load-stage';
import { stageSchema, type Stage } from './stage-schema';

interface NamedResource {
  /** The stage field that names it, e.g. `table.name`. */
  readonly field: string;
  /** Where the name must be unique: table names per account and region, IAM role names per account. */
  readonly key: string;
  readonly shown: string;
}

function resourcesOf(stage: Stage): NamedResource[] {
  const { source, target, table, roles } = stage;
  return [
    {
      field: 'table.name',
      key: `table ${target.accountId} ${target.region} ${table.name}`,
      shown: `table "${table.name}" in ${target.accountId}/${target.region}`,
    },
    {
      field: 'roles.accessRoleName',
      key: `role ${target.accountId} ${roles.accessRoleName}`,
      shown: `role "${roles.accessRoleName}" in ${target.accountId}`,
    },
    {
      field: 'roles.readerRoleName',
      key: `role ${source.accountId} ${roles.readerRoleName}`,
      shown: `role "${roles.readerRoleName}" in ${source.accountId}`,
    },
  ];
}

/**
 * Refuses a stage of kind `aws` that names the same table (account + region) or IAM role (account; IAM names are
 * global) as another `aws` stage file: the second deploy would fail on "already exists" or, worse, adopt the first
 * stage's table. Stages of kind `local` keep their names (each sandbox run is its own world). Other stage files that do
 * not parse are skipped: their own synth reports them.
 */
export function assertNoStageConflicts(stage: Stage, options: LoadStageOptions = {}): void {
  if (stage.kind !== 'aws') return;
  const stagesDir = options.stagesDir ?? defaultStagesDir();
  const shownFile = (name: string): string => relative(process.cwd(), join(stagesDir, `${name}.json`));
  const mine = resourcesOf(stage);
  const problems: string[] = [];
  for (const file of readdirSync(stagesDir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const otherName = file.slice(0, -'.json'.length);
    if (otherName === stage.name) continue;
    let other: Stage;
    try {
      const parsed = stageSchema.safeParse(JSON.parse(readFileSync(join(stagesDir, file), 'utf8')));
      if (!parsed.success) continue;
      other = parsed.data;
    } catch {
      continue;
    }
    if (other.kind !== 'aws') continue;
    const theirs = new Set(resourcesOf(other).map((r) => r.key));
    for (const resource of mine.filter((r) => theirs.has(r.key))) {
      problems.push(
        `${shownFile(stage.name)}: ${resource.field}: ${resource.shown} is also named by ${shownFile(otherName)}; two aws stages cannot share it: give one of them its own name`,
      );
    }
  }
  if (problems.length > 0) throw new ConfigError('STAGE_CONFLICT', problems.join('\n'));
}
