import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadStage } from './load-stage';
import { readerEnvFromStage } from './reader-env-from-stage';
import { sourceIdentity } from './source-identity';

const stage = loadStage('local', { stagesDir: resolve(import.meta.dirname, '../../../config/stages') });

describe('sourceIdentity', () => {
  it('is the reader role name', () => {
    expect(sourceIdentity(stage)).toBe(stage.roles.readerRoleName);
  });

  it("pads a one-character role name to SourceIdentity's 2-character minimum", () => {
    expect(sourceIdentity({ ...stage, roles: { ...stage.roles, readerRoleName: 'r' } })).toBe('r-reader');
  });
});

describe('readerEnvFromStage', () => {
  it('sets the sort key variables only for a table with a sort key', () => {
    const withSortKey = { ...stage, table: { ...stage.table, sortKey: { name: 'ts', type: 'N' as const } } };
    expect(readerEnvFromStage(withSortKey)).toMatchObject({ SORT_KEY_NAME: 'ts', SORT_KEY_TYPE: 'N' });
    expect(readerEnvFromStage({ ...stage, table: { ...stage.table, sortKey: undefined } })).not.toHaveProperty(
      'SORT_KEY_NAME',
    );
  });
});
