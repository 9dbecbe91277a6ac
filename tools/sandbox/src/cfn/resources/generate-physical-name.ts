import { randomId } from '../../iam/random-id';

/** A name like CloudFormation generates for unnamed resources: `<stack>-<logicalId>-<RANDOM>`, cut to `maxLength`. */
export function generatePhysicalName(stackName: string, logicalId: string, maxLength: number): string {
  const suffix = `-${randomId(12)}`;
  return `${stackName}-${logicalId}`.slice(0, maxLength - suffix.length) + suffix;
}
