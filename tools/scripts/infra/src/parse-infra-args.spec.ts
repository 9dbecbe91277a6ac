import { describe, expect, it } from 'vitest';
import { parseInfraArgs } from './parse-infra-args';

describe('parseInfraArgs', () => {
  it('defaults the stage to local', () => {
    expect(parseInfraArgs(['deploy', '--app', 'target-infra'])).toEqual({
      action: 'deploy',
      app: 'target-infra',
      stage: 'local',
    });
  });

  it('accepts --name value and --name=value', () => {
    expect(parseInfraArgs(['destroy', '--app=source-infra', '--stage', 'example'])).toEqual({
      action: 'destroy',
      app: 'source-infra',
      stage: 'example',
    });
  });

  it.each([
    [['depoy', '--app', 'target-infra'], /unknown action "depoy": expected deploy, diff or destroy/],
    [[], /unknown action "": expected deploy, diff or destroy/],
    [['diff'], /--app must be target-infra or source-infra, got ""/],
    [['diff', '--app', 'reader'], /--app must be target-infra or source-infra, got "reader"/],
    [['diff', '--app', 'target-infra', '--stage'], /--stage needs a value/],
    [['diff', '--app', 'target-infra', '--profile', 'x'], /unexpected argument "--profile"/],
  ])('rejects %j with a USAGE error that says what to fix', (argv, message) => {
    expect(() => parseInfraArgs(argv)).toThrow(
      expect.objectContaining({ code: 'USAGE', message: expect.stringMatching(message) }),
    );
  });
});
