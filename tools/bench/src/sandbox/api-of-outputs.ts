import { BenchError } from '../errors';

/** The REST API id and stage from CDK's `ApiUrl` output (`https://<id>.execute-api.<region>.<suffix>/<stage>/`). */
export function apiOfOutputs(
  outputs: Readonly<Record<string, string>>,
  stackName: string,
): { apiId: string; stageName: string } {
  const url = outputs['ApiUrl'] ?? '';
  const match = /^https:\/\/([a-z0-9]+)\.execute-api\.[^/]+\/([^/]+)\/?$/.exec(url);
  if (!match) {
    throw new BenchError(
      'UnexpectedResponse',
      `stack ${stackName} has no ApiUrl output like https://<id>.execute-api.<region>.amazonaws.com/<stage>/ (got "${url}")`,
    );
  }
  return { apiId: match[1] ?? '', stageName: match[2] ?? '' };
}
