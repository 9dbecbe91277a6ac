import { join } from 'node:path';
import { checkApiGatewayLoggingRole, checkProfileAccount, findWorkspaceRoot } from '@xacct/infra';
import { DoctorError } from './errors';
import { formatReport } from './format-report';
import { parseDoctorArgs } from './parse-doctor-args';
import { runDoctor } from './run-doctor';

// `npm run doctor -- --stage <name> [--json] [--endpoint <url>]`: exit 0 when no check failed, 1 when one did, 2 on usage.
async function main(argv: readonly string[]): Promise<number> {
  const args = parseDoctorArgs(argv);
  const workspaceRoot = findWorkspaceRoot();
  const report = await runDoctor({
    stageName: args.stage,
    stagesDir: join(workspaceRoot, 'config/stages'),
    workspaceRoot,
    endpoint: args.endpoint,
    preflights: { profileAccount: checkProfileAccount, apiGatewayLoggingRole: checkApiGatewayLoggingRole },
  });
  process.stdout.write(args.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatReport(report)}\n`);
  return report.ok ? 0 : 1;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof DoctorError)) throw error;
  console.error(`doctor: ${error.message}`);
  process.exitCode = 2;
}
