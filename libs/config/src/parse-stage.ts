import { ConfigError } from './errors';
import { formatIssues } from './format-issues';
import { stageSchema, type Stage } from './stage-schema';

/**
 * Validates an already-parsed stage document. `source` names where it came from (the file path)
 * and prefixes every line of the error.
 */
export function parseStage(input: unknown, source: string): Stage {
  const result = stageSchema.safeParse(input);
  if (!result.success) {
    throw new ConfigError('STAGE_INVALID', formatIssues(source, result.error, input));
  }
  return result.data;
}
