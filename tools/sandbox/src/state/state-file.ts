import { appendFileSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SandboxConfigError } from '../errors';
import type { StackRecord } from '../cfn/stack-record';
import type { AccessKeyRecord, IamSnapshot } from '../iam/iam-model';
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

/**
 * Reads and writes `<dataDir>/state.json` (atomically: write a temp file, then rename) and the session journal
 * `<dataDir>/sessions.jsonl`: each AssumeRole appends one line instead of rewriting all of the state, and the
 * journal is compacted to the live sessions whenever the state is written.
 */
export class StateFile {
  private readonly path: string;
  private readonly journal: string;
  private pending = false;

  /** `collect`: the state without sessions; `collectSessions`: the sessions to keep when compacting. */
  constructor(
    dataDir: string,
    private readonly collect: () => SandboxState,
    private readonly collectSessions: () => AccessKeyRecord[],
  ) {
    mkdirSync(dataDir, { recursive: true });
    this.path = join(dataDir, 'state.json');
    this.journal = join(dataDir, 'sessions.jsonl');
  }

  /** The saved state with the journal's sessions among its access keys, or undefined on first start. */
  load(): SandboxState | undefined {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch {
      return undefined;
    }
    let state: SandboxState;
    try {
      state = JSON.parse(text) as SandboxState;
      if (state.version !== 1) throw new Error(`unknown version ${String(state.version)}`);
    } catch (error) {
      throw new SandboxConfigError(
        `${this.path} is not a sandbox state file (${error instanceof Error ? error.message : String(error)}). Remove it or use another --data-dir.`,
        { cause: error },
      );
    }
    return { ...state, iam: { ...state.iam, accessKeys: [...state.iam.accessKeys, ...this.loadSessions()] } };
  }

  /** Appends one issued session to the journal. */
  appendSession(session: AccessKeyRecord): void {
    appendFileSync(this.journal, `${JSON.stringify(session)}\n`);
  }

  /** Schedules a write; many changes in one tick become one write. */
  scheduleSave(): void {
    if (this.pending) return;
    this.pending = true;
    setImmediate(() => this.saveNow());
  }

  saveNow(): void {
    this.pending = false;
    writeAtomically(this.path, JSON.stringify(this.collect()));
    const sessions = this.collectSessions();
    writeAtomically(this.journal, sessions.map((session) => `${JSON.stringify(session)}\n`).join(''));
  }

  private loadSessions(): AccessKeyRecord[] {
    let text: string;
    try {
      text = readFileSync(this.journal, 'utf8');
    } catch {
      return [];
    }
    const sessions: AccessKeyRecord[] = [];
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      try {
        sessions.push(JSON.parse(line) as AccessKeyRecord);
      } catch {
        // A line cut short by a kill mid-append: that one session is lost, the rest load.
      }
    }
    return sessions;
  }
}

function writeAtomically(path: string, text: string): void {
  const temp = `${path}.tmp`;
  writeFileSync(temp, text);
  renameSync(temp, path);
}
