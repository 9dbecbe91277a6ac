import { AwsServiceError } from '../errors';
import type { CallerIdentity } from '../iam/caller-identity';
import { isAllowed } from '../iam/is-allowed';
import { denialReasonText } from '../iam/denial-of';
import type { NamedPolicy } from '../iam/policy-document';
import type { SandboxContext } from '../sandbox-context';

/**
 * The caller of an item action on a table under a customer managed key must be able to use the key through
 * DynamoDB: the key policy (always required for KMS, even in the key's account) and the caller's identity policies
 * must allow kms:Decrypt with kms:ViaService = dynamodb.<region>.amazonaws.com. Checked on every call, as AWS does.
 */
export async function checkTableKey(
  sandbox: SandboxContext,
  identity: CallerIdentity,
  policies: readonly NamedPolicy[],
  keyArn: string,
  region: string,
): Promise<void> {
  const key = sandbox.kms.find(keyArn, identity.accountId, region);
  const denied = (why: string) => {
    sandbox.log(`[sandbox] DENIED kms:Decrypt (via DynamoDB) by ${identity.arn} on ${keyArn}: ${why}`);
    return new AwsServiceError(
      'AccessDeniedException',
      `User: ${identity.arn} is not authorized to perform: kms:Decrypt on resource: ${keyArn} ${why} (the table is encrypted with this customer managed key)`,
      400,
    );
  };
  if (key === undefined) throw denied('because the key does not exist (deleted?)');
  const decision = await isAllowed({
    principal: { kind: 'identity', identity, policies },
    action: 'kms:Decrypt',
    resource: key.arn,
    resourceAccount: key.accountId,
    resourcePolicy: key.policy,
    requireResourcePolicyAllow: true,
    context: {
      'aws:RequestedRegion': key.region,
      'kms:ViaService': `dynamodb.${key.region}.amazonaws.com`,
      'kms:CallerAccount': identity.accountId,
      'aws:ViaAWSService': 'true',
    },
  });
  if (!decision.allowed) throw denied(denialReasonText(decision.reason, 'kms:Decrypt'));
}
