import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Stage } from '@xacct/config';
import type { FetchedResponse } from '@xacct/sandbox';

/** Temporary keys as the SDK and a Lambda environment take them. */
export interface HeldCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
}

/** A response to the signed caller, and its time from signing to the last byte of the body. */
export interface TimedResponse extends FetchedResponse {
  readonly ms: number;
}

/** A deployed function the bench calls through the sandbox's API Gateway. */
export interface BenchFunction {
  /** `GET <itemsUrl>?limit=...` reaches the function's `/items` route. */
  readonly itemsUrl: string;
  readonly functionName: string;
  /** Discards warm workers: the next request is a cold start. */
  retireWorkers(): Promise<void>;
  /** Invokes the function straight through the sandbox's Lambda (a warm worker, no API Gateway); its JSON result. */
  invoke(event: unknown): Promise<string>;
}

/**
 * The reader deployed a second time from the `local-resource-policy` stage (its own table, roles, function and API)
 * in the same sandbox: no access role, the table's resource policy admits the reader role, zero STS calls.
 */
export interface ResourcePolicyDeployment {
  readonly stage: Stage;
  readonly reader: BenchFunction;
  /** Fills its table up to `count` generated items, the same items as the `local` table's. */
  seedTo(count: number): Promise<void>;
}

/** The `local-history` stage (a table with a sort key, deviceId + timestamp) deployed in the same sandbox. */
export interface HistoryDeployment {
  readonly stage: Stage;
  /** Its reader role's execution-role session, for the in-process handler's Lambda environment. */
  readerExecutionCredentials(): Promise<HeldCredentials>;
  /** Its access role's session, for the raw Query. */
  accessCredentials(): Promise<HeldCredentials>;
  /** Fills its table up to `count` readings of one device (`benchReading`). */
  seedTo(count: number): Promise<void>;
}

/**
 * What the measurements need from the sandbox: both stacks deployed from their synthesized templates, the classic
 * baseline deployed next to the reader, a signed caller, counters, and held target credentials for the raw
 * DynamoDB comparisons.
 */
export interface BenchEnvironment {
  readonly endpoint: string;
  readonly stage: Stage;
  /** The reader and the classic baseline behind the sandbox's API Gateway; null (with the reason) when this sandbox cannot run them. */
  readonly functions: { readonly reader: BenchFunction; readonly classic: BenchFunction } | null;
  readonly functionsUnavailable?: string;
  /** The reader in resource-policy mode, next to the assume-role one; null (with the reason) when it is not deployed. */
  readonly resourcePolicy: ResourcePolicyDeployment | null;
  readonly resourcePolicyUnavailable?: string;
  /** The history stage, for the partition Query; null (with the reason) when it is not deployed. */
  readonly history: HistoryDeployment | null;
  readonly historyUnavailable?: string;
  /** The source account's admin: allowed execute-api:Invoke, signs every API request. */
  readonly caller: { get(url: string): Promise<TimedResponse> };
  /** The keys `caller` signs with, for client processes the bench starts. */
  readonly callerCredentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /** Calls per service and action since the last reset, e.g. `{ sts: { AssumeRole: 1 }, dynamodb: { Scan: 9 } }`. */
  counters(): Record<string, Record<string, number>>;
  resetCounters(): void;
  /** The reader role's execution-role session as Lambda hands it to the function (for processes the bench starts itself). */
  readerExecutionCredentials(): Promise<HeldCredentials>;
  /** The access role's session, assumed once as the reader would (ExternalId, SourceIdentity): "credentials held". */
  accessCredentials(): Promise<HeldCredentials>;
  /** A document client on the IAM-enforcing front with the held access-role credentials. */
  targetClient(): Promise<DynamoDBDocumentClient>;
  /** A document client straight to the storage engine behind the front (no SigV4 check, no IAM), and the table's name there. */
  backendClient(): { client: DynamoDBDocumentClient; tableName: string };
  /** Fills the table up to `count` generated items (items already there are kept). */
  seedTo(count: number): Promise<void>;
  stop(): Promise<void>;
}
