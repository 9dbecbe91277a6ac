import type { AccessMode, Stage } from './stage-schema';

/** Whether the stage deploys this grant (target-infra) and lets the reader role use it (source-infra). */
export function grantsAccess(stage: Stage, mode: AccessMode): boolean {
  return stage.access.grants.includes(mode);
}
