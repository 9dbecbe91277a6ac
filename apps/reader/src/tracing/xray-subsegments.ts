import { isThrottlingError } from '@smithy/core/retry';
import type { MetadataBearer, Pluggable, SdkError } from '@aws-sdk/types';
import { createSocket, type Socket } from 'node:dgram';
import { randomBytes } from 'node:crypto';

/** What the X-Ray daemon needs before each segment document. */
const HEADER = '{"format":"json","version":1}\n';

interface TraceHeader {
  readonly root: string;
  readonly parent: string;
}

/**
 * SDK plugin: one X-Ray subsegment per AWS call (STS AssumeRole, DynamoDB Scan/GetItem) under the invocation's
 * facade segment, sent over UDP to the daemon as the X-Ray SDK does, without the ~125 KB Tracer in the bundle. It
 * covers the whole call (credentials, every retry) and records operation, region, request id, retries, table and
 * status. It sends nothing unless Lambda set `_X_AMZN_TRACE_ID` with `Sampled=1` and `AWS_XRAY_DAEMON_ADDRESS`.
 */
export function xraySubsegments(
  service: string,
  region: string,
  env: Record<string, string | undefined> = process.env,
): Pluggable<object, MetadataBearer> {
  let socket: Socket | undefined;
  const send = (document: Record<string, unknown>): void => {
    const daemon = daemonAddress(env['AWS_XRAY_DAEMON_ADDRESS']);
    if (!daemon) return;
    socket ??= createSocket('udp4').unref();
    socket.send(HEADER + JSON.stringify(document), daemon.port, daemon.host, () => undefined);
  };
  return {
    applyToStack(stack) {
      stack.add(
        (next, context) => async (args) => {
          const trace = traceHeader(env['_X_AMZN_TRACE_ID']);
          if (!trace) return next(args);
          const start = Date.now() / 1000;
          const input = args.input as { TableName?: unknown };
          const record = (outcome: { $metadata?: MetadataBearer['$metadata'] }, error?: unknown): void => {
            const status = outcome.$metadata?.httpStatusCode;
            const document: Record<string, unknown> = {
              name: service,
              namespace: 'aws',
              type: 'subsegment',
              id: randomBytes(8).toString('hex'),
              trace_id: trace.root,
              parent_id: trace.parent,
              start_time: start,
              end_time: Date.now() / 1000,
              aws: {
                operation: String(context.commandName ?? '').replace(/Command$/, ''),
                region,
                request_id: outcome.$metadata?.requestId,
                retries: Math.max((outcome.$metadata?.attempts ?? 1) - 1, 0),
                ...(typeof input.TableName === 'string' ? { table_name: input.TableName } : {}),
              },
              ...(status === undefined ? {} : { http: { response: { status } } }),
            };
            if (error !== undefined) {
              const throttled = isThrottlingError(error as SdkError);
              document[throttled || (status !== undefined && status < 500) ? 'error' : 'fault'] = true;
              if (throttled) document['throttle'] = true;
            }
            send(document);
          };
          try {
            const output = await next(args);
            record(output.output);
            return output;
          } catch (error) {
            record(typeof error === 'object' && error !== null ? error : {}, error);
            throw error;
          }
        },
        // Outermost: the subsegment spans identity resolution and every retry of the call.
        { step: 'initialize', priority: 'high', name: 'xraySubsegments', override: true },
      );
    },
  };
}

/** `Root=1-…;Parent=…;Sampled=1` (Lambda's per-invocation header), when sampled. */
function traceHeader(value: string | undefined): TraceHeader | undefined {
  if (!value) return undefined;
  const fields = Object.fromEntries(value.split(';').map((part) => part.split('=', 2) as [string, string]));
  const { Root: root, Parent: parent, Sampled: sampled } = fields;
  return root && parent && sampled === '1' ? { root, parent } : undefined;
}

/** `host:port`, or the daemon's `tcp:host:port udp:host:port` form (segments go over UDP). */
function daemonAddress(value: string | undefined): { host: string; port: number } | undefined {
  if (!value) return undefined;
  const udp = value.split(' ').find((part) => part.startsWith('udp:')) ?? value;
  const match = /^(?:udp:)?([^:\s]+):(\d+)$/.exec(udp);
  return match ? { host: match[1] ?? '', port: Number(match[2]) } : undefined;
}
