import type { ResourceHandlerRegistry } from './cfn/resource-handler-registry';
import type { StackStore } from './cfn/stack-store';
import type { Counters } from './counters';
import type { DynamoBackend } from './dynamodb/dynamo-backend';
import type { FaultInjector } from './faults/fault-injector';
import type { LatencyModel } from './faults/latency-model';
import type { TableSettingsStore } from './dynamodb/table-settings-store';
import type { IamStore } from './iam/iam-store';
import type { TemporaryCredentials } from './iam/iam-model';
import type { KmsStore } from './kms/kms-store';
import type { SandboxServer } from './server/sandbox-server';
import type { AccessKeyResolver } from './sigv4/verify-sigv4';

/**
 * Everything a sandbox part needs: the shared stores, the server to mount routes on, the resource handler registry.
 * Plugins (Lambda and API Gateway) receive it in `SandboxPlugin`.
 */
export interface SandboxContext {
  readonly iam: IamStore;
  /** For `verifySigV4(request, service, sandbox.keys)`. */
  readonly keys: AccessKeyResolver;
  readonly counters: Counters;
  readonly server: SandboxServer;
  readonly resourceHandlers: ResourceHandlerRegistry;
  readonly stacks: StackStore;
  readonly dynamodb: DynamoBackend;
  /** Table resource policies and encryption, by table ARN. */
  readonly tables: TableSettingsStore;
  readonly kms: KmsStore;
  readonly dataDir?: string;
  /** Injected faults; service fronts pass client requests through `withFaults` (never the sandbox's own calls). */
  readonly faults: FaultInjector;
  /** The latency model (`none` or `aws`). */
  readonly latency: LatencyModel;
  /** `http://<host>:<port>` of the server (valid once it listens, i.e. always inside handlers). */
  endpoint(): string;
  /** Logs one line to the sandbox's log (stderr by default). Never log secrets. */
  log(line: string): void;
  /** Registers cleanup run by `stop()` (worker processes...), in reverse order of registration. */
  onStop(cleanup: () => Promise<void> | void): void;
  /**
   * Credentials for a role as an AWS service assumes it (Lambda for its execution role): the role's trust
   * policy must allow `sts:AssumeRole` for `servicePrincipal`; counted as `sts/AssumeRoleAsService`.
   * @throws AwsServiceError AccessDenied when the trust policy does not allow the service.
   */
  assumeRoleAsService(
    roleArn: string,
    servicePrincipal: string,
    sessionName: string,
    durationSeconds?: number,
  ): Promise<TemporaryCredentials>;
}

/** Extends a sandbox at start: registers resource handlers, mounts routes (`/restapis/`), adds stop hooks. */
export type SandboxPlugin = (sandbox: SandboxContext) => void | Promise<void>;
