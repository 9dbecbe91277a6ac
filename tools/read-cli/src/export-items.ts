import { fstatSync, ftruncateSync } from 'node:fs';
import type { ListItemsOptions, Page, ReaderClient } from '@xacct/reader-client';
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
}

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
  if (fileOut !== undefined && state.outputBytes !== null) cutToSavedSize(fileOut, state.outputBytes, input.statePath);

  const stop = new AbortController();
  const signal = input.signal === undefined ? stop.signal : AbortSignal.any([input.signal, stop.signal]);
  const progress = (): ExportProgress => ({
    items: state.items,
    pages: state.pages,
    segmentsDone: state.segments.filter((s) => s.done).length,
    totalSegments: state.totalSegments,
    elapsedMs: Date.now() - started,
  });

  let writes = Promise.resolve();
  const commit = (segment: number, page: Page) =>
    (writes = writes.then(async () => {
      if (page.items.length > 0) await write(input.out, page.items.map((item) => `${JSON.stringify(item)}\n`).join(''));
      state.segments[segment] = page.nextToken === null ? { done: true } : { nextToken: page.nextToken, done: false };
      state.items += page.items.length;
      state.pages += 1;
      state.outputBytes = fileOut === undefined ? null : fstatSync(fileOut).size;
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
        page = await input.client.listItems(options);
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

function cutToSavedSize(fd: number, savedBytes: number, statePath: string | undefined): void {
  const size = fstatSync(fd).size;
  if (size < savedBytes)
    throw new ReadCliError(
      'RESUME',
      `the output file has ${size} bytes, but ${statePath} says ${savedBytes} were written: resume appending to the same file (>> items.jsonl), or start over with a new --resume file`,
    );
  // Written after the last saved page (a hard kill between the write and the save): read again from the saved token.
  if (size > savedBytes) ftruncateSync(fd, savedBytes);
}

function write(out: NodeJS.WritableStream, chunk: string): Promise<void> {
  return new Promise((resolve, reject) => {
    out.write(chunk, (error) => (error ? reject(error) : resolve()));
  });
}
