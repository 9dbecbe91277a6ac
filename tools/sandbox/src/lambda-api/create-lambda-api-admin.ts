import type { SandboxContext } from '../sandbox-context';
import type { SandboxRouteHandler } from '../server/sandbox-request';
import { resolveNodeRuntime } from '../lambda/resolve-node-runtime';
import { sendJson } from '../server/send-json';
import { lambdaApiServices } from './lambda-api-services';

/**
 * Admin routes of the Lambda/API Gateway plugin (same header rule as the rest of /_sandbox/):
 * - `GET /_sandbox/apis`: deployed REST APIs with the invoke URL of each stage;
 * - `GET /_sandbox/functions`: functions with their counters;
 * - `GET /_sandbox/functions/<name>/logs?since=N`: captured log lines (`total` to tail from);
 * - `POST /_sandbox/functions/<name>/cold`: discards warm workers (the next call is a cold start);
 * - `POST /_sandbox/functions/<name>/concurrency?max=N`: at most N workers (1 = one worker, calls queue); no `max` resets;
 * - `POST /_sandbox/throttle?scale=N`: multiplies every stage's rate and burst (1 = the template's).
 * `<name>` is a function name or ARN; `?account=` picks among same-named functions.
 */
export function createLambdaApiAdmin(sandbox: SandboxContext): SandboxRouteHandler {
  return (request, response) => {
    const { lambda, apis } = lambdaApiServices(sandbox);
    const path = request.path.replace(/\/+$/, '');
    const fail = (status: number, code: string, message: string) =>
      sendJson(response, status, { error: { code, message } });

    if (request.method === 'GET' && path === '/_sandbox/apis') {
      sendJson(response, 200, {
        apis: apis.listRestApis().map((api) => ({
          apiId: api.apiId,
          name: api.name,
          accountId: api.accountId,
          region: api.region,
          stages: apis.listStages(api.apiId).map((stage) => ({
            stageName: stage.stageName,
            url: `${sandbox.endpoint()}/restapis/${api.apiId}/${stage.stageName}/_user_request_`,
          })),
        })),
      });
      return;
    }
    if (request.method === 'GET' && path === '/_sandbox/functions') {
      sendJson(response, 200, {
        functions: lambda.list().map((fn) => ({
          functionName: fn.name,
          functionArn: fn.arn,
          runtime: fn.currentConfig.runtime,
          // Which Node runs it: the runtime's major, or the host's with a note saying why.
          node: resolveNodeRuntime(fn.currentConfig.runtime),
          counters: fn.counters(),
        })),
      });
      return;
    }
    if (request.method === 'POST' && path === '/_sandbox/throttle') {
      const scale = Number(request.searchParams.get('scale'));
      if (!Number.isFinite(scale) || scale <= 0) {
        fail(400, 'InvalidScale', 'Pass ?scale=<positive number> (1 restores the template limits).');
        return;
      }
      apis.setThrottleScale(scale);
      sendJson(response, 200, { scale });
      return;
    }
    const match = /^\/_sandbox\/functions\/([^/]+)\/(logs|cold|concurrency)$/.exec(path);
    if (match) {
      const [, rawName = '', action] = match;
      const name = decodeURIComponent(rawName);
      const account = request.searchParams.get('account');
      const candidates = lambda
        .list()
        .filter(
          (fn) => (fn.name === name || fn.arn === name) && (account === null || fn.currentConfig.accountId === account),
        );
      const fn = candidates[0];
      if (!fn || candidates.length > 1) {
        const known = lambda.list().map((f) => f.arn);
        fail(
          404,
          'FunctionNotFound',
          `${candidates.length > 1 ? 'Several' : 'No'} functions named ${name}${candidates.length > 1 ? ': add ?account=' : ''}. Deployed: ${known.join(', ') || 'none'}.`,
        );
        return;
      }
      if (action === 'logs' && request.method === 'GET') {
        const since = Number(request.searchParams.get('since') ?? 0);
        const snapshot = fn.logs.snapshot();
        sendJson(response, 200, {
          lines: Number.isFinite(since) && since > 0 ? fn.logs.since(since) : snapshot.lines,
          total: snapshot.total,
        });
        return;
      }
      if (action === 'concurrency' && request.method === 'POST') {
        const raw = request.searchParams.get('max');
        const max = raw === null ? undefined : Number(raw);
        if (max !== undefined && (!Number.isInteger(max) || max < 1 || max > 1000)) {
          fail(400, 'InvalidConcurrency', 'Pass ?max=<integer 1..1000>, or no max to restore the default (10).');
          return;
        }
        fn.setMaxConcurrency(max);
        sendJson(response, 200, { functionArn: fn.arn, maxConcurrency: max ?? null });
        return;
      }
      if (action === 'cold' && request.method === 'POST') {
        fn.retireAll();
        sendJson(response, 200, { functionArn: fn.arn, warmWorkers: 0 });
        return;
      }
    }
    fail(
      404,
      'NotFound',
      `No admin route ${request.method} ${path}. Routes: GET apis, functions, functions/<name>/logs; POST functions/<name>/cold, functions/<name>/concurrency?max=N, throttle?scale=N (under /_sandbox/).`,
    );
  };
}
