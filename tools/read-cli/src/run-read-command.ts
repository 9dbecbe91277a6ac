import { ReaderClientUsageError, type ReaderClient } from '@xacct/reader-client';
import { ReadCliError } from './errors';
import { exportItems } from './export-items';
import type { ReadArgs } from './parse-read-args';
import { progressLine, type ExportProgress } from './progress-line';

export interface ReadIo {
  readonly out: NodeJS.WritableStream;
  /** stdout's descriptor, for export's resume (see exportItems). */
  readonly outFd?: number;
  /** Progress goes here only when it is a TTY. */
  readonly err: NodeJS.WritableStream & { isTTY?: boolean };
  readonly signal?: AbortSignal;
}

/** Runs one command against the API; resolves `false` when an export stopped before its end. */
export async function runReadCommand(
  args: ReadArgs,
  client: ReaderClient,
  baseUrl: string,
  io: ReadIo,
): Promise<boolean> {
  const { command, common } = args;
  const read = { ...common, ...(io.signal === undefined ? {} : { signal: io.signal }) };
  const line = (value: unknown) => io.out.write(`${JSON.stringify(value)}\n`);
  switch (command.name) {
    case 'item': {
      const item = await client
        .getItem(command.pk, { ...read, ...(command.sk === undefined ? {} : { sk: command.sk }) })
        .catch((error: unknown) => {
          if (!(error instanceof ReaderClientUsageError)) throw error;
          throw new ReadCliError(
            'USAGE',
            `item ${command.pk} needs --sk <sort key>: the table has a sort key (or: query ${command.pk})`,
          );
        });
      if (item === undefined)
        throw new ReadCliError(
          'NOT_FOUND',
          `no item with key ${command.pk}${command.sk === undefined ? '' : ` / ${command.sk}`}`,
        );
      line(item);
      return true;
    }
    case 'items': {
      const { name: _name, all, ...options } = command;
      if (!all) line(await client.listItems({ ...read, ...options }));
      else for await (const item of client.paginateItems({ ...read, ...options })) line(item);
      return true;
    }
    case 'query': {
      const { name: _name, all, pk, index, ...options } = command;
      if (index !== undefined) {
        const { consistent: _consistent, ...indexRead } = read;
        if (read.consistent !== undefined)
          throw new ReadCliError(
            'USAGE',
            '--consistent is not possible on an index (global secondary indexes are eventually consistent)',
          );
        if (!all) line(await client.queryIndex(index, pk, { ...indexRead, ...options }));
        else for await (const item of client.paginateIndex(index, pk, { ...indexRead, ...options })) line(item);
      } else if (!all) line(await client.query(pk, { ...read, ...options }));
      else for await (const item of client.paginateQuery(pk, { ...read, ...options })) line(item);
      return true;
    }
    case 'export': {
      const tty = io.err.isTTY === true;
      let last = 0;
      const show = (progress: ExportProgress, final = false) => {
        if (!tty || (!final && Date.now() - last < 200)) return;
        last = Date.now();
        io.err.write(`\r\x1b[2K${progressLine(progress)}${final ? '\n' : ''}`);
      };
      const result = await exportItems({
        client,
        baseUrl,
        segments: command.segments,
        options: { ...common, ...(command.limit === undefined ? {} : { limit: command.limit }) },
        out: io.out,
        ...(io.outFd === undefined ? {} : { outFd: io.outFd }),
        ...(command.resume === undefined ? {} : { statePath: command.resume }),
        ...(io.signal === undefined ? {} : { signal: io.signal }),
        onProgress: (progress) => show(progress),
      });
      show(result, true);
      return result.complete;
    }
  }
}
