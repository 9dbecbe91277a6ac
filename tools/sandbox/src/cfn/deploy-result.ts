/** What `deployTemplate` did, printed by the CLI. */
export interface DeployResult {
  readonly stackName: string;
  readonly accountId: string;
  readonly region: string;
  readonly status: 'CREATE_COMPLETE' | 'UPDATE_COMPLETE';
  readonly resources: ReadonlyArray<{
    readonly logicalId: string;
    readonly type: string;
    readonly physicalId: string;
    /** `adopted`: the resource already existed (e.g. a table retained by a destroyed stack) and was taken over. */
    readonly action: 'created' | 'adopted' | 'updated' | 'deleted' | 'retained';
  }>;
  /** Resources the sandbox has no handler for (or that depend on one): not applied. */
  readonly unsupported: ReadonlyArray<{ readonly logicalId: string; readonly type: string; readonly reason: string }>;
  /** Resources deliberately skipped because they have no effect locally (CDK metadata). */
  readonly ignored: ReadonlyArray<{ readonly logicalId: string; readonly type: string; readonly reason: string }>;
  readonly outputs: Readonly<Record<string, string>>;
  readonly notes: readonly string[];
  readonly durationMs: number;
}

/** What `destroyStack` did. */
export interface DestroyResult {
  readonly stackName: string;
  readonly accountId: string;
  readonly region: string;
  /** NOT_DEPLOYED: there was no such stack, nothing was done (a success, as `cdk destroy` of a missing stack). */
  readonly status: 'DELETE_COMPLETE' | 'NOT_DEPLOYED';
  readonly deleted: ReadonlyArray<{ readonly logicalId: string; readonly type: string; readonly physicalId: string }>;
  readonly retained: ReadonlyArray<{ readonly logicalId: string; readonly type: string; readonly physicalId: string }>;
  readonly notes: readonly string[];
}
