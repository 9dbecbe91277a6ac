// What operator tools (doctor) reuse from the infra runner.
export { InfraError, type InfraErrorCode } from './errors';
export { findStackInAssembly, type AssemblyStack } from './find-stack-in-assembly';
export { findWorkspaceRoot } from './find-workspace-root';
