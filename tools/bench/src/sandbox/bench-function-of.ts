import { AdminClient, lambdaApiServices, type Sandbox } from '@xacct/sandbox';
import { BenchError } from '../errors';
import type { BenchFunction } from './bench-environment';

/** A function deployed in the sandbox, reached through its REST API's `/items` route and the sandbox's Lambda. */
export function benchFunctionOf(
  sandbox: Sandbox,
  functionName: string,
  apiId: string,
  stageName: string,
): BenchFunction {
  return {
    functionName,
    itemsUrl: `${sandbox.endpoint}/restapis/${apiId}/${stageName}/_user_request_/items`,
    retireWorkers: async () => {
      await new AdminClient(sandbox.endpoint).call('POST', `functions/${encodeURIComponent(functionName)}/cold`);
    },
    invoke: async (event) => {
      const lambda = lambdaApiServices(sandbox.context).lambda;
      const fn = lambda.list().find((candidate) => candidate.name === functionName);
      if (fn === undefined) throw new BenchError('SandboxUnavailable', `function ${functionName} is not deployed`);
      const result = await lambda.invoke(fn.arn, event);
      if (result.kind !== 'ok')
        throw new BenchError(
          'UnexpectedResponse',
          `${functionName} failed: ${result.errorType}: ${result.errorMessage}`,
        );
      return result.payload;
    },
  };
}
