import type { SandboxContext } from '../sandbox-context';
import type { CallerIdentity } from './caller-identity';
import { isAllowed, type DenialReason } from './is-allowed';
import type { PolicyDocument } from './policy-document';

export interface DenialInput {
  readonly identity: CallerIdentity;
  /** `service:Action`, e.g. `iam:GetRole`. */
  readonly action: string;
  readonly resource: string;
  readonly resourceAccount: string;
  readonly context?: Record<string, string | string[]>;
  /** The resource's own policy (a DynamoDB table's), evaluated with the identity policies as IAM does. */
  readonly resourcePolicy?: PolicyDocument;
}

/**
 * Evaluates the caller's identity policies for one action on one resource, as every emulated service does.
 * @returns AWS's AccessDenied message (`User: … is not authorized to perform: … because …`), or undefined when allowed.
 */
export async function denialOf(sandbox: SandboxContext, input: DenialInput): Promise<string | undefined> {
  const decision = await isAllowed({
    principal: { kind: 'identity', identity: input.identity, policies: sandbox.iam.identityPolicies(input.identity) },
    action: input.action,
    resource: input.resource,
    resourceAccount: input.resourceAccount,
    ...(input.context === undefined ? {} : { context: input.context }),
    ...(input.resourcePolicy === undefined ? {} : { resourcePolicy: input.resourcePolicy }),
  });
  if (decision.allowed) return undefined;
  sandbox.log(`[sandbox] DENIED ${input.action} by ${input.identity.arn} on ${input.resource}: ${decision.reason}`);
  return `User: ${input.identity.arn} is not authorized to perform: ${input.action} on resource: ${input.resource} ${denialReasonText(decision.reason, input.action)}`;
}

/** The end of AWS's AccessDenied message for a denial reason, e.g. `because no identity-based policy allows the dynamodb:Scan action`. */
export function denialReasonText(reason: DenialReason, action: string): string {
  switch (reason) {
    case 'explicit-deny-identity':
      return 'with an explicit deny in an identity-based policy';
    case 'explicit-deny-resource':
      return 'with an explicit deny in a resource-based policy';
    case 'no-resource-policy':
      return `because no resource-based policy allows the ${action} action`;
    case 'no-session-policy':
      return `because no session policy allows the ${action} action`;
    case 'explicit-deny-session':
      return 'with an explicit deny in a session policy';
    case 'invalid-policy':
      return 'because an attached policy is invalid';
    default:
      return `because no identity-based policy allows the ${action} action`;
  }
}
