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

/** How many decisions are remembered (each key holds the policies: a few KB). */
const DECISION_CACHE_SIZE = 500;
/**
 * And how many characters their keys may hold in all: a key also holds the request's context, which a caller
 * fills (dynamodb:LeadingKeys of a 16 MB request), so a count alone would not bound the memory.
 */
const DECISION_CACHE_CHARS = 8 * 1024 * 1024;
const decisions = new Map<string, Decision>();
let decisionChars = 0;

/**
 * Evaluates a request with @cloud-copilot/iam-simulate (identity policies, resource policy, same- vs cross-account),
 * passing the principal's context keys explicitly, as AWS would populate them.
 *
 * A simulation costs ~1 ms of the sandbox's one thread, on every request (an API page is two: execute-api:Invoke and
 * the reader's read), so decisions are remembered by everything that decides them: principal, action, resource,
 * every policy, the context. The time is the one input left out, so a request whose policies name a time key
 * (aws:CurrentTime, aws:EpochTime) is evaluated every time. A policy change changes the key: nothing is invalidated.
 */
export async function isAllowed(input: IsAllowedInput): Promise<Decision> {
  const key = decisionKey(input);
  const known = key === undefined ? undefined : decisions.get(key);
  if (key !== undefined && known !== undefined) {
    // Least recently used goes first: a hit moves to the end.
    decisions.delete(key);
    decisions.set(key, known);
    return known;
  }
  const decision = await simulate(input);
  if (key !== undefined) remember(key, decision);
  return decision;
}

function remember(key: string, decision: Decision): void {
  // Two requests evaluated at once may both store the same key.
  if (decisions.delete(key)) decisionChars -= key.length;
  decisions.set(key, decision);
  decisionChars += key.length;
  while (decisions.size > DECISION_CACHE_SIZE || decisionChars > DECISION_CACHE_CHARS) {
    const oldest = decisions.keys().next().value as string;
    decisions.delete(oldest);
    decisionChars -= oldest.length;
  }
}

/** Everything a decision depends on but the time; undefined when the policies read the time. */
function decisionKey(input: IsAllowedInput): string | undefined {
  const { principal } = input;
  const key = JSON.stringify([
    principal.kind === 'service' ? principal.service : [principal.identity, principal.policies],
    input.action,
    input.resource,
    input.resourceAccount,
    input.resourcePolicy ?? null,
    input.context ?? null,
    input.requireResourcePolicyAllow === true,
  ]);
  return TIME_KEY.test(key) ? undefined : key;
}

/** Condition keys (and policy variables) whose value is the request's time; IAM key names ignore case. */
const TIME_KEY = /aws:(CurrentTime|EpochTime)/i;

async function simulate(input: IsAllowedInput): Promise<Decision> {
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
