import { parseArgs } from 'node:util';
import { DoctorError } from './errors';

export interface DoctorArgs {
  readonly stage: string;
  readonly json: boolean;
  /** The sandbox for local stages: --endpoint, else $SANDBOX_ENDPOINT, else the default port. */
  readonly endpoint: string;
}

export const DOCTOR_USAGE =
  'usage: npm run doctor -- --stage <name> [--json] [--endpoint http://127.0.0.1:<port>]   (the endpoint: local stages only; default $SANDBOX_ENDPOINT or http://127.0.0.1:4566)';

/** `--stage <name> [--json] [--endpoint <url>]`. */
export function parseDoctorArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): DoctorArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { stage: { type: 'string' }, json: { type: 'boolean' }, endpoint: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new DoctorError('USAGE', `${(error as Error).message}\n${DOCTOR_USAGE}`, { cause: error });
  }
  if (values.stage === undefined || values.stage === '')
    throw new DoctorError('USAGE', `--stage is required\n${DOCTOR_USAGE}`);
  const endpoint = values.endpoint ?? env['SANDBOX_ENDPOINT'] ?? 'http://127.0.0.1:4566';
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch (error) {
    throw new DoctorError(
      'USAGE',
      `--endpoint must be a URL such as http://127.0.0.1:4566, got ${JSON.stringify(endpoint)}`,
      { cause: error },
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new DoctorError('USAGE', `--endpoint must be an http URL, got ${JSON.stringify(endpoint)}`);
  return { stage: values.stage, json: values.json === true, endpoint: endpoint.replace(/\/+$/, '') };
}
