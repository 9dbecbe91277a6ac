import type { KeyType } from './key-type';

/** A key attribute of the target table. */
export interface KeyAttribute {
  readonly name: string;
  readonly type: KeyType;
}

/** A global secondary index the reader may Query: its name and keys (the projection is target-infra's business). */
export interface ReaderIndex {
  readonly name: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
}

interface ReaderEnvCommon {
  readonly tableName: string;
  /**
   * What requests send as `TableName`: the name in assume-role mode (the session lives in the target account), the
   * table ARN in resource-policy mode (a bare name would mean a table of the reader's own account).
   */
  readonly tableRef: string;
  readonly targetRegion: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
  /** The table's declared GSIs (stage `table.indexes`, env `TABLE_INDEXES`); empty when none. */
  readonly indexes: readonly ReaderIndex[];
  readonly functionName: string;
}

/** The reader assumes the access role in the target account (ExternalId, SourceIdentity). */
export interface AssumeRoleReaderEnv extends ReaderEnvCommon {
  readonly accessMode: 'assume-role';
  readonly targetRoleArn: string;
  readonly externalId: string;
  readonly sourceIdentity: string;
  readonly sessionDurationSeconds: number;
}

/** The reader calls the table with its execution role; the table's resource policy admits it. No STS. */
export interface ResourcePolicyReaderEnv extends ReaderEnvCommon {
  readonly accessMode: 'resource-policy';
  readonly tableArn: string;
}

/** The reader Lambda's typed configuration, parsed once at cold start. */
export type ReaderEnv = AssumeRoleReaderEnv | ResourcePolicyReaderEnv;
