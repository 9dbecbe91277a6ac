import { ConfigError, loadStage, type Stage } from '@xacct/config';
import { fail, pass, type CheckOutcome } from '../check-result';

/** Check 1: the stage file loads and validates; the messages are libs/config's. */
export function checkStageFile(stageName: string, stagesDir: string): { outcome: CheckOutcome; stage?: Stage } {
  try {
    const stage = loadStage(stageName, { stagesDir });
    return {
      outcome: pass(
        `config/stages/${stageName}.json is valid (${stage.kind}; source ${stage.source.accountId}/${stage.source.region}, target ${stage.target.accountId}/${stage.target.region})`,
      ),
      stage,
    };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const fix =
      error.code === 'STAGE_NOT_FOUND'
        ? `cp config/stages/example.json config/stages/${stageName}.json   # then fill it in (config/stages/README.md)`
        : `edit config/stages/${stageName}.json as each line above says (field reference: config/stages/README.md)`;
    return { outcome: fail(`config/stages/${stageName}.json cannot be used`, error.message, fix) };
  }
}
