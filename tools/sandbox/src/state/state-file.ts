import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SandboxConfigError } from '../errors';
import type { StackRecord } from '../cfn/stack-record';
import type { IamSnapshot } from '../iam/iam-model';
import type { TableSettingsSnapshot } from '../dynamodb/table-settings-store';
import type { KmsSnapshot } from '../kms/kms-store';

/** What `--data-dir` keeps besides the DynamoDB data: IAM, table policies and KMS keys of every account, and the stacks. */
export interface SandboxState {
  readonly version: 1;
  readonly iam: IamSnapshot;
  readonly stacks: StackRecord[];
  /** Absent in state files written before table policies and KMS keys were emulated. */
  readonly tables?: TableSettingsSnapshot;
  readonly kms?: KmsSnapshot;
}

/** Reads and writes `<dataDir>/state.json` (atomically: write a temp file, then rename). */
export class StateFile {
  private readonly path: string;
  private pending = false;

  constructor(
    dataDir: string,
    private readonly collect: () => SandboxState,
  ) {
    mkdirSync(dataDir, { recursive: true });
    this.path = join(dataDir, 'state.json');
  }

  /** The saved state, or undefined on first start. */
  load(): SandboxState | undefined {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch {
      return undefined;
    }
    try {
      const state = JSON.parse(text) as SandboxState;
      if (state.version !== 1) throw new Error(`unknown version ${String(state.version)}`);
      return state;
    } catch (error) {
      throw new SandboxConfigError(
        `${this.path} is not a sandbox state file (${error instanceof Error ? error.message : String(error)}). Remove it or use another --data-dir.`,
        { cause: error },
      );
    }
  }

  /** Schedules a write; many changes in one tick become one write. */
  scheduleSave(): void {
    if (this.pending) return;
    this.pending = true;
    setImmediate(() => this.saveNow());
  }

  saveNow(): void {
    this.pending = false;
    const temp = `${this.path}.tmp`;
    writeFileSync(temp, JSON.stringify(this.collect()));
    renameSync(temp, this.path);
  }
}
