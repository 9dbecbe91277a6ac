import type { NamedPolicy, PolicyDocument } from './policy-document';

/** An IAM user (the sandbox only creates the bootstrap admin per account). */
export interface IamUser {
  readonly accountId: string;
  readonly userName: string;
  readonly arn: string;
  readonly userId: string;
  readonly policies: NamedPolicy[];
}

/** An IAM role as applied from a template. */
export interface IamRole {
  readonly accountId: string;
  readonly roleName: string;
  readonly path: string;
  readonly arn: string;
  readonly roleId: string;
  /** ISO time the role was created (absent in state files written before it existed). */
  readonly createdAt?: string;
  trustPolicy: PolicyDocument;
  /**
   * The role id of each role its trust policy names as a principal, as of when the trust policy was written
   * (AWS pins a role principal to the role's unique id). A principal missing here, or whose role has another id
   * now, matches nobody. Absent in state files written before it existed: then pinned to the roles of the restart.
   */
  trustedRoleIds?: Record<string, string>;
  maxSessionDuration: number;
  /** Inline policies (`Policies` of AWS::IAM::Role). */
  inlinePolicies: NamedPolicy[];
  /** Policies attached by AWS::IAM::Policy resources, keyed by the policy's owner id (`<stack>/<logicalId>`). */
  attachedPolicies: Record<string, NamedPolicy>;
  /** ARNs of managed policies (AWS-managed ones the sandbox knows are expanded on evaluation). */
  managedPolicyArns: string[];
}

/** One access key: long-term for users (`AKIA...`), temporary for role sessions (`ASIA...`). */
export interface AccessKeyRecord {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly accountId: string;
  /** Epoch ms; absent for long-term keys. */
  readonly expiresAt?: number;
  readonly issuedAt: number;
  readonly principal:
    | { readonly kind: 'user'; readonly userArn: string }
    | {
        readonly kind: 'role-session';
        readonly roleArn: string;
        readonly roleId: string;
        readonly sessionName: string;
        readonly sourceIdentity?: string;
        /** The session policy (AssumeRole Policy/PolicyArns, merged): caps the role's permissions. */
        readonly sessionPolicy?: PolicyDocument;
      };
}

/** Temporary credentials as STS returns them. */
export interface TemporaryCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  readonly expiration: Date;
  readonly assumedRoleArn: string;
  readonly assumedRoleId: string;
  readonly sourceIdentity?: string;
}

/** The persisted shape of the whole IAM state. */
export interface IamSnapshot {
  readonly users: IamUser[];
  readonly roles: IamRole[];
  readonly accessKeys: AccessKeyRecord[];
  /** Customer managed policies (AWS::IAM::ManagedPolicy) by ARN. */
  readonly managedPolicies?: Record<string, NamedPolicy>;
}
