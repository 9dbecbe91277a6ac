import { createHash } from 'node:crypto';
import { closeSync, fstatSync, ftruncateSync, openSync, readSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import {
  TargetThrottledError,
  ThrottledError,
  type ListItemsOptions,
  type Page,
  type ReaderClient,
} from '@xacct/reader-client';
import { ReadCliError } from './errors';
import { loadExportState, newExportState, saveExportState, type ExportState } from './export-state';
import type { ExportProgress } from './progress-line';

export interface ExportItemsInput {
  readonly client: Pick<ReaderClient, 'listItems'>;
  /** Recorded in the state file, so a resume against another API is refused. */
  readonly baseUrl: string;
  readonly segments: number;
  readonly options: ExportState['options'];
  /** Where the JSON Lines go (stdout). */
  readonly out: NodeJS.WritableStream;
  /** `out`'s file descriptor: when it is a regular file, a resume cuts what was written after the last saved page. */
  readonly outFd?: number;
  /** `--resume <file>`: read at start when it exists, saved after every page. */
  readonly statePath?: string;
  /** Stops at the next page boundary: pages in flight are dropped, everything written is saved. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: ExportProgress) => void;
  /** Waits between throttled attempts (tests record the waits instead). @default a timer that `signal` ends */
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

/**
 * A throttled page (429 THROTTLED from the stage's rate limit, 503 TargetThrottled) is retried after the client's own
 * quick retries for up to this long in all, with jittered exponential backoff: parallel segments run into the stage
 * limit by design, so an export slows down to it instead of failing.
 */
export const THROTTLE_PATIENCE_MS = 60_000;
const THROTTLE_BASE_MS = 500;
const THROTTLE_MAX_DELAY_MS = 8_000;

export interface ExportResult extends ExportProgress {
  /** Every segment read to its end. */
  readonly complete: boolean;
}

/**
 * A parallel scan through the API to JSON Lines: one worker per segment, each page written whole and then recorded
 * (its nextToken, the output size) in the state file, one page at a time. So an export stopped anywhere resumes from
 * the saved tokens with every item exactly once: after Ctrl-C or an API error nothing unsaved was written, and
 * after a hard kill the bytes written past the last saved page are cut from the output file before continuing.
 */
export async function exportItems(input: ExportItemsInput): Promise<ExportResult> {
  const started = Date.now();
  const fresh = newExportState(input.baseUrl, input.segments, input.options);
  const state = (input.statePath === undefined ? undefined : loadExportState(input.statePath, fresh)) ?? fresh;
  const fileOut = input.outFd !== undefined && fstatSync(input.outFd).isFile() ? input.outFd : undefined;
  if (fileOut !== undefined && state.outputBytes !== null)
    cutToSavedSize(fileOut, state.outputBytes, state.outputTail, input.statePath);
  else if (fileOut !== undefined) {
    // A fresh export records where its output starts, so a hard kill during the first page is cut back too.
    state.outputBytes = fstatSync(fileOut).size;
    state.outputTail = outputTail(fileOut, state.outputBytes);
  }
  // Saved before the first request, so an unwritable --resume path fails before any output.
  if (input.statePath !== undefined) saveExportState(input.statePath, state);

  const itemsBefore = state.items;
  const stop = new AbortController();
  const signal = input.signal === undefined ? stop.signal : AbortSignal.any([input.signal, stop.signal]);
  const progress = (): ExportProgress => ({
    items: state.items,
    pages: state.pages,
    segmentsDone: state.segments.filter((s) => s.done).length,
    totalSegments: state.totalSegments,
    itemsThisRun: state.items - itemsBefore,
    elapsedMs: Date.now() - started,
  });

  let writes = Promise.resolve();
  const commit = (segment: number, page: Page) =>
    (writes = writes.then(async () => {
      if (page.items.length > 0) await write(input.out, page.items.map((item) => `${JSON.stringify(item)}\n`).join(''));
      state.segments[segment] = page.nextToken === null ? { done: true } : { nextToken: page.nextToken, done: false };
      state.items += page.items.length;
      state.pages += 1;
      if (fileOut !== undefined) {
        state.outputBytes = fstatSync(fileOut).size;
        state.outputTail = outputTail(fileOut, state.outputBytes);
      }
      if (input.statePath !== undefined) saveExportState(input.statePath, state);
      input.onProgress?.(progress());
    }));

  const worker = async (segment: number) => {
    for (
      let current = state.segments[segment];
      current !== undefined && !current.done;
      current = state.segments[segment]
    ) {
      const options: ListItemsOptions = {
        ...input.options,
        // One segment is a plain Scan.
        ...(state.totalSegments === 1 ? {} : { segment, totalSegments: state.totalSegments }),
        ...(current.nextToken === undefined ? {} : { nextToken: current.nextToken }),
        signal,
      };
      let page: Page;
      try {
        page = await patiently(() => input.client.listItems(options), signal, input.sleep ?? sleepFor);
      } catch (error) {
        if (signal.aborted) return;
        stop.abort(error);
        throw error;
      }
      if (signal.aborted) return;
      await commit(segment, page);
    }
  };
  const outcomes = await Promise.allSettled(state.segments.map((_segment, index) => worker(index)));
  await writes;
  const failed = outcomes.find((outcome) => outcome.status === 'rejected');
  if (failed !== undefined) throw failed.reason;
  return { ...progress(), complete: state.segments.every((s) => s.done) };
}

/** `read()`, retried while throttled for up to THROTTLE_PATIENCE_MS of waits; any other error at once. */
async function patiently(
  read: () => Promise<Page>,
  signal: AbortSignal,
  sleep: (ms: number, signal: AbortSignal) => Promise<void>,
): Promise<Page> {
  let waited = 0;
  for (let retry = 1; ; retry += 1) {
    try {
      return await read();
    } catch (error) {
      if (!(error instanceof ThrottledError || error instanceof TargetThrottledError) || signal.aborted) throw error;
      // Equal jitter: at least half the step, so the waits grow; segments throttled together spread out.
      const step = Math.min(THROTTLE_MAX_DELAY_MS, THROTTLE_BASE_MS * 2 ** (retry - 1));
      const wait = Math.max((error.retryAfterSeconds ?? 0) * 1000, step / 2 + (Math.random() * step) / 2);
      if (waited + wait > THROTTLE_PATIENCE_MS) throw error;
      waited += wait;
      await sleep(wait, signal);
    }
  }
}

function sleepFor(ms: number, signal: AbortSignal): Promise<void> {
  return delay(ms, undefined, { signal });
}

function cutToSavedSize(
  fd: number,
  savedBytes: number,
  savedTail: string | null | undefined,
  statePath: string | undefined,
): void {
  const size = fstatSync(fd).size;
  if (size < savedBytes)
    throw new ReadCliError(
      'RESUME',
      `the output file has ${size} bytes, but ${statePath} says ${savedBytes} were written: resume appending to the same file (>> items.jsonl), or start over with a new --resume file`,
    );
  // A larger file that is not this export's output would otherwise be cut to the saved size.
  const tail = savedTail ? outputTail(fd, savedBytes) : null;
  if (tail !== null && tail !== savedTail)
    throw new ReadCliError(
      'RESUME',
      `the output file is not the one ${statePath} was written for (its last ${Math.min(TAIL_BYTES, savedBytes)} bytes before byte ${savedBytes} differ); it was left as it is: resume appending to the same file (>> items.jsonl), or start over with a new --resume file`,
    );
  // Written after the last saved page (a hard kill between the write and the save): read again from the saved token.
  if (size > savedBytes) ftruncateSync(fd, savedBytes);
}

/** Bytes of the output before a saved size that identify the file on a resume. */
const TAIL_BYTES = 4096;

/**
 * SHA-256 of the output's last TAIL_BYTES before `size`, read through /dev/fd (stdout is opened write-only by `>>`);
 * null where the descriptor cannot be reopened for reading, so the check is skipped there.
 */
function outputTail(fd: number, size: number): string | null {
  let readFd: number;
  try {
    readFd = openSync(`/dev/fd/${fd}`, 'r');
  } catch {
    return null;
  }
  try {
    const length = Math.min(TAIL_BYTES, size);
    const buffer = Buffer.alloc(length);
    let done = 0;
    while (done < length) {
      const read = readSync(readFd, buffer, done, length - done, size - length + done);
      if (read === 0) break;
      done += read;
    }
    return createHash('sha256').update(buffer.subarray(0, done)).digest('hex');
  } finally {
    closeSync(readFd);
  }
}

function write(out: NodeJS.WritableStream, chunk: string): Promise<void> {
  return new Promise((resolve, reject) => {
    out.write(chunk, (error) => (error ? reject(error) : resolve()));
  });
}
