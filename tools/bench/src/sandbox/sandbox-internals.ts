/**
 * Hooks the bench needs that the sandbox does not publish, reached here in one place so a change in the sandbox
 * breaks one file with a clear message instead of every measurement.
 */
import type { Sandbox } from '@xacct/sandbox';
import { BenchError } from '../errors';

/** http://127.0.0.1:<port> of dynalite behind the IAM front (DynamoBackend keeps its port private). */
export function backendEndpoint(sandbox: Sandbox): string {
  const port = (sandbox.context.dynamodb as unknown as { port?: unknown }).port;
  if (typeof port !== 'number') {
    throw new BenchError(
      'SandboxUnavailable',
      'the sandbox DynamoDB backend no longer exposes its dynalite port (DynamoBackend.port)',
    );
  }
  return `http://127.0.0.1:${port}`;
}
