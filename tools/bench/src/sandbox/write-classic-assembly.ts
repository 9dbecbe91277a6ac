import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Stage } from '@xacct/config';
import { classicTemplate } from './classic-template';

export interface ClassicAssemblyInput {
  readonly dir: string;
  readonly stage: Stage;
  readonly classicBundle: string;
  readonly runtime: string;
  readonly memorySize: number;
  readonly timeout: number;
}

const ASSET = 'asset.classic';
const OBJECT_KEY = 'classic.zip';

/**
 * A minimal cloud assembly for the classic baseline: the template, the bundle as a directory asset, and the asset
 * manifest that maps the template's S3 key to that directory (how the sandbox finds Lambda code, as cdk deploy does).
 */
export function writeClassicAssembly(input: ClassicAssemblyInput): { assemblyDir: string; templateFile: string } {
  const { dir, stage } = input;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, ASSET), { recursive: true });
  copyFileSync(input.classicBundle, join(dir, ASSET, 'main.mjs'));
  const templateFile = join(dir, 'Classic.template.json');
  const template = classicTemplate({
    stage,
    assetPath: ASSET,
    objectKey: OBJECT_KEY,
    runtime: input.runtime,
    memorySize: input.memorySize,
    timeout: input.timeout,
  });
  writeFileSync(templateFile, `${JSON.stringify(template, null, 1)}\n`);
  const destination = `${stage.source.accountId}-${stage.source.region}`;
  writeFileSync(
    join(dir, 'Classic.assets.json'),
    `${JSON.stringify(
      {
        version: '55.0.0',
        files: {
          classic: {
            displayName: 'Classic/Function/Code',
            source: { path: ASSET, packaging: 'zip' },
            destinations: {
              [destination]: {
                bucketName: `cdk-hnb659fds-assets-${destination}`,
                objectKey: OBJECT_KEY,
                region: stage.source.region,
              },
            },
          },
        },
        dockerImages: {},
      },
      null,
      1,
    )}\n`,
  );
  return { assemblyDir: dir, templateFile };
}
