import { SandboxFaultError } from '../errors';
import type { SandboxRouteHandler } from '../server/sandbox-request';
import { sendJson } from '../server/send-json';
import type { FaultDefinition } from './fault-definition';
import type { FaultInjector } from './fault-injector';

/**
 * Admin routes for faults (same header rule as the rest of /_sandbox/):
 * `POST /_sandbox/faults` (a definition; 201 `{ id }`, 400 naming the bad field), `GET /_sandbox/faults`,
 * `DELETE /_sandbox/faults/<id>`, `DELETE /_sandbox/faults`.
 */
export function createFaultsAdmin(faults: FaultInjector): SandboxRouteHandler {
  return (request, response) => {
    const path = request.path.replace(/\/+$/, '');
    const id = /^\/_sandbox\/faults\/([^/]+)$/.exec(path)?.[1];
    if (path === '/_sandbox/faults' && request.method === 'POST') {
      let definition: unknown;
      try {
        definition = JSON.parse(request.body.toString('utf8'));
      } catch {
        definition = undefined;
      }
      try {
        sendJson(response, 201, faults.add(definition as FaultDefinition));
      } catch (error) {
        if (!(error instanceof SandboxFaultError)) throw error;
        sendJson(response, 400, { error: { code: error.code, field: error.field, message: error.message } });
      }
      return;
    }
    if (path === '/_sandbox/faults' && request.method === 'GET') {
      sendJson(response, 200, { faults: faults.list() });
      return;
    }
    if (path === '/_sandbox/faults' && request.method === 'DELETE') {
      sendJson(response, 200, { removed: faults.clear() });
      return;
    }
    if (id !== undefined && request.method === 'DELETE') {
      const name = decodeURIComponent(id);
      if (faults.remove(name)) sendJson(response, 200, { removed: 1 });
      else
        sendJson(response, 404, {
          error: {
            code: 'FaultNotFound',
            message: `No fault ${name}. Active: ${
              faults
                .list()
                .map((f) => f.id)
                .join(', ') || 'none'
            }.`,
          },
        });
      return;
    }
    sendJson(response, 404, {
      error: {
        code: 'NotFound',
        message: `No admin route ${request.method} ${path}. Routes: POST/GET/DELETE faults, DELETE faults/<id> (under /_sandbox/).`,
      },
    });
  };
}
