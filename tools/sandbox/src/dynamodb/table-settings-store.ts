import type { PolicyDocument } from '../iam/policy-document';

/** How a table is encrypted at rest: decides cross-account access and the KMS check on every item call. */
export type TableEncryption =
  | { readonly type: 'aws-owned' }
  | { readonly type: 'aws-managed' }
  | { readonly type: 'customer-managed'; readonly keyArn: string };

/** What DynamoDB keeps about a table besides its items: its resource policy and its encryption. */
export interface TableSettings {
  readonly encryption: TableEncryption;
  readonly resourcePolicy?: PolicyDocument;
  /** Changes with each policy write (PutResourcePolicy's RevisionId). */
  readonly policyRevision?: string;
}

/** The persisted shape: settings by table ARN. */
export type TableSettingsSnapshot = Record<string, TableSettings>;

/** Table resource policies and encryption by table ARN, shared by the deploy handler and the DynamoDB front. */
export class TableSettingsStore {
  private readonly tables = new Map<string, TableSettings>();
  private readonly listeners: Array<() => void> = [];
  private lastRevision = 0;

  constructor(snapshot: TableSettingsSnapshot = {}) {
    for (const [arn, settings] of Object.entries(snapshot)) this.tables.set(arn, settings);
  }

  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** The settings of a table; a table created through the API (not a template) has none: AWS owned key, no policy. */
  get(tableArn: string): TableSettings | undefined {
    return this.tables.get(tableArn);
  }

  put(tableArn: string, settings: TableSettings): void {
    this.tables.set(tableArn, settings);
    this.changed();
  }

  /** Sets or (with `undefined`) removes the resource policy; returns the new revision. */
  putPolicy(tableArn: string, policy: PolicyDocument | undefined): string {
    const current = this.tables.get(tableArn) ?? { encryption: { type: 'aws-owned' } };
    // Like AWS's RevisionId: a millisecond timestamp, strictly increasing.
    this.lastRevision = Math.max(Date.now(), this.lastRevision + 1);
    const revision = String(this.lastRevision);
    const { resourcePolicy: _dropped, policyRevision: _old, ...rest } = current;
    this.tables.set(
      tableArn,
      policy === undefined ? rest : { ...rest, resourcePolicy: policy, policyRevision: revision },
    );
    this.changed();
    return revision;
  }

  delete(tableArn: string): void {
    if (this.tables.delete(tableArn)) this.changed();
  }

  snapshot(): TableSettingsSnapshot {
    return Object.fromEntries(this.tables);
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}
