import { runSimulation, type Simulation } from '@cloud-copilot/iam-simulate';

export type Decision = 'Allowed' | 'ImplicitlyDenied' | 'ExplicitlyDenied';

export interface SimulationCase {
  readonly principal: string;
  readonly action: string;
  readonly resource: string;
  readonly resourceAccount: string;
  /** iam-simulate derives no context keys: aws:PrincipalArn, aws:PrincipalAccount etc. are passed here. */
  readonly context: Record<string, string>;
  readonly identityPolicies: readonly unknown[];
  /** The trust policy for sts actions on a role; none for DynamoDB (tables have no resource policy here). */
  readonly resourcePolicy?: unknown;
}

/** The overall decision for one request; a request iam-simulate rejects as invalid throws with its reasons. */
export async function simulate(c: SimulationCase): Promise<Decision> {
  const simulation: Simulation = {
    request: {
      principal: c.principal,
      action: c.action,
      resource: { resource: c.resource, accountId: c.resourceAccount },
      contextVariables: c.context,
    },
    identityPolicies: c.identityPolicies.map((policy, i) => ({ name: `policy${i}`, policy })),
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    ...(c.resourcePolicy ? { resourcePolicy: c.resourcePolicy } : {}),
  };
  const result = await runSimulation(simulation, {});
  if (result.resultType === 'error') {
    throw new Error(`invalid simulation for ${c.action} on ${c.resource}: ${JSON.stringify(result.errors)}`);
  }
  return result.overallResult as Decision;
}
