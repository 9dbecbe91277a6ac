import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assertNoStageConflicts } from './assert-no-stage-conflicts';
import { loadStage } from './load-stage';

const EXTERNAL_ID = 'a'.repeat(48);

function stageDoc(name: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name,
    kind: 'aws',
    source: { accountId: '111111111111', region: 'eu-west-1' },
    target: { accountId: '222222222222', region: 'eu-west-1' },
    table: { name: `${name}-devices`, partitionKey: { name: 'deviceId', type: 'S' } },
    roles: { accessRoleName: `${name}-access`, readerRoleName: `${name}-reader` },
    externalId: EXTERNAL_ID,
    ...over,
  };
}

describe('assertNoStageConflicts', () => {
  let dir: string;
  const write = (doc: Record<string, unknown>): void =>
    writeFileSync(join(dir, `${String(doc['name'])}.json`), JSON.stringify(doc));
  const check = (name: string): void => assertNoStageConflicts(loadStage(name, { stagesDir: dir }), { stagesDir: dir });
  const file = (name: string): string => relative(process.cwd(), join(dir, `${name}.json`));

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'stages-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('accepts aws stages with their own names', () => {
    write(stageDoc('prod'));
    write(stageDoc('staging'));
    expect(() => check('prod')).not.toThrow();
  });

  it('refuses two aws stages naming the same table in the same account and region, naming both files', () => {
    write(stageDoc('prod', { table: { name: 'devices', partitionKey: { name: 'deviceId', type: 'S' } } }));
    write(stageDoc('staging', { table: { name: 'devices', partitionKey: { name: 'id', type: 'S' } } }));
    expect(() => check('prod')).toThrow(
      expect.objectContaining({
        code: 'STAGE_CONFLICT',
        message: `${file('prod')}: table.name: table "devices" in 222222222222/eu-west-1 is also named by ${file('staging')}; two aws stages cannot share it: give one of them its own name`,
      }),
    );
  });

  it('allows the same table name in another region', () => {
    write(stageDoc('prod', { table: { name: 'devices', partitionKey: { name: 'deviceId', type: 'S' } } }));
    write(
      stageDoc('staging', {
        target: { accountId: '222222222222', region: 'us-east-1' },
        table: { name: 'devices', partitionKey: { name: 'deviceId', type: 'S' } },
      }),
    );
    expect(() => check('prod')).not.toThrow();
  });

  it.each([
    ['roles.accessRoleName', 'accessRoleName'],
    ['roles.readerRoleName', 'readerRoleName'],
  ])('refuses a shared %s in the same account (IAM names are account-wide)', (field, key) => {
    write(
      stageDoc('prod', { roles: { accessRoleName: 'prod-access', readerRoleName: 'prod-reader', [key]: 'shared' } }),
    );
    write(
      stageDoc('staging', {
        source: { accountId: '111111111111', region: 'us-east-1' },
        target: { accountId: '222222222222', region: 'us-east-1' },
        roles: { accessRoleName: 'staging-access', readerRoleName: 'staging-reader', [key]: 'shared' },
      }),
    );
    expect(() => check('prod')).toThrow(
      expect.objectContaining({
        code: 'STAGE_CONFLICT',
        message: expect.stringMatching(
          new RegExp(`^${file('prod')}: ${field}: role "shared" in \\d{12} is also named by ${file('staging')}`),
        ),
      }),
    );
  });

  it('ignores local stages and stage files that do not parse', () => {
    write(stageDoc('prod', { roles: { accessRoleName: 'a', readerRoleName: 'r' } }));
    write(stageDoc('local', { kind: 'local', roles: { accessRoleName: 'a', readerRoleName: 'r' } }));
    writeFileSync(join(dir, 'broken.json'), '{ "name": ');
    expect(() => check('prod')).not.toThrow();
    expect(() => check('local')).not.toThrow();
  });

  it('passes the shipped stages', () => {
    const shipped = join(import.meta.dirname, '../../../config/stages');
    for (const name of ['local', 'example']) {
      expect(() =>
        assertNoStageConflicts(loadStage(name, { stagesDir: shipped }), { stagesDir: shipped }),
      ).not.toThrow();
    }
  });
});
