import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runNodeScript } from './run-node-script';

const env = { PATH: process.env['PATH'] ?? '/usr/bin:/bin' };
const marker = 'SPEC_RESULT ';

describe('runNodeScript', () => {
  it('returns the JSON after the marker, ignoring other output, with only the given environment', async () => {
    // Arrange
    const script = `console.log('a log line'); process.stdout.write('${marker}' + JSON.stringify({ home: process.env.HOME ?? null, n: 2 }) + '\\n');`;
    // Act
    const result = await runNodeScript({ what: 'spec', script, env, marker });
    // Assert
    expect(result).toEqual({ home: null, n: 2 });
  });

  it('finds the marker after more output than it keeps (8 MB of log lines before it)', async () => {
    // Arrange
    const script = `const line = 'x'.repeat(1023) + '\\n'; for (let i = 0; i < 8192; i++) process.stdout.write(line); process.stdout.write('${marker}' + JSON.stringify({ done: true }) + '\\n');`;
    // Act
    const result = await runNodeScript({ what: 'chatty', script, env, marker });
    // Assert
    expect(result).toEqual({ done: true });
  });

  it('fails with the exit code and the stderr tail when the script crashes', async () => {
    const script = `console.error('boom: cannot import'); process.exit(3);`;
    await expect(runNodeScript({ what: 'crashing probe', script, env, marker })).rejects.toThrowError(
      /crashing probe exited with 3 without a result: boom: cannot import/,
    );
  });

  // Loading the sandbox's sources through tsx takes seconds on a busy machine.
  it(
    'with tsx, the script imports workspace TypeScript (the sandbox signer) through the bench tsconfig',
    { timeout: 60_000 },
    async () => {
      // Arrange
      const script = `const { signedFetch } = await import('@xacct/sandbox'); process.stdout.write('${marker}' + JSON.stringify(typeof signedFetch) + '\\n');`;
      // Act
      const result = await runNodeScript({
        what: 'tsx probe',
        script,
        env,
        marker,
        tsx: true,
        cwd: fileURLToPath(new URL('../../../..', import.meta.url)),
      });
      // Assert
      expect(result).toBe('function');
    },
  );

  it("answers the script's requests over IPC with serve, errors included", async () => {
    // Arrange
    const script = `
      const ask = (id, request) => new Promise((resolve) => {
        process.on('message', (m) => m.id === id && resolve(m));
        process.send({ id, request });
      });
      const ok = await ask(1, { n: 20 });
      const failed = await ask(2, { n: -1 });
      process.stdout.write('${marker}' + JSON.stringify([ok, failed]) + '\\n');
      process.exit(0);`;
    // Act
    const result = await runNodeScript({
      what: 'ipc probe',
      script,
      env,
      marker,
      serve: async (request) => {
        const { n } = request as { n: number };
        if (n < 0) throw new Error('negative');
        return n + 1;
      },
    });
    // Assert
    expect(result).toEqual([
      { id: 1, result: 21 },
      { id: 2, error: 'negative' },
    ]);
  });

  it('kills a hung script after the timeout', async () => {
    const script = `setInterval(() => {}, 1000);`;
    await expect(runNodeScript({ what: 'hung probe', script, env, marker, timeoutMs: 300 })).rejects.toThrowError(
      /hung probe was killed after 300 ms/,
    );
  });
});
