import { grantsAccess } from '@xacct/config';
import { fail, pass, type CheckOutcome } from '../check-result';
import type { DoctorContext } from '../doctor-context';
import { checkAccessRole } from './check-access-role';
import { checkTablePolicy } from './check-table-policy';

/**
 * Check 5: each grant the stage deploys in the target account: the access role (assume-role), the table's resource
 * policy (resource-policy), or both while switching modes. Both must hold; a failure names which.
 */
export async function checkAccessGrant(context: DoctorContext): Promise<CheckOutcome> {
  const outcomes: CheckOutcome[] = [];
  if (grantsAccess(context.stage, 'assume-role')) outcomes.push(await checkAccessRole(context));
  if (grantsAccess(context.stage, 'resource-policy')) outcomes.push(await checkTablePolicy(context));
  const [only] = outcomes;
  if (outcomes.length === 1 && only !== undefined) return only;
  const failed = outcomes.filter((outcome) => outcome.status === 'fail');
  if (failed.length === 0) return pass(outcomes.map((outcome) => outcome.summary).join('; '));
  return fail(
    failed.map((outcome) => outcome.summary).join('; '),
    failed.map((outcome) => outcome.cause).join('; '),
    [...new Set(failed.map((outcome) => outcome.fix))].join('\n'),
  );
}
