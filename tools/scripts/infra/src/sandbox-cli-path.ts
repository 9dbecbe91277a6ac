/** The sandbox CLI (workspace-relative); stages of kind `local` deploy through it. */
export const SANDBOX_CLI = 'tools/sandbox/src/cli.ts';
