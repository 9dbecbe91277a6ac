import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../../../..');

async function infra(
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(
      resolve(root, 'node_modules/.bin/tsx'),
      [
        '--tsconfig',
        resolve(root, 'tools/scripts/infra/tsconfig.json'),
        resolve(root, 'tools/scripts/infra/src/main.ts'),
        ...args,
      ],
      { cwd: options.cwd ?? root, env: options.env ?? process.env },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('infra runner (main.ts)', () => {
  it('exits 1 with the usage line on a bad action, without a stack trace', async () => {
    const result = await infra(['depoy', '--app', 'target-infra']);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('infra: unknown action "depoy": expected deploy, diff or destroy');
    expect(result.stderr).toContain('usage: tsx tools/scripts/infra/src/main.ts <deploy|diff|destroy>');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 1 naming the missing stage file and the available stages', async () => {
    const result = await infra(['deploy', '--app', 'source-infra', '--stage', 'nope']);

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/infra: .*config\/stages\/nope\.json: no such stage file.*available: .*local/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('with CI=true and no credentials prints the exact cdk deploy command, then fails fast naming the profile', async () => {
    // A workspace of its own (stages + the part of the assembly the runner reads), so dist/ of this checkout is untouched.
    const workspace = mkdtempSync(join(tmpdir(), 'infra-nocreds-'));
    try {
      writeFileSync(join(workspace, 'nx.json'), '{}');
      cpSync(join(root, 'config/stages'), join(workspace, 'config/stages'), { recursive: true });
      const assembly = join(workspace, 'dist/apps/target-infra/cdk.out');
      mkdirSync(assembly, { recursive: true });
      writeFileSync(
        join(assembly, 'manifest.json'),
        JSON.stringify({
          version: '55.0.0',
          artifacts: {
            Target: {
              type: 'aws:cloudformation:stack',
              environment: 'aws://210987654321/eu-west-1',
              displayName: 'Target',
              properties: { templateFile: 'Target.template.json', stackName: 'xacct-example-target' },
            },
          },
        }),
      );
      const env: NodeJS.ProcessEnv = {
        PATH: process.env['PATH'],
        HOME: workspace,
        CI: 'true',
        AWS_CONFIG_FILE: join(workspace, 'no-aws-config'),
        AWS_SHARED_CREDENTIALS_FILE: join(workspace, 'no-aws-credentials'),
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      };
      const started = Date.now();

      const result = await infra(['deploy', '--app', 'target-infra', '--stage', 'example'], { cwd: workspace, env });

      expect(result.code).toBe(1);
      expect(result.stdout).toContain(
        'target-infra: deploy (stage example, kind aws): npx cdk deploy Target --app dist/apps/target-infra/cdk.out --no-notices --profile target-admin --require-approval never --import-existing-resources --outputs-file dist/apps/target-infra/outputs.example.json\n',
      );
      expect(result.stderr).toContain(
        'infra: target-infra (target side of stage example): profile "target-admin" has no usable credentials for account 210987654321',
      );
      expect(result.stderr).toContain('`aws configure sso --profile target-admin`');
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(Date.now() - started).toBeLessThan(30_000);
    } finally {
      rmSync(workspace, { recursive: true, force: true });
    }
  });

  it('gives each side a deploy-only and destroy-only target without the cross-account task dependencies', async () => {
    const targets = async (project: string): Promise<Record<string, { dependsOn?: unknown[] }>> => {
      const shown = await run(resolve(root, 'node_modules/.bin/nx'), ['show', 'project', project, '--json'], {
        cwd: root,
        env: { ...process.env, NX_DAEMON: 'false' },
      });
      return (JSON.parse(shown.stdout) as { targets: Record<string, { dependsOn?: unknown[] }> }).targets;
    };
    const [source, target] = await Promise.all([targets('source-infra'), targets('target-infra')]);
    const otherProjects = (deps: unknown[] | undefined): unknown[] =>
      (deps ?? []).filter((d) => typeof d === 'object' && d !== null && 'projects' in d);

    // The one-operator commands keep their order; the split-team ones never run the other side's task.
    expect(otherProjects(source['deploy']?.dependsOn)).toEqual([
      expect.objectContaining({ projects: ['target-infra'] }),
    ]);
    expect(otherProjects(target['destroy']?.dependsOn)).toEqual([
      expect.objectContaining({ projects: ['source-infra'] }),
    ]);
    for (const t of [source['deploy-only'], source['destroy-only'], target['deploy-only'], target['destroy-only']]) {
      expect(t?.dependsOn).toEqual([{ target: 'synth', params: 'forward' }]);
    }
  });
});
