import { describe, expect, it } from 'vitest';
import { resolveNodeRuntime } from './resolve-node-runtime';

describe('resolveNodeRuntime', () => {
  it("runs the host's major on the host's Node", () => {
    const major = process.versions.node.split('.')[0] ?? '';
    expect(resolveNodeRuntime(`nodejs${major}.x`)).toEqual({
      runtime: `nodejs${major}.x`,
      execPath: process.execPath,
      version: process.versions.node,
      source: 'host',
      matches: true,
    });
  });

  it('falls back to the host for a major nothing provides, and says why and how to fix it', () => {
    const node = resolveNodeRuntime('nodejs8.x');
    expect(node).toMatchObject({ execPath: process.execPath, source: 'host', matches: false });
    expect(node.note).toContain(`nodejs8.x wants Node 8; the host's Node ${process.versions.node} runs it`);
  });

  it('nodejs24.x: Node 24 from node-linux-<arch> when installed, else the host with a note', () => {
    const node = resolveNodeRuntime('nodejs24.x');
    if (node.matches) expect(node.version).toMatch(/^24\./);
    else expect(node.note).toMatch(/optional dependency node-linux-|holds Node/);
  });
});
