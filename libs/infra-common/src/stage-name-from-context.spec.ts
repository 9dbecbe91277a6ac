import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { stageNameFromContext } from './stage-name-from-context';

describe('stageNameFromContext', () => {
  it('reads the `stage` context (-c stage=<name>)', () => {
    expect(stageNameFromContext(new App({ context: { stage: 'prod' } }))).toBe('prod');
  });

  it.each([[{}], [{ stage: '' }], [{ stage: 42 }]])('falls back to local for %j', (context) => {
    expect(stageNameFromContext(new App({ context }))).toBe('local');
  });
});
