import { describe, expect, it } from 'vitest';
import { parseInfraArgs } from './parse-infra-args';

describe('parseInfraArgs', () => {
  it('defaults the stage to local and passes nothing to CDK', () => {
    expect(parseInfraArgs(['deploy', '--app', 'target-infra'])).toEqual({
      action: 'deploy',
      app: 'target-infra',
      stage: 'local',
      cdkArgs: [],
    });
  });

  it('accepts --name value and --name=value', () => {
    expect(parseInfraArgs(['destroy', '--app=source-infra', '--stage', 'example'])).toEqual({
      action: 'destroy',
      app: 'source-infra',
      stage: 'example',
      cdkArgs: [],
    });
  });

  it('keeps --require-approval and --no-profile for itself and passes every other argument through to CDK, in order', () => {
    // What Nx forwards for `nx deploy target-infra --stage example --require-approval broadening --tags a=b`.
    expect(
      parseInfraArgs([
        'deploy',
        '--app',
        'target-infra',
        '--stage',
        'example',
        '--require-approval',
        'broadening',
        '--tags',
        'a=b',
        '--method=prepare-change-set',
        '--no-profile',
      ]),
    ).toEqual({
      action: 'deploy',
      app: 'target-infra',
      stage: 'example',
      requireApproval: 'broadening',
      noProfile: true,
      cdkArgs: ['--tags', 'a=b', '--method=prepare-change-set'],
    });
  });

  it('passes everything after a literal -- to CDK, even names the runner knows', () => {
    expect(parseInfraArgs(['diff', '--app', 'target-infra', '--', '--context-lines', '5', '--stage', 'x'])).toEqual({
      action: 'diff',
      app: 'target-infra',
      stage: 'local',
      cdkArgs: ['--context-lines', '5', '--stage', 'x'],
    });
  });

  it.each([
    [['depoy', '--app', 'target-infra'], /unknown action "depoy": expected deploy, diff or destroy/],
    [[], /unknown action "": expected deploy, diff or destroy/],
    [['diff'], /--app must be target-infra or source-infra, got ""/],
    [['diff', '--app', 'reader'], /--app must be target-infra or source-infra, got "reader"/],
    [['diff', '--app', 'target-infra', '--stage'], /--stage needs a value/],
    [['diff', '--app', 'target-infra', '--stage', '--tags'], /--stage needs a value/],
    [['deploy', '--app', 'target-infra', '--stage', 'a', '--stage=b'], /--stage given twice \(a and b\)/],
    [
      ['deploy', '--app', 'target-infra', '--require-approval', 'always'],
      /--require-approval must be one of never, any-change, broadening, destructive, got "always"/,
    ],
    [['destroy', '--app', 'target-infra', '--require-approval=never'], /--require-approval applies to deploy only/],
  ])('rejects %j with a USAGE error that says what to fix', (argv, message) => {
    expect(() => parseInfraArgs(argv)).toThrow(
      expect.objectContaining({ code: 'USAGE', message: expect.stringMatching(message) }),
    );
  });
});
