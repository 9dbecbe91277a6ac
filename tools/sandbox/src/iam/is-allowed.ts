import { runSimulation } from '@cloud-copilot/iam-simulate';
import type { CallerIdentity } from './caller-identity';
import type { NamedPolicy, PolicyDocument } from './policy-document';

/** A principal for evaluation: a signed-in caller, or an AWS service principal such as `lambda.amazonaws.com`. */
export type EvaluatedPrincipal =
  | { readonly kind: 'identity'; readonly identity: CallerIdentity; readonly policies: readonly NamedPolicy[] }
  | { readonly kind: 'service'; readonly service: string };

export interface IsAllowedInput {
  readonly principal: EvaluatedPrincipal;
  readonly action: string;
  readonly resource: string;
  /** The account that owns the resource (decides same- vs cross-account evaluation). */
  readonly resourceAccount: string;
  /** The resource's policy (a role's trust policy for sts:AssumeRole). */
  readonly resourcePolicy?: PolicyDocument;
  /** Request-specific context keys (sts:ExternalId, sts:SourceIdentity...); principal keys are added here. */
  readonly context?: Record<string, string | string[]>;
  /** Require the resource policy to allow even in the same account (role trust policies). */
  readonly requireResourcePolicyAllow?: boolean;
}

/** Why a request was denied, in AWS's wording for the end of the AccessDenied message. */
export type DenialReason =
  | 'no-identity-policy'
  | 'explicit-deny-identity'
  | 'no-resource-policy'
  | 'explicit-deny-resource'
  | 'no-session-policy'
  | 'explicit-deny-session'
  | 'invalid-policy';

export type Decision =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly reason: DenialReason; readonly detail?: string };

/**
 * Evaluates a request with @cloud-copilot/iam-simulate (identity policies, resource policy, same- vs cross-account),
 * passing the principal's context keys explicitly, as AWS would populate them.
 */
export async function isAllowed(input: IsAllowedInput): Promise<Decision> {
  const principalArn = input.principal.kind === 'service' ? input.principal.service : input.principal.identity.arn;
  const result = await runSimulation(
    {
      request: {
        principal: principalArn,
        action: input.action,
        resource: { resource: input.resource, accountId: input.resourceAccount },
        contextVariables: { ...principalContext(input.principal), ...globalContext(), ...(input.context ?? {}) },
      },
      identityPolicies:
        input.principal.kind === 'identity'
          ? input.principal.policies.map((p) => ({ name: p.name, policy: p.document }))
          : [],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      ...(input.resourcePolicy === undefined ? {} : { resourcePolicy: input.resourcePolicy }),
      ...(input.principal.kind === 'identity' && input.principal.identity.sessionPolicy !== undefined
        ? { sessionPolicy: input.principal.identity.sessionPolicy }
        : {}),
    },
    { simulationMode: 'Strict' },
  );
  if (result.resultType === 'error') {
    return { allowed: false, reason: 'invalid-policy', detail: result.errors.message };
  }
  const overall = result.overallResult;
  if (overall === 'Allowed') {
    if (input.requireResourcePolicyAllow === true && !resourceAllows(result)) {
      return { allowed: false, reason: 'no-resource-policy' };
    }
    return { allowed: true };
  }
  return { allowed: false, reason: denialReason(result) };
}

type SuccessfulResult = Exclude<Awaited<ReturnType<typeof runSimulation>>, { resultType: 'error' }>;

function analysisOf(result: SuccessfulResult) {
  return result.resultType === 'single' ? result.result.analysis : result.results[0]?.analysis;
}

function resourceAllows(result: SuccessfulResult): boolean {
  const resource = analysisOf(result)?.resourceAnalysis?.result;
  return resource === 'Allowed' || resource === 'AllowedForAccount';
}

function denialReason(result: SuccessfulResult): DenialReason {
  const analysis = analysisOf(result);
  if (analysis?.identityAnalysis?.result === 'ExplicitlyDenied') return 'explicit-deny-identity';
  if (analysis?.resourceAnalysis?.result === 'ExplicitlyDenied') return 'explicit-deny-resource';
  if (analysis?.sessionAnalysis?.result === 'ExplicitlyDenied') return 'explicit-deny-session';
  if (
    analysis?.identityAnalysis?.result === 'Allowed' &&
    analysis.sessionAnalysis !== undefined &&
    analysis.sessionAnalysis.result !== 'Allowed'
  ) {
    return 'no-session-policy';
  }
  if (analysis?.identityAnalysis?.result === 'Allowed') return 'no-resource-policy';
  return 'no-identity-policy';
}

function principalContext(principal: EvaluatedPrincipal): Record<string, string | string[]> {
  if (principal.kind === 'service')
    return { 'aws:PrincipalServiceName': principal.service, 'aws:PrincipalIsAWSService': 'true' };
  const identity = principal.identity;
  const context: Record<string, string | string[]> = {
    'aws:PrincipalArn': identity.principalArn,
    'aws:PrincipalAccount': identity.accountId,
    'aws:PrincipalType': identity.type === 'user' ? 'User' : 'AssumedRole',
    'aws:userid': identity.userId,
    'aws:PrincipalIsAWSService': 'false',
  };
  if (identity.type === 'user')
    context['aws:username'] = identity.principalArn.slice(identity.principalArn.lastIndexOf('/') + 1);
  if (identity.sourceIdentity !== undefined) context['aws:SourceIdentity'] = identity.sourceIdentity;
  if (identity.issuedAt !== undefined) context['aws:TokenIssueTime'] = identity.issuedAt.toISOString();
  return context;
}

function globalContext(): Record<string, string> {
  const now = new Date();
  return {
    'aws:CurrentTime': now.toISOString(),
    'aws:EpochTime': String(Math.floor(now.getTime() / 1000)),
    // The sandbox listens on plain HTTP on loopback.
    'aws:SecureTransport': 'false',
    'aws:SourceIp': '127.0.0.1',
    'aws:ViaAWSService': 'false',
  };
}
