import { Writable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { exitQuietlyOnEpipe } from './exit-quietly-on-epipe';

/** A stream whose writes fail as a socket's do once its reader is gone (`| head -1`). */
const failingWith = (code: string) =>
  new Writable({
    write(_chunk, _encoding, callback) {
      callback(Object.assign(new Error(`write ${code}`), { code }));
    },
  });

describe('exitQuietlyOnEpipe', () => {
  it('exits 0 when a write fails with EPIPE (the reader went away)', async () => {
    const stream = failingWith('EPIPE');
    const exit = vi.fn();
    exitQuietlyOnEpipe(stream, exit);

    stream.write('{"id":"x"}\n');
    await new Promise((resolve) => setImmediate(resolve));

    expect(exit).toHaveBeenCalledWith(0);
  });

  it('rethrows any other stream error', () => {
    const stream = failingWith('ENOSPC');
    const exit = vi.fn();
    exitQuietlyOnEpipe(stream, exit);

    expect(() => stream.emit('error', Object.assign(new Error('write ENOSPC'), { code: 'ENOSPC' }))).toThrow(
      'write ENOSPC',
    );
    expect(exit).not.toHaveBeenCalled();
  });
});
