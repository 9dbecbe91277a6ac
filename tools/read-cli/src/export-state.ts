import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { ReadCliError } from './errors';

/** What `export --resume <file>` saves after every page it wrote, and continues from. */
export interface ExportState {
  readonly version: 1;
  /** The API and read options the tokens belong to: a token is bound to its segment and route. */
  readonly baseUrl: string;
  readonly totalSegments: number;
  readonly options: {
    readonly limit?: number;
    readonly fields?: string[];
    readonly consistent?: boolean;
    readonly format?: 'json' | 'dynamodb';
  };
  /** Per segment: where the next page starts (undefined before the first page) and whether it is done. */
  segments: Array<{ nextToken?: string; done: boolean }>;
  items: number;
  pages: number;
  /** Size of the output file after the last saved page; null when the output is not a regular file (a pipe). */
  outputBytes: number | null;
  /** SHA-256 of the output's last 4096 bytes before outputBytes, so a resume into another file is refused. */
  outputTail?: string | null;
}

export function newExportState(baseUrl: string, totalSegments: number, options: ExportState['options']): ExportState {
  return {
    version: 1,
    baseUrl,
    totalSegments,
    options,
    segments: Array.from({ length: totalSegments }, () => ({ done: false })),
    items: 0,
    pages: 0,
    outputBytes: null,
    outputTail: null,
  };
}

/** The saved state, checked to belong to this export (same API, segments and options); undefined when none. */
export function loadExportState(path: string, expected: ExportState): ExportState | undefined {
  if (!existsSync(path)) return undefined;
  let state: ExportState;
  try {
    state = JSON.parse(readFileSync(path, 'utf8')) as ExportState;
  } catch (error) {
    throw new ReadCliError(
      'RESUME',
      `${path} is not an export state file (${(error as Error).message}): pass another --resume file`,
      {
        cause: error,
      },
    );
  }
  if (state.version !== 1 || !Array.isArray(state.segments))
    throw new ReadCliError('RESUME', `${path} is not an export state file: pass another --resume file`);
  const differs = (['baseUrl', 'totalSegments', 'options'] as const).filter(
    (key) => JSON.stringify(state[key]) !== JSON.stringify(expected[key]),
  );
  if (differs.length > 0)
    throw new ReadCliError(
      'RESUME',
      `${path} belongs to another export (${differs.map((key) => `${key} was ${JSON.stringify(state[key])}, now ${JSON.stringify(expected[key])}`).join('; ')}): resume with the same API and options, or pass a new --resume file`,
    );
  return state;
}

/** Replaces the file in one rename, so an interrupted save leaves the previous state, never half a file. */
export function saveExportState(path: string, state: ExportState): void {
  try {
    writeFileSync(`${path}.tmp`, `${JSON.stringify(state)}\n`);
    renameSync(`${path}.tmp`, path);
  } catch (error) {
    throw new ReadCliError(
      'RESUME',
      `cannot write the --resume file ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): pass a path in an existing, writable directory`,
      { cause: error },
    );
  }
}
