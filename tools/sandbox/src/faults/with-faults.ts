import type { ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { SandboxRequest, SandboxRouteHandler } from '../server/sandbox-request';
import type { FaultInjector } from './fault-injector';
import type { LatencyModel } from './latency-model';
import { sendFaultError } from './send-fault-error';

/** The action of a request and (lazily) the account owning the resource it calls. */
export type FaultTargetOf = (request: SandboxRequest) => { action: string; account: () => string | undefined };

/** Header on every answer a fault made, naming the fault (AWS sends no such header). */
export const FAULT_HEADER = 'x-sandbox-fault';

/**
 * Puts the unhappy world in front of one HTTP service front: the latency model, then the faults in force
 * (latency, hang, reset, error). Only client requests pass here; the sandbox's own calls (Lambda's role
 * credentials, deploys) never do.
 */
export function withFaults(
  world: { readonly faults: FaultInjector; readonly latency: LatencyModel },
  service: 'sts' | 'dynamodb' | 'execute-api',
  targetOf: FaultTargetOf,
  handler: SandboxRouteHandler,
): SandboxRouteHandler {
  const { faults, latency } = world;
  return async (request, response) => {
    if (faults.idle && latency.mode === 'none') {
      await handler(request, response);
      return;
    }
    const { action, account } = targetOf(request);
    const decision = faults.decide(service, action, account);
    const delayMs =
      latency.connectionDelayMs(response.socket) + latency.requestDelayMs(service, action) + (decision?.delayMs ?? 0);
    if (delayMs > 0) await sleep(delayMs);
    const fault = decision?.fault;
    if (fault === undefined) {
      if (latency.sizesResponse(service, action))
        await withSizedDelay(response, latency, () => handler(request, response));
      else await handler(request, response);
      return;
    }
    const socket = response.socket;
    if (socket === null || socket.destroyed) return;
    switch (fault.kind) {
      case 'hang': {
        // Never answered: held until the client gives up (close) or the fault is removed (we close it).
        const unhold = faults.hold(fault.id, () => socket.destroy());
        socket.once('close', unhold);
        return;
      }
      case 'reset':
        socket.resetAndDestroy();
        return;
      case 'error':
        response.setHeader(FAULT_HEADER, fault.id);
        sendFaultError(service, fault.error ?? '', request, response);
    }
  };
}

/** Runs `handle`, holding back the end of its answer by the model's delay for that answer's size. */
async function withSizedDelay(
  response: ServerResponse,
  latency: LatencyModel,
  handle: () => Promise<void> | void,
): Promise<void> {
  const end = response.end.bind(response);
  let held: { chunk: unknown } | undefined;
  response.end = ((chunk?: unknown) => {
    held = { chunk };
    return response;
  }) as ServerResponse['end'];
  try {
    await handle();
  } finally {
    response.end = end;
  }
  if (held === undefined) return;
  const { chunk } = held;
  const bytes = typeof chunk === 'string' || Buffer.isBuffer(chunk) ? Buffer.byteLength(chunk) : 0;
  await sleep(latency.responseDelayMs(bytes));
  end(chunk as Buffer);
}
