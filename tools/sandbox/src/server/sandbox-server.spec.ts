import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_HEADER } from '../admin/admin-header';
import { startSandbox, type Sandbox } from '../start-sandbox';

/** A raw HTTP call: fetch cannot set Host, which is what a DNS-rebound page's requests carry. */
function rawCall(
  endpoint: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body = '',
): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request(`${endpoint}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, json: text === '' ? undefined : JSON.parse(text) });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('SandboxServer request guard', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, log: () => undefined });
  });
  afterAll(async () => {
    await sandbox.stop();
  });

  it('refuses the admin API to a request addressed to a non-loopback host (DNS rebinding)', async () => {
    // Act
    const response = await rawCall(sandbox.endpoint, 'GET', '/_sandbox/accounts', {
      host: 'rebind.evil.example:4566',
      [ADMIN_HEADER]: '1',
    });
    // Assert
    expect(response.status).toBe(403);
    expect(response.json).toEqual({
      __type: 'AccessDeniedException',
      message: expect.stringContaining("loopback host (127.0.0.1, localhost, [::1]), not 'rebind.evil.example:4566'"),
    });
  });

  it('refuses a DynamoDB call addressed to a non-loopback host', async () => {
    // Act
    const response = await rawCall(
      sandbox.endpoint,
      'POST',
      '/',
      { host: 'rebind.evil.example', 'x-amz-target': 'DynamoDB_20120810.ListTables' },
      '{}',
    );
    // Assert
    expect(response.status).toBe(403);
  });

  it('refuses an admin API call that carries an Origin header (a browser)', async () => {
    // Act
    const response = await rawCall(sandbox.endpoint, 'GET', '/_sandbox/accounts', {
      origin: 'http://127.0.0.1:8080',
      [ADMIN_HEADER]: '1',
    });
    // Assert
    expect(response.status).toBe(403);
    expect(response.json).toMatchObject({ message: expect.stringContaining('Origin header present') });
  });

  it.each(['/_sandbox/accounts', '/_sandbox/functions', '/_sandbox/nothing'])(
    'refuses %s without the admin header, before any admin route runs',
    async (path) => {
      // Act
      const response = await rawCall(sandbox.endpoint, 'GET', path, {});
      // Assert
      expect(response.status).toBe(403);
      expect(response.json).toEqual({
        error: {
          code: 'AdminHeaderMissing',
          message: `The sandbox admin API needs the ${ADMIN_HEADER} header (use the sandbox CLI).`,
        },
      });
    },
  );

  it.each(['localhost', '[::1]:4566', '127.0.0.2'])('answers the admin API for the loopback host %s', async (host) => {
    // Act
    const response = await rawCall(sandbox.endpoint, 'GET', '/_sandbox/health', { host, [ADMIN_HEADER]: '1' });
    // Assert
    expect(response.status).toBe(200);
  });
});
