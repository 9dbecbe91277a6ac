import type { SandboxContext } from '../sandbox-context';

/** What a resource handler knows about the deployment it works for. */
export interface ResourceContext {
  readonly sandbox: SandboxContext;
  readonly stackName: string;
  readonly logicalId: string;
  readonly accountId: string;
  readonly region: string;
  /** The cloud assembly directory (cdk.out) the template came from, for assets (Lambda code). */
  readonly assemblyDir?: string;
  /** Adds a line to the deploy result's notes (something emulated differently from AWS, a default applied...). */
  note(message: string): void;
}

/** What a handler returns after creating or updating a resource. */
export interface ResourceState {
  /** What `Ref` resolves to. */
  readonly physicalId: string;
  /** What `Fn::GetAtt` resolves (e.g. `{ Arn: '...' }`). */
  readonly attributes: Readonly<Record<string, unknown>>;
  /** Handler-private, JSON-serializable data kept with the stack (persisted with --data-dir). */
  readonly data?: unknown;
  /** True when the resource already existed outside the stack and was taken over (reported as `adopted`; not stored). */
  readonly adopted?: boolean;
}

/** A resource as the sandbox keeps it after a deploy. */
export interface DeployedResource extends ResourceState {
  readonly logicalId: string;
  readonly type: string;
  /** The properties with every intrinsic resolved. */
  readonly properties: Readonly<Record<string, unknown>>;
  readonly deletionPolicy?: string;
  readonly updateReplacePolicy?: string;
}

/**
 * Applies one CloudFormation resource type. Registered per type with `registerResourceHandler`
 * (or `sandbox.resourceHandlers.register`).
 */
export interface ResourceHandler {
  /** Creates the resource, or updates it when `previous` (the state of the last deploy) is given. */
  apply(
    properties: Readonly<Record<string, unknown>>,
    context: ResourceContext,
    previous?: DeployedResource,
  ): Promise<ResourceState>;
  /** Deletes the resource (not called when its DeletionPolicy is Retain). */
  delete(resource: DeployedResource, context: ResourceContext): Promise<void>;
  /** Re-creates runtime state (workers, routes) when the sandbox restarts from --data-dir. */
  restore?(resource: DeployedResource, context: ResourceContext): Promise<void>;
}
