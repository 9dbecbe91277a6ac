import { runSimulation } from '@cloud-copilot/iam-simulate';
import { TemplateError } from '../errors';
import type { PolicyDocument } from './policy-document';

/**
 * Checks a policy's syntax with iam-simulate's validator (the evaluator the sandbox uses), so a broken policy fails
 * at deploy time as in IAM (MalformedPolicyDocument) instead of denying everything later.
 * @param kind 'identity' for permission policies, 'trust' for a role's trust policy, 'resource' for other resource
 * policies (table, key).
 * @throws TemplateError naming the policy and what is wrong.
 */
export async function validatePolicy(
  document: unknown,
  kind: 'identity' | 'trust' | 'resource',
  label: string,
): Promise<PolicyDocument> {
  if (document === null || typeof document !== 'object' || Array.isArray(document) || !('Statement' in document)) {
    throw new TemplateError(`MalformedPolicyDocument: ${label} must be an object with a Statement.`);
  }
  const policy = document as PolicyDocument;
  const result = await runSimulation(
    {
      request: {
        principal: 'arn:aws:iam::000000000000:root',
        action: 'sts:AssumeRole',
        resource: { resource: 'arn:aws:iam::000000000000:role/validation', accountId: '000000000000' },
        contextVariables: {},
      },
      identityPolicies: kind === 'identity' ? [{ name: label, policy }] : [],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      ...(kind === 'identity' ? {} : { resourcePolicy: policy }),
    },
    { simulationMode: 'Strict' },
  );
  if (result.resultType === 'error') {
    const details = [
      ...Object.values(result.errors.identityPolicyErrors ?? {}).flat(),
      ...(result.errors.resourcePolicyErrors ?? []),
    ].map((e) => `${e.path}: ${e.message}`);
    throw new TemplateError(`MalformedPolicyDocument: ${label}: ${details.join('; ') || result.errors.message}`);
  }
  return policy;
}
