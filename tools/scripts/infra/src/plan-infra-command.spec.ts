import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadStage, parseStage, type Stage } from '@xacct/config';
import { planInfraCommand, type PlanInfraCommandInput } from './plan-infra-command';

const local = loadStage('local');
const example = loadStage('example');

/** Writes the part of a cloud assembly manifest the runner reads: one stack artifact. */
function writeAssembly(root: string, app: string, id: string, stackName: string, environment: string): void {
  const dir = join(root, 'dist/apps', app, 'cdk.out');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify({
      version: '55.0.0',
      artifacts: {
        [id]: {
          type: 'aws:cloudformation:stack',
          environment,
          displayName: id,
          properties: { templateFile: `${id}.template.json`, stackName },
        },
        Tree: { type: 'cdk:tree' },
      },
    }),
  );
}

describe('planInfraCommand', () => {
  let root: string;
  const input = (over: Partial<PlanInfraCommandInput>): PlanInfraCommandInput => ({
    action: 'deploy',
    app: 'target-infra',
    stage: local,
    workspaceRoot: root,
    sandboxCliExists: true,
    interactive: false,
    ...over,
  });

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'infra-plan-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  describe('stage of kind aws', () => {
    it("deploys the synthesized assembly with the CDK CLI and the target side's profile", () => {
      writeAssembly(root, 'target-infra', 'Target', 'xacct-example-target', 'aws://210987654321/eu-west-1');

      expect(planInfraCommand(input({ stage: example }))).toEqual({
        kind: 'run',
        command: 'npx',
        args: [
          'cdk',
          'deploy',
          'Target',
          '--app',
          'dist/apps/target-infra/cdk.out',
          '--no-notices',
          '--profile',
          'target-admin',
          '--require-approval',
          'never',
          '--import-existing-resources',
          '--outputs-file',
          'dist/apps/target-infra/outputs.example.json',
        ],
      });
    });

    describe('--require-approval', () => {
      const approval = (over: Partial<PlanInfraCommandInput>): string | undefined => {
        writeAssembly(root, 'source-infra', 'Source', 'xacct-example-source', 'aws://123456789012/eu-west-1');
        const plan = planInfraCommand(input({ stage: example, app: 'source-infra', ...over }));
        const args = plan.kind === 'run' ? plan.args : [];
        const at = args.indexOf('--require-approval');
        return at < 0 ? undefined : args[at + 1];
      };
      const withApproval = (requireApproval: 'any-change' | 'never'): Stage =>
        parseStage({ ...example, deploy: { requireApproval } }, 'test');

      it('is never in CI or without a TTY, so CDK does not fail with TtyNotAttached', () => {
        expect(approval({ interactive: false })).toBe('never');
      });
      it("is CDK's own broadening prompt at a terminal", () => {
        expect(approval({ interactive: true })).toBe('broadening');
      });
      it('follows the stage file over both defaults', () => {
        expect(approval({ interactive: false, stage: withApproval('any-change') })).toBe('any-change');
        expect(approval({ interactive: true, stage: withApproval('never') })).toBe('never');
      });
      it('follows the command line over the stage file', () => {
        expect(approval({ stage: withApproval('any-change'), requireApproval: 'broadening' })).toBe('broadening');
      });
      it('is not passed to diff or destroy', () => {
        expect(approval({ action: 'diff' })).toBeUndefined();
        expect(approval({ action: 'destroy' })).toBeUndefined();
      });
    });

    it('deploys source-infra with the source profile only, without --import-existing-resources, extra CDK flags last', () => {
      writeAssembly(root, 'source-infra', 'Source', 'xacct-example-source', 'aws://123456789012/eu-west-1');
      const plan = planInfraCommand(
        input({
          stage: example,
          app: 'source-infra',
          interactive: true,
          cdkArgs: ['--method=prepare-change-set', '--tags', 'team=data', '--role-arn', 'arn:aws:iam::1:role/cfn'],
        }),
      );
      expect(plan).toEqual({
        kind: 'run',
        command: 'npx',
        args: [
          'cdk',
          'deploy',
          'Source',
          '--app',
          'dist/apps/source-infra/cdk.out',
          '--no-notices',
          '--profile',
          'source-admin',
          '--require-approval',
          'broadening',
          '--outputs-file',
          'dist/apps/source-infra/outputs.example.json',
          '--method=prepare-change-set',
          '--tags',
          'team=data',
          '--role-arn',
          'arn:aws:iam::1:role/cfn',
        ],
      });
    });

    it.each([['--hotswap'], ['--hotswap-fallback'], ['--hotswap=true']])('refuses %s for an aws stage', (flag) => {
      writeAssembly(root, 'source-infra', 'Source', 'xacct-example-source', 'aws://123456789012/eu-west-1');
      expect(() => planInfraCommand(input({ stage: example, app: 'source-infra', cdkArgs: [flag] }))).toThrow(
        expect.objectContaining({
          code: 'USAGE',
          message: expect.stringMatching(/^--hotswap(-fallback)? is refused for stage example \(kind "aws"\)/),
        }),
      );
    });

    it.each([
      ['--profile', 'the profile comes from the stage file'],
      ['-a', 'the runner deploys the assembly Nx synthesized'],
      ['--require-approval=never', 'write it before `--`'],
    ])('refuses %s passed through, since the runner sets it', (flag, why) => {
      writeAssembly(root, 'target-infra', 'Target', 'xacct-example-target', 'aws://210987654321/eu-west-1');
      expect(() => planInfraCommand(input({ stage: example, cdkArgs: [flag, 'x'] }))).toThrow(
        expect.objectContaining({ code: 'USAGE', message: expect.stringContaining(why) }),
      );
    });

    it("uses the source side's profile for source-infra, and --force for destroy", () => {
      writeAssembly(root, 'source-infra', 'Source', 'xacct-example-source', 'aws://123456789012/eu-west-1');

      expect(planInfraCommand(input({ stage: example, app: 'source-infra', action: 'destroy' }))).toEqual({
        kind: 'run',
        command: 'npx',
        args: [
          'cdk',
          'destroy',
          'Source',
          '--app',
          'dist/apps/source-infra/cdk.out',
          '--no-notices',
          '--profile',
          'source-admin',
          '--force',
        ],
      });
    });

    it('leaves out --profile when the stage names none (default credential chain)', () => {
      const noProfile: Stage = parseStage(
        { ...example, target: { accountId: '210987654321', region: 'eu-west-1' } },
        'test',
      );
      writeAssembly(root, 'target-infra', 'Target', 'xacct-example-target', 'aws://210987654321/eu-west-1');

      const plan = planInfraCommand(input({ stage: noProfile, action: 'diff' }));

      expect(plan).toEqual({
        kind: 'run',
        command: 'npx',
        args: ['cdk', 'diff', 'Target', '--app', 'dist/apps/target-infra/cdk.out', '--no-notices'],
      });
    });

    it('leaves out --profile with --no-profile (credentials from the environment, as in the deploy workflow)', () => {
      writeAssembly(root, 'target-infra', 'Target', 'xacct-example-target', 'aws://210987654321/eu-west-1');
      const plan = planInfraCommand(input({ stage: example, noProfile: true }));
      expect(plan.kind === 'run' && plan.args).not.toContain('--profile');
    });

    it('refuses an assembly synthesized for another stage, naming the synth command', () => {
      writeAssembly(root, 'target-infra', 'Target', 'xacct-local-target', 'aws://222222222222/us-east-1');

      expect(() => planInfraCommand(input({ stage: example }))).toThrow(
        expect.objectContaining({
          code: 'STACK_NOT_IN_ASSEMBLY',
          message: expect.stringContaining(
            'holds xacct-local-target, not xacct-example-target: it was synthesized for another stage; run `npx nx synth target-infra --stage=example`',
          ),
        }),
      );
    });

    it('refuses an assembly whose account or region differs from the stage file', () => {
      writeAssembly(root, 'target-infra', 'Target', 'xacct-example-target', 'aws://999999999999/eu-west-1');

      expect(() => planInfraCommand(input({ stage: example }))).toThrow(
        expect.objectContaining({
          code: 'STACK_NOT_IN_ASSEMBLY',
          message: expect.stringContaining(
            'synthesized for aws://999999999999/eu-west-1, but stage example says aws://210987654321/eu-west-1',
          ),
        }),
      );
    });

    it('says to synth first when there is no assembly', () => {
      expect(() => planInfraCommand(input({ stage: example }))).toThrow(
        expect.objectContaining({
          code: 'ASSEMBLY_MISSING',
          message: expect.stringContaining('run `npx nx synth target-infra --stage=example` first'),
        }),
      );
    });
  });

  describe('stage of kind local', () => {
    it('hands the synthesized template and assembly to the sandbox CLI', () => {
      writeAssembly(root, 'source-infra', 'Source', 'xacct-local-source', 'aws://111111111111/us-east-1');

      expect(planInfraCommand(input({ app: 'source-infra' }))).toEqual({
        kind: 'run',
        command: 'npx',
        args: [
          'tsx',
          '--tsconfig',
          'tools/sandbox/tsconfig.json',
          'tools/sandbox/src/cli.ts',
          'deploy',
          '--template',
          'dist/apps/source-infra/cdk.out/Source.template.json',
          '--assembly',
          'dist/apps/source-infra/cdk.out',
          '--stack-name',
          'xacct-local-source',
          '--account',
          '111111111111',
          '--region',
          'us-east-1',
        ],
      });
    });

    it('destroys by stack name without needing an assembly', () => {
      expect(planInfraCommand(input({ action: 'destroy' }))).toEqual({
        kind: 'run',
        command: 'npx',
        args: [
          'tsx',
          '--tsconfig',
          'tools/sandbox/tsconfig.json',
          'tools/sandbox/src/cli.ts',
          'destroy',
          '--stack-name',
          'xacct-local-target',
          '--account',
          '222222222222',
          '--region',
          'us-east-1',
        ],
      });
    });

    it('refuses CDK flags, pointing at the Nx `--` trap that silently selects the local stage', () => {
      writeAssembly(root, 'target-infra', 'Target', 'xacct-local-target', 'aws://222222222222/us-east-1');
      expect(() => planInfraCommand(input({ cdkArgs: ['--tags', 'a=b'] }))).toThrow(
        expect.objectContaining({
          code: 'USAGE',
          message: expect.stringContaining(
            'stage local is kind "local" (the offline sandbox), so CDK flags do not apply: --tags a=b. Meant another stage? Nx drops the options written before a `--`',
          ),
        }),
      );
    });

    it('has nothing to diff and says so', () => {
      writeAssembly(root, 'target-infra', 'Target', 'xacct-local-target', 'aws://222222222222/us-east-1');

      expect(planInfraCommand(input({ action: 'diff' }))).toEqual({
        kind: 'message',
        message: expect.stringContaining(
          'is kind "local": the sandbox applies whole templates, so there is nothing to diff',
        ),
      });
    });

    it('fails with SANDBOX_MISSING when the sandbox CLI is not in the checkout', () => {
      writeAssembly(root, 'target-infra', 'Target', 'xacct-local-target', 'aws://222222222222/us-east-1');

      expect(() => planInfraCommand(input({ sandboxCliExists: false }))).toThrow(
        expect.objectContaining({
          code: 'SANDBOX_MISSING',
          message: expect.stringContaining('tools/sandbox/src/cli.ts does not exist in this checkout'),
        }),
      );
    });
  });
});
