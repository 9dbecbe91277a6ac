import { join } from 'node:path';
import { createReaderClient, ReaderApiError, ReaderClientUsageError, ReaderNetworkError } from '@xacct/reader-client';
import { findWorkspaceRoot } from '@xacct/infra';
import { ReadCliError } from './errors';
import { exitQuietlyOnEpipe, isEpipe } from './exit-quietly-on-epipe';
import { parseReadArgs } from './parse-read-args';
import { resolveApi } from './resolve-api';
import { runReadCommand } from './run-read-command';

// `npm run read -- <command>`: exit 0 done, 1 the API or the sandbox said no (or nothing found), 2 usage,
// 130 interrupted (an export then says how to resume).
async function main(argv: readonly string[]): Promise<number> {
  const args = parseReadArgs(argv);
  const api = await resolveApi(args.target, join(findWorkspaceRoot(), 'config/stages'));
  const client = createReaderClient(api);
  const interrupt = new AbortController();
  const onSignal = () => interrupt.abort(new Error('interrupted'));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const complete = await runReadCommand(args, client, api.baseUrl, {
      out: process.stdout,
      outFd: 1,
      err: process.stderr,
      signal: interrupt.signal,
    });
    if (complete) return 0;
    const resume = args.command.name === 'export' ? args.command.resume : undefined;
    console.error(
      resume === undefined
        ? 'read: interrupted (pass --resume <file> to make an export resumable)'
        : `read: interrupted; continue with the same command (--resume ${resume}), appending to the same output (>>)`,
    );
    return 130;
  } catch (error) {
    if (interrupt.signal.aborted) {
      console.error('read: interrupted');
      return 130;
    }
    throw error;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

exitQuietlyOnEpipe(process.stdout, (code) => process.exit(code));
try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  // An export's write reports the closed pipe as a rejection as well.
  if (isEpipe(error)) process.exit(0);
  if (error instanceof ReadCliError) {
    console.error(`read: ${error.message}`);
    process.exitCode = error.code === 'USAGE' || error.code === 'RESUME' ? 2 : 1;
  } else if (error instanceof ReaderApiError) {
    console.error(
      `read: ${error.code} (HTTP ${error.status}): ${error.message}${error.requestId === undefined ? '' : ` [requestId ${error.requestId}]`}`,
    );
    process.exitCode = 1;
  } else if (error instanceof ReaderNetworkError || error instanceof ReaderClientUsageError) {
    console.error(`read: ${error.message}`);
    process.exitCode = 1;
  } else if (error instanceof Error && error.name === 'CredentialsProviderError') {
    // The SDK's default chain (or --profile) found nothing usable; its message says what it tried.
    console.error(
      `read: no AWS credentials to sign with: ${error.message} (pass --profile <name>, or run aws sso login)`,
    );
    process.exitCode = 1;
  } else throw error;
}
