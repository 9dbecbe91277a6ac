import type { PolicyDocument } from '../iam/policy-document';

/** A customer managed KMS key as applied from a template. */
export interface KmsKey {
  readonly arn: string;
  readonly keyId: string;
  readonly accountId: string;
  readonly region: string;
  readonly policy: PolicyDocument;
  readonly rotation: boolean;
}

export interface KmsSnapshot {
  readonly keys: KmsKey[];
  /** Alias ARN -> key ARN. */
  readonly aliases: Record<string, string>;
}

/** KMS keys and aliases of every account (keys are only used to check kms:Decrypt for DynamoDB; no cryptography). */
export class KmsStore {
  private readonly keys = new Map<string, KmsKey>();
  private readonly aliases = new Map<string, string>();
  private readonly listeners: Array<() => void> = [];

  constructor(snapshot: KmsSnapshot = { keys: [], aliases: {} }) {
    for (const key of snapshot.keys) this.keys.set(key.arn, key);
    for (const [alias, keyArn] of Object.entries(snapshot.aliases)) this.aliases.set(alias, keyArn);
  }

  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  putKey(key: KmsKey): void {
    this.keys.set(key.arn, key);
    this.changed();
  }

  /** A key by ARN, key id (in `accountId`/`region`), alias name or alias ARN. */
  find(ref: string, accountId: string, region: string): KmsKey | undefined {
    const prefix = `arn:aws:kms:${region}:${accountId}:`;
    const arn = ref.startsWith('arn:') ? ref : ref.startsWith('alias/') ? `${prefix}${ref}` : `${prefix}key/${ref}`;
    return this.keys.get(this.aliases.get(arn) ?? arn);
  }

  deleteKey(arn: string): void {
    this.keys.delete(arn);
    for (const [alias, target] of this.aliases) if (target === arn) this.aliases.delete(alias);
    this.changed();
  }

  putAlias(aliasArn: string, keyArn: string): void {
    this.aliases.set(aliasArn, keyArn);
    this.changed();
  }

  deleteAlias(aliasArn: string): void {
    if (this.aliases.delete(aliasArn)) this.changed();
  }

  snapshot(): KmsSnapshot {
    return { keys: [...this.keys.values()], aliases: Object.fromEntries(this.aliases) };
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}
