/**
 * `read items --all | head -1`: once the reader of stdout is gone, every write fails with EPIPE. That is the
 * reader's choice, not an error: exit 0 at once, without a stack trace.
 */
export function exitQuietlyOnEpipe(stream: NodeJS.WritableStream, exit: (code: number) => void): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    exit(0);
  });
}

export function isEpipe(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'EPIPE';
}
