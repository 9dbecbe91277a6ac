import { SandboxConfigError } from '../errors';
import { awsManagedPolicy } from './aws-managed-policies';
import type { CallerIdentity } from './caller-identity';
import type { AccessKeyRecord, IamRole, IamSnapshot, IamUser, TemporaryCredentials } from './iam-model';
import type { NamedPolicy, PolicyDocument } from './policy-document';
import { parseRoleArn } from './parse-role-arn';
import { randomId } from './random-id';
import { rolePrincipalArns } from './role-principal-arns';
import { withoutStaleRolePrincipals } from './without-stale-role-principals';

const ADMIN_USER = 'sandbox-admin';
const ADMIN_POLICY: NamedPolicy = {
  name: 'AdministratorAccess',
  document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
};

/** What a role looks like when a template puts it. */
export interface RoleInput {
  readonly accountId: string;
  readonly roleName: string;
  readonly path?: string;
  readonly trustPolicy: PolicyDocument;
  readonly maxSessionDuration?: number;
  readonly inlinePolicies?: NamedPolicy[];
  readonly managedPolicyArns?: string[];
}

/** Long-term keys of an account's bootstrap admin user. */
export interface AdminCredentials {
  readonly accountId: string;
  readonly userArn: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

/**
 * The in-memory IAM of every sandbox account: users, roles, access keys (long-term and temporary).
 * State changes call `onChange` so the sandbox can persist them with `--data-dir`.
 */
export class IamStore {
  private readonly users = new Map<string, IamUser>();
  private readonly roles = new Map<string, IamRole>();
  /** trustPolicyOf results; they depend on which roles exist, so any putRole/deleteRole drops them all. */
  private trustPolicies = new WeakMap<IamRole, PolicyDocument>();
  private readonly keys = new Map<string, AccessKeyRecord>();
  private readonly managedPolicies = new Map<string, NamedPolicy>();
  private readonly listeners: Array<() => void> = [];
  private readonly sessionListeners: Array<(session: AccessKeyRecord) => void> = [];

  constructor(snapshot?: IamSnapshot) {
    for (const user of snapshot?.users ?? []) this.users.set(user.arn, user);
    for (const role of snapshot?.roles ?? []) this.roles.set(roleKey(role.accountId, role.roleName), role);
    for (const role of this.roles.values()) role.trustedRoleIds ??= this.currentRoleIds(role.trustPolicy);
    for (const key of snapshot?.accessKeys ?? []) this.keys.set(key.accessKeyId, key);
    for (const [arn, policy] of Object.entries(snapshot?.managedPolicies ?? {})) this.managedPolicies.set(arn, policy);
  }

  /** Registers a callback run after every change except issued sessions (persistence). */
  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** Registers a callback run with each issued session (persistence appends it instead of rewriting everything). */
  onSession(listener: (session: AccessKeyRecord) => void): void {
    this.sessionListeners.push(listener);
  }

  /** Creates the account's bootstrap admin user and its access key if they do not exist yet. */
  ensureAccount(accountId: string): AdminCredentials {
    assertAccountId(accountId);
    const userArn = `arn:aws:iam::${accountId}:user/${ADMIN_USER}`;
    if (!this.users.has(userArn)) {
      this.users.set(userArn, {
        accountId,
        userName: ADMIN_USER,
        arn: userArn,
        userId: `AIDA${randomId(17)}`,
        policies: [ADMIN_POLICY],
      });
      const accessKeyId = `AKIA${randomId(16)}`;
      this.keys.set(accessKeyId, {
        accessKeyId,
        secretAccessKey: randomId(40, 'base62'),
        accountId,
        issuedAt: Date.now(),
        principal: { kind: 'user', userArn },
      });
      this.changed();
    }
    const key = [...this.keys.values()].find((k) => k.principal.kind === 'user' && k.principal.userArn === userArn);
    if (key === undefined) throw new SandboxConfigError(`The admin user of account ${accountId} has no access key.`);
    return { accountId, userArn, accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey };
  }

  /** Every account that has a bootstrap admin, sorted. */
  accounts(): string[] {
    return [...new Set([...this.users.values()].map((u) => u.accountId))].sort();
  }

  /** Creates or replaces a role's definition; an existing role keeps its id and attached policies (an update). */
  putRole(input: RoleInput): IamRole {
    assertAccountId(input.accountId);
    const key = roleKey(input.accountId, input.roleName);
    const existing = this.roles.get(key);
    const path = input.path ?? '/';
    const role: IamRole = {
      accountId: input.accountId,
      roleName: input.roleName,
      path,
      arn: `arn:aws:iam::${input.accountId}:role${path}${input.roleName}`,
      roleId: existing?.roleId ?? `AROA${randomId(17)}`,
      createdAt: existing?.createdAt ?? new Date().toISOString(),
      trustPolicy: input.trustPolicy,
      trustedRoleIds: this.currentRoleIds(input.trustPolicy),
      maxSessionDuration: input.maxSessionDuration ?? 3600,
      inlinePolicies: input.inlinePolicies ?? [],
      attachedPolicies: existing?.attachedPolicies ?? {},
      managedPolicyArns: input.managedPolicyArns ?? [],
    };
    this.roles.set(key, role);
    this.trustPolicies = new WeakMap();
    this.changed();
    return role;
  }

  /** The role by account and name. */
  getRole(accountId: string, roleName: string): IamRole | undefined {
    return this.roles.get(roleKey(accountId, roleName));
  }

  /** The role by ARN (`arn:aws:iam::<id>:role[/path]/<name>`), or undefined when no such role exists. */
  getRoleByArn(arn: string): IamRole | undefined {
    const parsed = parseRoleArn(arn);
    if (parsed === undefined) return undefined;
    const role = this.getRole(parsed.accountId, parsed.roleName);
    // The path is part of the ARN: a role addressed with another path is another (non-existent) role.
    return role !== undefined && role.arn === arn ? role : undefined;
  }

  /**
   * The trust policy as AWS evaluates it: role principals pinned to the roles that existed, with these ARNs (path
   * included), when the trust policy was written; principals of roles deleted or recreated since match nobody.
   */
  trustPolicyOf(role: IamRole): PolicyDocument {
    const cached = this.trustPolicies.get(role);
    if (cached !== undefined) return cached;
    const pinned = role.trustedRoleIds ?? {};
    const policy = withoutStaleRolePrincipals(role.trustPolicy, (arn) => {
      const current = this.getRoleByArn(arn);
      return current !== undefined && pinned[arn] === current.roleId;
    });
    this.trustPolicies.set(role, policy);
    return policy;
  }

  deleteRole(accountId: string, roleName: string): boolean {
    const deleted = this.roles.delete(roleKey(accountId, roleName));
    if (deleted) {
      this.trustPolicies = new WeakMap();
      this.changed();
    }
    return deleted;
  }

  /** Attaches (or replaces) a policy owned by `ownerId` (an AWS::IAM::Policy resource) to the given roles only. */
  attachPolicy(
    ownerId: string,
    policy: NamedPolicy,
    roles: ReadonlyArray<{ accountId: string; roleName: string }>,
  ): void {
    this.detachPolicy(ownerId, false);
    for (const target of roles) {
      const role = this.getRole(target.accountId, target.roleName);
      if (role !== undefined) role.attachedPolicies[ownerId] = policy;
    }
    this.changed();
  }

  /** Removes the policy owned by `ownerId` from every role. */
  detachPolicy(ownerId: string, notify = true): void {
    for (const role of this.roles.values()) delete role.attachedPolicies[ownerId];
    if (notify) this.changed();
  }

  /** Creates or replaces a customer managed policy; roles listing its ARN in their managed policies get it. */
  putManagedPolicy(arn: string, policy: NamedPolicy): void {
    this.managedPolicies.set(arn, policy);
    this.changed();
  }

  deleteManagedPolicy(arn: string): void {
    this.managedPolicies.delete(arn);
    this.changed();
  }

  /** Whether a managed policy ARN (customer or an AWS-managed one the sandbox knows) resolves to a document. */
  knowsManagedPolicy(arn: string): boolean {
    return this.managedPolicies.has(arn) || awsManagedPolicy(arn) !== undefined;
  }

  /** Issues temporary credentials for a session of `role` that expire after `durationSeconds`. */
  issueSession(
    role: IamRole,
    sessionName: string,
    durationSeconds: number,
    sourceIdentity?: string,
    now = Date.now(),
    sessionPolicy?: PolicyDocument,
  ): TemporaryCredentials {
    const accessKeyId = `ASIA${randomId(16)}`;
    const record: AccessKeyRecord = {
      accessKeyId,
      secretAccessKey: randomId(40, 'base62'),
      // Real tokens are long opaque blobs; the SDK only passes it back in X-Amz-Security-Token.
      sessionToken: `IQoJb3JpZ2luX2VjE${randomId(200, 'base62')}`,
      accountId: role.accountId,
      issuedAt: now,
      expiresAt: now + durationSeconds * 1000,
      principal: {
        kind: 'role-session',
        roleArn: role.arn,
        roleId: role.roleId,
        sessionName,
        ...(sourceIdentity === undefined ? {} : { sourceIdentity }),
        ...(sessionPolicy === undefined ? {} : { sessionPolicy }),
      },
    };
    this.keys.set(accessKeyId, record);
    this.dropExpiredSessions(now);
    for (const listener of this.sessionListeners) listener(record);
    return {
      accessKeyId,
      secretAccessKey: record.secretAccessKey,
      sessionToken: record.sessionToken ?? '',
      expiration: new Date(record.expiresAt ?? now),
      assumedRoleArn: `arn:aws:sts::${role.accountId}:assumed-role/${role.roleName}/${sessionName}`,
      assumedRoleId: `${role.roleId}:${sessionName}`,
      ...(sourceIdentity === undefined ? {} : { sourceIdentity }),
    };
  }

  /** The access key record, expired or not (the caller decides how to answer an expired one). */
  lookupAccessKey(accessKeyId: string): AccessKeyRecord | undefined {
    return this.keys.get(accessKeyId);
  }

  /** The identity an access key stands for. */
  identityOf(key: AccessKeyRecord): CallerIdentity {
    const principal = key.principal;
    if (principal.kind === 'user') {
      const user = this.users.get(principal.userArn);
      return {
        type: 'user',
        accountId: key.accountId,
        arn: principal.userArn,
        principalArn: principal.userArn,
        userId: user?.userId ?? 'AIDAUNKNOWN',
        accessKeyId: key.accessKeyId,
      };
    }
    const roleName = principal.roleArn.slice(principal.roleArn.lastIndexOf('/') + 1);
    return {
      type: 'assumed-role',
      accountId: key.accountId,
      arn: `arn:aws:sts::${key.accountId}:assumed-role/${roleName}/${principal.sessionName}`,
      principalArn: principal.roleArn,
      userId: `${principal.roleId}:${principal.sessionName}`,
      accessKeyId: key.accessKeyId,
      roleName,
      sessionName: principal.sessionName,
      ...(principal.sourceIdentity === undefined ? {} : { sourceIdentity: principal.sourceIdentity }),
      ...(principal.sessionPolicy === undefined ? {} : { sessionPolicy: principal.sessionPolicy }),
      ...(key.expiresAt === undefined ? {} : { expiration: new Date(key.expiresAt) }),
      issuedAt: new Date(key.issuedAt),
    };
  }

  /**
   * The identity-based policies in force for the caller now (a session sees its role's current policies, as in AWS);
   * none for a session whose role was deleted, or deleted and recreated since the session was issued.
   */
  identityPolicies(identity: CallerIdentity): NamedPolicy[] {
    if (identity.type === 'user') return this.users.get(identity.principalArn)?.policies ?? [];
    const role = this.getRoleByArn(identity.principalArn);
    // A session belongs to the role instance it was issued for (its id): a role deleted and recreated under the
    // same ARN is another role, and the old session gets no permissions from it (AWS answers AccessDenied).
    if (role === undefined || !identity.userId.startsWith(`${role.roleId}:`)) return [];
    const managed = role.managedPolicyArns.flatMap((arn) => {
      const customer = this.managedPolicies.get(arn);
      if (customer !== undefined) return [customer];
      const document = awsManagedPolicy(arn);
      return document === undefined ? [] : [{ name: arn, document }];
    });
    return [...role.inlinePolicies, ...Object.values(role.attachedPolicies), ...managed];
  }

  /** Everything, for persistence; without the temporary keys of role sessions when `includeSessions` is false. */
  snapshot(includeSessions = true): IamSnapshot {
    return {
      users: [...this.users.values()],
      roles: [...this.roles.values()],
      accessKeys: includeSessions ? [...this.keys.values()] : [...this.keys.values()].filter((k) => !isSession(k)),
      managedPolicies: Object.fromEntries(this.managedPolicies),
    };
  }

  /** The temporary keys of role sessions (live, or expired less than an hour ago). */
  sessions(): AccessKeyRecord[] {
    return [...this.keys.values()].filter(isSession);
  }

  /** The current id of each role a policy names as a principal (roles that do not exist are left out). */
  private currentRoleIds(policy: PolicyDocument): Record<string, string> {
    const ids: Record<string, string> = {};
    for (const arn of rolePrincipalArns(policy)) {
      const role = this.getRoleByArn(arn);
      if (role !== undefined) ids[arn] = role.roleId;
    }
    return ids;
  }

  private dropExpiredSessions(now: number): void {
    // Keep expired keys for an hour so callers get ExpiredToken rather than "unrecognized" right after expiry.
    for (const [id, key] of this.keys) {
      if (key.expiresAt !== undefined && key.expiresAt + 3_600_000 < now) this.keys.delete(id);
    }
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}

function isSession(key: AccessKeyRecord): boolean {
  return key.expiresAt !== undefined;
}

function roleKey(accountId: string, roleName: string): string {
  // IAM role names are case-insensitive within an account.
  return `${accountId}/${roleName.toLowerCase()}`;
}

function assertAccountId(accountId: string): void {
  if (!/^\d{12}$/.test(accountId)) {
    throw new SandboxConfigError(`Account id must be 12 digits, got '${accountId}'.`);
  }
}
