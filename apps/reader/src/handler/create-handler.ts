import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { MetricUnit as MetricUnitName } from '@aws-lambda-powertools/metrics/types';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AssumeRoleCredentialProvider, CredentialUsage } from '@xacct/assume-role-client';
import type { ReaderEnv } from '@xacct/config';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { errorResponse } from '../http/error-response';
import { jsonResponse } from '../http/json-response';
import { routeRequest } from '../routes/route-request';
import { deadlineSignal } from './deadline-signal';
import { toReaderError } from './to-reader-error';
import { withDeadline } from './with-deadline';

/** The part of the Powertools Logger the handler uses (tests pass a recorder). */
export interface ReaderLogger {
  addContext(context: Context): void;
  /** Per invocation, as `injectLambdaContext` does: POWERTOOLS_LOGGER_SAMPLE_RATE decides again. */
  refreshSampleRateCalculation(): void;
  /** Logs the event when POWERTOOLS_LOGGER_LOG_EVENT is true. */
  logEventIfEnabled(event: unknown): void;
  setCorrelationId(value: unknown): void;
  info(message: string, ...extra: Record<string, unknown>[]): void;
  error(message: string, ...extra: Record<string, unknown>[]): void;
}

/** The part of Powertools Metrics (EMF) the handler uses. */
export interface ReaderMetrics {
  addMetric(name: string, unit: MetricUnitName, value: number): void;
  /** Until the next publish (Powertools clears non-default dimensions when it publishes). */
  addDimension(name: string, value: string): void;
  captureColdStartMetric(): void;
  publishStoredMetrics(): void;
}

export interface ReaderDeps {
  readonly env: ReaderEnv;
  /** The target's document client, created once per environment. */
  readonly client: DynamoDBDocumentClient;
  /**
   * The client's AssumeRole credentials: each request's own credential calls are counted (`track`) and its waits
   * for STS end at its deadline. Absent when the client needs no AssumeRole.
   */
  readonly credentials?: Pick<AssumeRoleCredentialProvider, 'track' | 'stats'>;
  readonly logger: ReaderLogger;
  readonly metrics: ReaderMetrics;
  /** Stop waiting for the target this long before the Lambda times out. @default 500 */
  readonly deadlineMarginMs?: number;
  /** Monotonic milliseconds, for latency. @default performance.now */
  readonly now?: () => number;
}

export type ReaderHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

/**
 * The reader's Lambda handler (API Gateway REST proxy events). Every request ends in a JSON response, exactly one
 * log line (route, status, latency, its own AssumeRole calls; for errors the diagnosis) and one EMF metrics blob;
 * no item contents or secrets are logged.
 */
export function createHandler(deps: ReaderDeps): ReaderHandler {
  const now = deps.now ?? (() => performance.now());
  const margin = deps.deadlineMarginMs ?? 500;
  return async function handler(event, context) {
    const started = now();
    deps.logger.refreshSampleRateCalculation();
    deps.logger.addContext(context);
    deps.logger.setCorrelationId(event.requestContext?.requestId);
    deps.logger.logEventIfEnabled(event);
    deps.metrics.captureColdStartMetric();
    let route = 'unmatched';
    let usage: CredentialUsage | undefined;
    let response: APIGatewayProxyResult;
    let code = 'OK';
    let failure: Record<string, unknown> | undefined;
    try {
      const request = routeRequest(event, deps.env);
      route = request.name;
      const signal = deadlineSignal(context, margin);
      const run = (): Promise<unknown> => request.run(deps.client, signal);
      const tracked = deps.credentials?.track(run, signal);
      usage = tracked?.usage;
      const body = await withDeadline(tracked?.result ?? run(), signal);
      response = jsonResponse(200, body);
    } catch (error) {
      const readerError = toReaderError(error, deps.env);
      response = errorResponse(readerError, context.awsRequestId);
      code = readerError.code;
      failure = {
        errorCode: readerError.code,
        ...(readerError.diagnosis ? { diagnosis: readerError.diagnosis } : {}),
        ...describeCause(readerError.cause ?? readerError),
      };
    }
    const latencyMs = Math.round((now() - started) * 10) / 10;
    deps.logger[response.statusCode >= 500 ? 'error' : 'info']('request', {
      route,
      method: event.httpMethod,
      status: response.statusCode,
      latencyMs,
      apiRequestId: event.requestContext?.requestId,
      ...(usage ? credentialFields(usage, deps.credentials?.stats.assumeRoleCalls ?? 0) : {}),
      ...failure,
    });
    recordMetrics(deps.metrics, { latencyMs, usage, status: response.statusCode, code });
    return response;
  };
}

/** This request's own credential calls (not a before/after diff, which concurrent invocations would skew). */
function credentialFields(usage: CredentialUsage, total: number): Record<string, unknown> {
  const asked = usage.cacheHits > 0 || usage.assumeRoleCalls > 0 || usage.joinedFetch;
  return {
    // Absent when the request never needed credentials (rejected before reaching the target).
    ...(asked ? { credentialsFromCache: usage.assumeRoleCalls === 0 && !usage.joinedFetch } : {}),
    assumeRoleCallsInRequest: usage.assumeRoleCalls,
    ...(usage.joinedFetch ? { joinedAssumeRole: true } : {}),
    ...(usage.backgroundRefreshes > 0 ? { backgroundRefreshStarted: true } : {}),
    assumeRoleCallsTotal: total,
  };
}

/**
 * One EMF blob per request, dimensions `service` and `response` (status and code: `200 OK`, `503 TargetThrottled`):
 * responses by code, and latency and credential figures per outcome (CloudWatch sums across codes with SEARCH).
 */
function recordMetrics(
  metrics: ReaderMetrics,
  request: { latencyMs: number; usage: CredentialUsage | undefined; status: number; code: string },
): void {
  const { usage } = request;
  metrics.addDimension('response', `${request.status} ${request.code}`);
  metrics.addMetric('Responses', MetricUnit.Count, 1);
  metrics.addMetric('Latency', MetricUnit.Milliseconds, request.latencyMs);
  if (usage) {
    metrics.addMetric('AssumeRoleCalls', MetricUnit.Count, usage.assumeRoleCalls + usage.backgroundRefreshes);
    metrics.addMetric(
      'CredentialCacheHits',
      MetricUnit.Count,
      usage.cacheHits > 0 && usage.assumeRoleCalls === 0 ? 1 : 0,
    );
    metrics.addMetric('BackgroundRefreshes', MetricUnit.Count, usage.backgroundRefreshes);
  }
  metrics.publishStoredMetrics();
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
