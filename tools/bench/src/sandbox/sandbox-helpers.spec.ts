import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadStage } from '@xacct/config';
import { apiOfOutputs } from './api-of-outputs';
import { assemblyStacks } from './assembly-stacks';
import { countCalls } from './count-calls';
import { writeClassicAssembly } from './write-classic-assembly';

const stage = loadStage('local', { stagesDir: join(import.meta.dirname, '../../../../config/stages') });
const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bench-spec-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('countCalls', () => {
  it('counts function AssumeRoles and STS calls (not Lambda execution-role sessions) and every DynamoDB action', () => {
    // Arrange
    const snapshot = {
      sts: { AssumeRole: 2, GetCallerIdentity: 1, AssumeRoleAsService: 5 },
      dynamodb: { Scan: 7, GetItem: 1 },
      lambda: { Invoke: 9 },
    };
    // Act
    const calls = countCalls(snapshot);
    // Assert
    expect(calls).toEqual({ assumeRole: 2, sts: 3, dynamodb: 8 });
  });

  it('is zero for an empty snapshot', () => {
    expect(countCalls({})).toEqual({ assumeRole: 0, sts: 0, dynamodb: 0 });
  });
});

describe('apiOfOutputs', () => {
  it('reads the API id and stage from the CDK ApiUrl output', () => {
    const outputs = { ApiUrl: 'https://abc123defg.execute-api.us-east-1.amazonaws.com/v1/' };
    expect(apiOfOutputs(outputs, 'source')).toEqual({ apiId: 'abc123defg', stageName: 'v1' });
  });

  it('names the stack and the value when the output is missing or malformed', () => {
    expect(() => apiOfOutputs({}, 'xacct-local-source')).toThrowError(
      /stack xacct-local-source has no ApiUrl output.*got ""/,
    );
    expect(() => apiOfOutputs({ ApiUrl: 'http://localhost/' }, 's')).toThrowError(/got "http:\/\/localhost\/"/);
  });
});

describe('assemblyStacks', () => {
  it('lists the CloudFormation stacks of a manifest with account, region and template path', () => {
    // Arrange
    const dir = tempDir();
    writeFileSync(
      join(dir, 'manifest.json'),
      JSON.stringify({
        artifacts: {
          'Target.assets': { type: 'cdk:asset-manifest' },
          Target: {
            type: 'aws:cloudformation:stack',
            environment: 'aws://222222222222/us-east-1',
            properties: { templateFile: 'Target.template.json', stackName: 'xacct-local-target' },
          },
        },
      }),
    );
    // Act
    const stacks = assemblyStacks(dir);
    // Assert
    expect(stacks).toEqual([
      {
        stackName: 'xacct-local-target',
        account: '222222222222',
        region: 'us-east-1',
        templateFile: join(dir, 'Target.template.json'),
        assemblyDir: dir,
      },
    ]);
  });

  it('says to synthesize when there is no manifest, and rejects environment-agnostic stacks', () => {
    const dir = tempDir();
    expect(() => assemblyStacks(dir)).toThrowError(/manifest.json is missing.*nx run-many -t synth/);
    writeFileSync(
      join(dir, 'manifest.json'),
      JSON.stringify({
        artifacts: {
          S: {
            type: 'aws:cloudformation:stack',
            environment: 'aws://unknown-account/unknown-region',
            properties: { templateFile: 't.json' },
          },
        },
      }),
    );
    expect(() => assemblyStacks(dir)).toThrowError(/stack S .* no concrete account\/region/);
  });
});

describe('writeClassicAssembly', () => {
  it('writes the bundle as a directory asset published under the template S3 key, with the reader role and limits', () => {
    // Arrange
    const dir = tempDir();
    const bundle = join(dir, 'bundle.mjs');
    writeFileSync(bundle, 'export const handler = () => 1;');
    // Act
    const assembly = writeClassicAssembly({
      dir: join(dir, 'out'),
      stage,
      classicBundle: bundle,
      runtime: 'nodejs24.x',
      memorySize: 256,
      timeout: 10,
    });
    // Assert
    const template = JSON.parse(readFileSync(assembly.templateFile, 'utf8')) as {
      Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
    };
    const manifest = JSON.parse(readFileSync(join(assembly.assemblyDir, 'Classic.assets.json'), 'utf8')) as {
      files: Record<string, { source: { path: string }; destinations: Record<string, { objectKey: string }> }>;
    };
    const fn = template.Resources['ClassicFunction']!.Properties;
    const asset = Object.values(manifest.files)[0]!;
    expect(fn['Role']).toBe('arn:aws:iam::111111111111:role/xacct-devices-reader');
    expect(fn).toMatchObject({ Runtime: 'nodejs24.x', MemorySize: 256, Timeout: 10, Handler: 'main.handler' });
    expect((fn['Code'] as { S3Key: string }).S3Key).toBe(Object.values(asset.destinations)[0]!.objectKey);
    expect(readFileSync(join(assembly.assemblyDir, asset.source.path, 'main.mjs'), 'utf8')).toContain('handler');
    expect(template.Resources['ClassicItemsGet']!.Properties).toMatchObject({
      HttpMethod: 'GET',
      AuthorizationType: 'AWS_IAM',
    });
  });
});
