import type { KeyType } from './key-type';

/** A key attribute of the target table. */
export interface KeyAttribute {
  readonly name: string;
  readonly type: KeyType;
}

/** The reader Lambda's typed configuration, parsed once at cold start. */
export interface ReaderEnv {
  readonly targetRoleArn: string;
  readonly externalId: string;
  readonly sourceIdentity: string;
  readonly tableName: string;
  readonly targetRegion: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
  readonly sessionDurationSeconds: number;
  readonly functionName: string;
}
