import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { DeleteResourcePolicyCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { loadStage, readerRoleArn, stackName, tableArn } from '@xacct/config';
import { runCdkApp } from '@xacct/infra-common';
import { lambdaApiServices, localAssemblies, ReaderStack, type AssemblyStack } from '@xacct/sandbox';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CheckResult } from './check-result';
import { reportSchema } from './report-schema';
import { runDoctor, type DoctorReport } from './run-doctor';

const ROOT = resolve(import.meta.dirname, '../../..');

/** A sandbox deployed like `npm start` does (both real templates, seeded), optionally broken by `breakIt`. */
async function deployed(
  options: { target?: boolean; targetTemplate?: (t: string) => string; sourceTemplate?: (t: string) => string } = {},
) {
  const stack = await ReaderStack.start();
  const { stage } = stack;
  const { target, source } = localAssemblies(stage);
  const deploy = (side: 'target' | 'source', assembly: typeof target, edit?: (t: string) => string) =>
    stack.sandbox.deploy({
      template: edit === undefined ? assembly.template : JSON.parse(edit(readFileSync(assembly.template, 'utf8'))),
      assemblyDir: assembly.assemblyDir,
      stackName: stackName(stage, side),
      account: stage[side].accountId,
      region: stage[side].region,
    });
  if (options.target !== false) {
    await deploy('target', target, options.targetTemplate);
    await stack.seed();
  }
  await deploy('source', source, options.sourceTemplate);
  return stack;
}

function doctor(stack: ReaderStack, stageName = 'local'): Promise<DoctorReport> {
  return runDoctor({
    stageName,
    stagesDir: join(ROOT, 'config/stages'),
    workspaceRoot: ROOT,
    endpoint: stack.sandbox.endpoint,
    // Local stages reach the sandbox with its admin keys: the aws-profile preflights are never called.
    preflights: { profileAccount: unexpected, apiGatewayLoggingRole: unexpected },
  });
}

function check(report: DoctorReport, id: number): CheckResult {
  const found = report.checks.find((c) => c.id === id);
  if (found === undefined) throw new Error(`no check ${id}`);
  return found;
}

const statuses = (report: DoctorReport) => report.checks.map((c) => c.status).join(' ');

describe('doctor on the sandbox (real templates, deployed like npm start)', () => {
  let stack: ReaderStack | undefined;

  afterEach(async () => {
    await stack?.stop();
    stack = undefined;
  });

  it('passes every check of a healthy pair (9 is for aws stages only)', async () => {
    // Arrange
    stack = await deployed();

    // Act
    const report = await doctor(stack);

    // Assert
    expect(statuses(report)).toBe('pass pass pass pass pass pass pass pass skip');
    expect(report.ok).toBe(true);
    expect(check(report, 8).summary).toMatch(
      /^signed GET http:\/\/127\.0\.0\.1:\d+\/restapis\/[a-z0-9]{10}\/v1\/_user_request_\/items\?limit=1 answered 200$/,
    );
  });

  it('--json prints exactly one JSON document that the schema accepts, and exits 0', async () => {
    // Arrange
    stack = await deployed();

    // Act: the real CLI, asynchronously (the sandbox answering it runs in this process).
    const run = await promisify(execFile)(
      process.execPath,
      [
        '--import',
        'tsx',
        join(ROOT, 'tools/doctor/src/main.ts'),
        '--stage',
        'local',
        '--json',
        '--endpoint',
        stack.sandbox.endpoint,
      ],
      {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 60_000,
        env: { ...process.env, TSX_TSCONFIG_PATH: join(ROOT, 'tools/doctor/tsconfig.json') },
      },
    );

    // Assert
    const report = reportSchema.parse(JSON.parse(run.stdout));
    expect(report.ok).toBe(true);
    expect(report.checks.map((c) => c.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('target not deployed: check 3 fails with `npx nx deploy target-infra --stage local`, the invoke shows TargetAccessDenied', async () => {
    // Arrange
    stack = await deployed({ target: false });

    // Act
    const report = await doctor(stack);

    // Assert
    expect(check(report, 3)).toMatchObject({
      status: 'fail',
      summary: 'xacct-local-target is not deployed',
      // The sandbox listens on a free port, so the fix points the deploy at it.
      fix: `SANDBOX_ENDPOINT=${stack.sandbox.endpoint} npx nx deploy target-infra --stage local`,
    });
    expect(check(report, 4)).toMatchObject({
      status: 'skip',
      summary: 'skipped (the target stack did not pass check 3)',
    });
    expect(check(report, 7)).toMatchObject({
      status: 'fail',
      summary: 'GET /items?limit=1 answered 502 TargetAccessDenied',
    });
    expect(check(report, 7).status === 'fail' && check(report, 7)).toMatchObject({
      fix: expect.stringContaining('npx nx deploy target-infra --stage local'),
    });
    expect(report.ok).toBe(false);
  });

  it('ExternalId changed on the target side only: check 5 names it and the fix redeploys target-infra', async () => {
    // Arrange
    stack = await deployed({
      targetTemplate: (t) => t.replaceAll('local-sandbox-external-id', 'an-older-external-id'),
    });

    // Act
    const report = await doctor(stack);

    // Assert
    expect(check(report, 5)).toMatchObject({
      status: 'fail',
      cause: "the trust's sts:ExternalId differs from the stage's externalId",
      fix: expect.stringContaining('npx nx deploy target-infra --stage local'),
    });
    expect(JSON.stringify(report)).not.toContain('an-older-external-id');
    expect(check(report, 7)).toMatchObject({
      status: 'fail',
      summary: 'GET /items?limit=1 answered 502 TargetAccessDenied',
    });
  });

  it('reader role renamed on the source side: check 3 shows the ReaderRoleArn and redeploys source-infra', async () => {
    // Arrange
    stack = await deployed({ sourceTemplate: (t) => t.replaceAll('xacct-devices-reader', 'xacct-devices-reader-v2') });

    // Act
    const report = await doctor(stack);

    // Assert
    expect(check(report, 3)).toMatchObject({
      status: 'fail',
      summary: 'xacct-local-source outputs differ from the contract',
      cause: expect.stringContaining(
        "ReaderRoleArn is 'arn:aws:iam::111111111111:role/xacct-devices-reader-v2', the contract derives 'arn:aws:iam::111111111111:role/xacct-devices-reader'",
      ),
      fix: `SANDBOX_ENDPOINT=${stack.sandbox.endpoint} npx nx deploy source-infra --stage local`,
    });
    expect(check(report, 6).status).toBe('skip');
  });

  it('table deleted: check 4 fails while the stack still says complete', async () => {
    // Arrange: deleted outside CloudFormation (deletion protection is a template setting the backend does not enforce).
    stack = await deployed();
    const { stage } = stack;
    const backend = stack.sandbox.context.dynamodb;
    await backend.call('DeleteTable', {
      TableName: backend.physicalName(stage.target.accountId, stage.target.region, stage.table.name),
    });

    // Act
    const report = await doctor(stack);

    // Assert
    expect(check(report, 3).status).toBe('pass');
    expect(check(report, 4)).toMatchObject({
      status: 'fail',
      summary: 'table xacct-devices does not exist',
      fix: expect.stringContaining('npx nx deploy target-infra --stage local'),
    });
  });

  it('function env edited by hand: check 6 names the variable and redeploys source-infra', async () => {
    // Arrange
    stack = await deployed();
    const { lambda } = lambdaApiServices(stack.sandbox.context);
    const fn = lambda.get('arn:aws:lambda:us-east-1:111111111111:function:xacct-local-reader');
    if (fn === undefined) throw new Error('reader not deployed');
    fn.update({ ...fn.currentConfig, environment: { ...fn.currentConfig.environment, TABLE_NAME: 'xacct-other' } });

    // Act
    const report = await doctor(stack);

    // Assert
    expect(check(report, 6)).toMatchObject({
      status: 'fail',
      cause: "env TABLE_NAME is 'xacct-other', the contract derives 'xacct-devices'",
      fix: expect.stringContaining('npx nx deploy source-infra --stage local'),
    });
  });

  it('a stack in a failed state: check 3 shows UPDATE_FAILED with the reason', async () => {
    // Arrange: an update whose policy names a role that does not exist fails (and is not rolled back).
    stack = await deployed();
    const broken = {
      Resources: {
        Broken: {
          Type: 'AWS::IAM::Policy',
          Properties: {
            PolicyName: 'broken',
            Roles: ['no-such-role'],
            PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sqs:*', Resource: '*' }] },
          },
        },
      },
    };
    await expect(
      stack.sandbox.deploy({
        template: broken,
        stackName: 'xacct-local-source',
        account: '111111111111',
        region: 'us-east-1',
      }),
    ).rejects.toThrow();

    // Act
    const report = await doctor(stack);

    // Assert
    expect(check(report, 3)).toMatchObject({
      status: 'fail',
      summary: 'xacct-local-source is UPDATE_FAILED',
      cause: expect.stringContaining('no-such-role'),
      fix: expect.stringContaining('npx nx deploy source-infra --stage local'),
    });
  });
});

describe('doctor on the sandbox in resource-policy mode (local-resource-policy, real templates)', () => {
  const STAGE = 'local-resource-policy';
  const stage = loadStage(STAGE, { stagesDir: join(ROOT, 'config/stages') });
  let workDir: string;
  let target: AssemblyStack;
  let source: AssemblyStack;
  let stack: ReaderStack | undefined;

  beforeAll(async () => {
    // dist holds the `local` stage's assemblies; this stage's are synthesized here through the apps' entry points.
    workDir = mkdtempSync(join(tmpdir(), 'doctor-rp-'));
    const synth = async (side: 'target' | 'source'): Promise<AssemblyStack> => {
      const outdir = join(workDir, side);
      const app = `${side}-infra`;
      const { code, stderr } = await runCdkApp({ workspaceRoot: ROOT, app, outdir, context: { stage: STAGE } });
      if (code !== 0) throw new Error(`${app} did not synthesize ${STAGE} (exit ${code}): ${stderr}`);
      return {
        template: join(outdir, `${side === 'target' ? 'Target' : 'Source'}.template.json`),
        assemblyDir: outdir,
      };
    };
    [target, source] = await Promise.all([synth('target'), synth('source')]);
  }, 120_000);

  afterAll(() => rmSync(workDir, { recursive: true, force: true }));

  afterEach(async () => {
    await stack?.stop();
    stack = undefined;
  });

  async function deployedRp(): Promise<ReaderStack> {
    const started = await ReaderStack.start(stage);
    await started.deployTarget(target);
    await started.seed();
    await started.deploySource(source);
    return started;
  }

  it('passes check 5 on the table policy target-infra deployed', async () => {
    // Arrange
    stack = await deployedRp();

    // Act
    const report = await doctor(stack, STAGE);

    // Assert
    expect(statuses(report)).toBe('pass pass pass pass pass pass pass pass skip');
    expect(check(report, 5).summary).toBe(
      `the table policy of xacct-rp-devices admits only ${readerRoleArn(stage)}: GetItem/Query/Scan on the table, Query/Scan on its indexes`,
    );
  });

  it('table policy deleted (DeleteResourcePolicy): check 5 fails with the redeploy, the invoke shows TargetAccessDenied', async () => {
    // Arrange
    stack = await deployedRp();
    const dynamodb = new DynamoDBClient({
      region: stage.target.region,
      endpoint: stack.sandbox.endpoint,
      credentials: stack.sandbox.adminCredentials(stage.target.accountId),
    });
    await dynamodb.send(new DeleteResourcePolicyCommand({ ResourceArn: tableArn(stage) }));
    dynamodb.destroy();

    // Act
    const report = await doctor(stack, STAGE);

    // Assert
    expect(check(report, 5)).toEqual({
      id: 5,
      name: 'access grant (role trust and permissions, table policy)',
      status: 'fail',
      summary: 'table xacct-rp-devices has no resource policy',
      cause: `DynamoDB in 222222222222 has no resource policy on ${tableArn(stage)}, so the reader role ${readerRoleArn(stage)} cannot read it across accounts`,
      fix: `SANDBOX_ENDPOINT=${stack.sandbox.endpoint} npx nx deploy target-infra --stage ${STAGE}   # writes the table policy the stage derives`,
    });
    expect(check(report, 7)).toMatchObject({
      status: 'fail',
      summary: 'GET /items?limit=1 answered 502 TargetAccessDenied',
      fix: expect.stringContaining("the table's resource policy must admit this reader role"),
    });
    expect(report.ok).toBe(false);
  });
});

function unexpected(): never {
  throw new Error('doctor called an aws-stage preflight for a local stage');
}
