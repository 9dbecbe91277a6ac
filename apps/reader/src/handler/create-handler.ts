import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AssumeRoleStats } from '@xacct/assume-role-client';
import type { ReaderEnv } from '@xacct/config';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { errorResponse } from '../http/error-response';
import { jsonResponse } from '../http/json-response';
import { getItem } from '../routes/get-item';
import { listItems } from '../routes/list-items';
import { matchRoute } from '../routes/match-route';
import { deadlineSignal } from './deadline-signal';
import { toReaderError } from './to-reader-error';
import { withDeadline } from './with-deadline';

/** The part of the Powertools Logger the handler uses (tests pass a recorder). */
export interface ReaderLogger {
  addContext(context: Context): void;
  info(message: string, ...extra: Record<string, unknown>[]): void;
  error(message: string, ...extra: Record<string, unknown>[]): void;
}

export interface ReaderDeps {
  readonly env: ReaderEnv;
  /** The target's document client, created once per container. */
  readonly client: DynamoDBDocumentClient;
  /** Cumulative credential stats, for the per-request log line. */
  readonly credentialStats: () => AssumeRoleStats;
  readonly logger: ReaderLogger;
  /** Stop waiting for DynamoDB this long before the Lambda times out. @default 500 */
  readonly deadlineMarginMs?: number;
  /** Monotonic milliseconds, for latency. @default performance.now */
  readonly now?: () => number;
}

export type ReaderHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

/**
 * The reader's Lambda handler (API Gateway REST proxy events). Every request ends in a JSON response and exactly
 * one log line (route, status, latency, whether STS was contacted); no item contents or secrets are logged.
 */
export function createHandler(deps: ReaderDeps): ReaderHandler {
  const now = deps.now ?? (() => performance.now());
  const margin = deps.deadlineMarginMs ?? 500;

  return async function handler(event, context) {
    const started = now();
    const before = deps.credentialStats();
    deps.logger.addContext(context);
    let route = 'unmatched';
    let response: APIGatewayProxyResult;
    let failure: Record<string, unknown> | undefined;
    try {
      const matched = matchRoute(event);
      route = matched.name;
      const signal = deadlineSignal(context, margin);
      const work: Promise<unknown> =
        matched.name === 'listItems'
          ? listItems(deps.client, deps.env, event, signal)
          : getItem(deps.client, deps.env, event, matched.key, signal);
      const body = await withDeadline(work, signal);
      response = jsonResponse(200, body);
    } catch (error) {
      const readerError = toReaderError(error, deps.env);
      response = errorResponse(readerError, context.awsRequestId);
      failure = { errorCode: readerError.code, ...describeCause(readerError.cause ?? readerError) };
    }
    const after = deps.credentialStats();
    const assumeRoleCallsInRequest = after.assumeRoleCalls - before.assumeRoleCalls;
    const credentialsUsed = assumeRoleCallsInRequest > 0 || after.cacheHits > before.cacheHits;
    const fields = {
      route,
      method: event.httpMethod,
      status: response.statusCode,
      latencyMs: Math.round((now() - started) * 10) / 10,
      apiRequestId: event.requestContext?.requestId,
      // Absent when the request never needed credentials (rejected before reaching the target).
      ...(credentialsUsed ? { credentialsFromCache: assumeRoleCallsInRequest === 0 } : {}),
      assumeRoleCallsInRequest,
      assumeRoleCallsTotal: after.assumeRoleCalls,
      ...failure,
    };
    if (response.statusCode >= 500) deps.logger.error('request', fields);
    else deps.logger.info('request', fields);
    return response;
  };
}

/** Name, code and message of the underlying error: enough to diagnose, without the stack. */
function describeCause(cause: unknown): Record<string, unknown> {
  if (!(cause instanceof Error)) return { errorName: typeof cause };
  const code = (cause as { code?: unknown }).code;
  return {
    errorName: cause.name,
    ...(typeof code === 'string' ? { causeCode: code } : {}),
    errorMessage: cause.message,
  };
}
