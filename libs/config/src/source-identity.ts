import type { Stage } from './stage-schema';

/**
 * The SourceIdentity the reader sets on AssumeRole, and the access role's trust requires.
 * It is the reader role's name so CloudTrail in the target account shows who came in.
 * Role names (1-64 of [\w+=,.@-]) fit SourceIdentity's alphabet; the 2-character minimum is checked here.
 */
export function sourceIdentity(stage: Stage): string {
  const name = stage.roles.readerRoleName;
  return name.length >= 2 ? name : `${name}-reader`;
}
