import { AdminApiError, AwsServiceError, SandboxConfigError, StackError, TemplateError } from '../errors';
import { sandboxUrlOf } from '../api-gateway/sandbox-url-of';
import type { Sandbox } from '../start-sandbox';
import type { SandboxRouteHandler } from '../server/sandbox-request';
import { sendJson } from '../server/send-json';

/**
 * The JSON admin API under /_sandbox/ the CLI uses: health, accounts (admin keys), deploy, destroy, stacks,
 * stats, stats/reset and credentials (a role's session as an AWS service gets it). Loopback only (the server refuses a non-loopback Host, and any Origin header under /_sandbox/),
 * and every call needs the `x-sandbox-admin` header (both checked by the server before any /_sandbox/ handler).
 */
export function createAdminApi(sandbox: Sandbox): SandboxRouteHandler {
  return async (request, response) => {
    const route = `${request.method} ${request.path.replace(/\/+$/, '')}`;
    try {
      switch (route) {
        case 'GET /_sandbox/health':
          sendJson(response, 200, {
            status: 'ok',
            endpoint: sandbox.endpoint,
            accounts: sandbox.accounts().map((a) => a.accountId),
            resourceTypes: sandbox.context.resourceHandlers.types(),
          });
          return;
        case 'GET /_sandbox/accounts':
          sendJson(response, 200, { accounts: sandbox.accounts() });
          return;
        case 'GET /_sandbox/stacks':
          sendJson(response, 200, {
            stacks: sandbox.context.stacks.list().map((s) => ({
              stackName: s.stackName,
              accountId: s.accountId,
              region: s.region,
              outputs: s.outputs,
              // Outputs in their AWS form (ApiUrl: https://<api>.execute-api...) and, next to them, how this sandbox serves them.
              localOutputs: localOutputsOf(s.outputs, sandbox.endpoint),
              resources: s.resources.map((r) => ({ logicalId: r.logicalId, type: r.type, physicalId: r.physicalId })),
              updatedAt: s.updatedAt,
            })),
          });
          return;
        case 'GET /_sandbox/stats':
          sendJson(response, 200, {
            counters: sandbox.counters(),
            faults: sandbox.faults.list(),
            latency: sandbox.latency,
            latencyAdded: sandbox.context.latency.added(),
          });
          return;
        case 'POST /_sandbox/stats/reset':
          sandbox.resetCounters();
          sendJson(response, 200, { counters: sandbox.counters() });
          return;
        case 'POST /_sandbox/deploy': {
          const body = parse(request.body);
          const result = await sandbox.deploy({
            template: body.template ?? requireString(body, 'templatePath'),
            stackName: requireString(body, 'stackName'),
            account: requireString(body, 'account'),
            region: requireString(body, 'region'),
            ...(typeof body.assemblyDir === 'string' ? { assemblyDir: body.assemblyDir } : {}),
            ...(isStringRecord(body.parameters) ? { parameters: body.parameters } : {}),
          });
          sendJson(response, 200, result);
          return;
        }
        case 'POST /_sandbox/destroy': {
          const body = parse(request.body);
          const result = await sandbox.destroy({
            stackName: requireString(body, 'stackName'),
            account: requireString(body, 'account'),
            region: requireString(body, 'region'),
          });
          sendJson(response, 200, result);
          return;
        }
        case 'POST /_sandbox/credentials': {
          // What Lambda does for a function's execution role; no HTTP caller could sign as a service principal.
          const body = parse(request.body);
          const credentials = await sandbox.context.assumeRoleAsService(
            requireString(body, 'roleArn'),
            requireString(body, 'servicePrincipal'),
            typeof body.sessionName === 'string' && body.sessionName !== '' ? body.sessionName : 'sandbox-cli',
          );
          sendJson(response, 200, { credentials });
          return;
        }
        default:
          sendJson(response, 404, {
            error: {
              code: 'NotFound',
              message: `No admin route ${route}. Routes: GET health, accounts, stacks, stats, faults; POST deploy, destroy, stats/reset, faults, credentials; DELETE faults, faults/<id> (under /_sandbox/).`,
            },
          });
      }
    } catch (error) {
      if (
        error instanceof TemplateError ||
        error instanceof StackError ||
        error instanceof SandboxConfigError ||
        error instanceof AdminApiError
      ) {
        sendJson(response, error instanceof AdminApiError ? error.statusCode : 400, {
          error: { code: error.code, message: error.message },
        });
        return;
      }
      if (error instanceof AwsServiceError) {
        sendJson(response, error.statusCode, { error: { code: error.code, message: error.message } });
        return;
      }
      throw error;
    }
  };
}

function localOutputsOf(outputs: Record<string, string>, endpoint: string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(outputs).flatMap(([name, value]) => {
      const local = sandboxUrlOf(value, endpoint);
      return local === undefined ? [] : [[name, local]];
    }),
  );
}

function parse(body: Buffer): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw new AdminApiError('The admin API expects a JSON object body.', 400);
}

function requireString(body: Record<string, unknown>, field: string): string {
  const value = body[field];
  if (typeof value !== 'string' || value === '')
    throw new AdminApiError(`Missing '${field}' (a non-empty string).`, 400);
  return value;
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return value !== null && typeof value === 'object' && Object.values(value).every((v) => typeof v === 'string');
}
