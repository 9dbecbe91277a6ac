/** An IAM policy document as it appears in templates (validated by iam-simulate when evaluated). */
export interface PolicyDocument {
  readonly Version?: string;
  readonly Statement: unknown;
  readonly [key: string]: unknown;
}

/** A policy attached to a principal, by name. */
export interface NamedPolicy {
  readonly name: string;
  readonly document: PolicyDocument;
}
