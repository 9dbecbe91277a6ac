import type { PolicyDocument } from './policy-document';

/** Who signed a request, as the sandbox's IAM resolved it from the access key. */
export interface CallerIdentity {
  readonly type: 'user' | 'assumed-role';
  readonly accountId: string;
  /** The ARN AWS reports (GetCallerIdentity, denial messages): the user ARN or `arn:aws:sts::<id>:assumed-role/<role>/<session>`. */
  readonly arn: string;
  /** `aws:PrincipalArn`: the user ARN, or for a role session the role's IAM ARN including its path. */
  readonly principalArn: string;
  /** `aws:userid`: `AIDA...` for a user, `AROA...:<session>` for a role session. */
  readonly userId: string;
  readonly accessKeyId: string;
  readonly roleName?: string;
  readonly sessionName?: string;
  readonly sourceIdentity?: string;
  /** The session policy the session was issued with, if any. */
  readonly sessionPolicy?: PolicyDocument;
  /** When the temporary credentials expire (role sessions only). */
  readonly expiration?: Date;
  /** When the temporary credentials were issued (role sessions only). */
  readonly issuedAt?: Date;
}
