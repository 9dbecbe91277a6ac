import { array, boolean, enum as zEnum, literal, number, string, strictObject, union } from 'zod';

const base = { id: number().int().min(1).max(9), name: string().min(1), summary: string().min(1) };

/** The `--json` document: the stage, whether every check passed or was skipped, and the nine checks in order. */
export const reportSchema = strictObject({
  stage: string(),
  kind: zEnum(['aws', 'local']).optional(),
  ok: boolean(),
  checks: array(
    union([
      strictObject({ ...base, status: literal('pass') }),
      strictObject({ ...base, status: literal('skip') }),
      strictObject({ ...base, status: literal('fail'), cause: string().min(1), fix: string().min(1) }),
    ]),
  ).length(9),
});
