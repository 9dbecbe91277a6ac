import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ConfigError } from './errors';
import { loadStage } from './load-stage';

const shippedStages = resolve(import.meta.dirname, '../../../config/stages');

function errorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('loadStage', () => {
  it.each(['local', 'local-resource-policy', 'local-history', 'example'])('loads the shipped %s stage', (name) => {
    const stage = loadStage(name, { stagesDir: shippedStages });
    expect(stage.name).toBe(name);
  });

  it('ships a local stage for the sandbox keyed on deviceId', () => {
    const stage = loadStage('local', { stagesDir: shippedStages });
    expect(stage).toMatchObject({
      kind: 'local',
      source: { accountId: '111111111111' },
      target: { accountId: '222222222222' },
      table: { partitionKey: { name: 'deviceId', type: 'S' } },
    });
  });

  it('names the missing file and the available stages', () => {
    const error = errorOf(() => loadStage('prod', { stagesDir: shippedStages }));
    expect(error.code).toBe('STAGE_NOT_FOUND');
    expect(error.message).toMatch(
      /prod\.json: no such stage file; create it from config\/stages\/example\.json \(available: .*local/,
    );
  });

  it('rejects a stage name that could escape the directory', () => {
    const error = errorOf(() => loadStage('../etc/passwd', { stagesDir: shippedStages }));
    expect(error.code).toBe('STAGE_NOT_FOUND');
    expect(error.message).toContain('is not valid');
  });

  it('reports broken JSON with the file name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stages-'));
    writeFileSync(join(dir, 'bad.json'), '{ "name": ');
    const error = errorOf(() => loadStage('bad', { stagesDir: dir }));
    expect(error.code).toBe('STAGE_UNREADABLE');
    expect(error.message).toMatch(/bad\.json: not valid JSON/);
  });

  it('prefixes field errors with the file path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stages-'));
    writeFileSync(join(dir, 'prod.json'), JSON.stringify({ name: 'prod', kind: 'aws' }));
    const error = errorOf(() => loadStage('prod', { stagesDir: dir }));
    expect(error.code).toBe('STAGE_INVALID');
    expect(error.message).toMatch(/prod\.json: source: is required \(expected object\)/);
  });

  it('requires the name inside the file to match the file name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stages-'));
    const local = loadStage('local', { stagesDir: shippedStages });
    writeFileSync(join(dir, 'prod.json'), JSON.stringify({ ...local, name: 'staging' }));
    const error = errorOf(() => loadStage('prod', { stagesDir: dir }));
    expect(error.message).toMatch(/prod\.json: name: must equal the file name "prod", got "staging"/);
  });

  it('reports a name that differs from the file name together with the schema errors', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stages-'));
    const local = loadStage('local', { stagesDir: shippedStages });
    writeFileSync(
      join(dir, 'broken.json'),
      JSON.stringify({ ...local, target: { ...local.target, accountId: '12345' } }),
    );
    const error = errorOf(() => loadStage('broken', { stagesDir: dir }));
    expect(error.message.split('\n')).toEqual([
      expect.stringMatching(/broken\.json: target\.accountId: must be 12 digits, got "12345"$/),
      expect.stringMatching(/broken\.json: name: must equal the file name "broken", got "local"$/),
    ]);
  });

  it('finds config/stages under the nearest directory with an nx.json by default', () => {
    expect(loadStage('local').name).toBe('local');
  });

  it('lists no stages, outside any workspace, when the directory is missing or empty', () => {
    const outside = mkdtempSync(join(tmpdir(), 'no-workspace-'));
    const cwd = vi.spyOn(process, 'cwd').mockReturnValue(outside);
    try {
      expect(errorOf(() => loadStage('local')).message).toContain('(available: (none))');
      expect(errorOf(() => loadStage('local', { stagesDir: outside })).message).toContain('(available: (none))');
    } finally {
      cwd.mockRestore();
    }
  });
});
