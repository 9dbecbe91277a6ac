import { App } from 'aws-cdk-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadStage, parseStage } from '@xacct/config';
import { buildSourceApp } from './build-source-app';
import { acknowledgements, nagFindings } from '@xacct/infra-common';

describe('cdk-nag on source-infra (AwsSolutions + Serverless)', () => {
  let app: App;
  beforeAll(() => {
    app = new App();
    buildSourceApp(app, loadStage('local'));
  });

  it('reports zero unacknowledged findings', () => {
    expect(nagFindings(app)).toEqual([]);
  });

  it('acknowledges exactly the findings the packs raise, each with a reason', () => {
    const raw = nagFindings(app, { ignoreAcknowledgements: true });
    const acks = acknowledgements(app);

    expect(raw).toEqual([
      'AwsSolutions-APIG3 @ Source/Api/Api/DeploymentStage.v1/Resource',
      'AwsSolutions-COG4 @ Source/Api/Api/Default/indexes/{index}/items/{pk}/GET/Resource',
      'AwsSolutions-COG4 @ Source/Api/Api/Default/items/GET/Resource',
      'AwsSolutions-COG4 @ Source/Api/Api/Default/items/{pk}/GET/Resource',
      'AwsSolutions-IAM5[Resource::*] @ Source/ReaderRole/Role/Resource',
      'Serverless-LambdaDLQ @ Source/Reader/Function/Resource',
      'Serverless-LambdaStarPermissions @ Source/ReaderRole/Role/Resource',
    ]);
    // Each finding is acknowledged on its own resource or an ancestor of it, and no acknowledgement is stale.
    for (const finding of raw) {
      const [id, path] = finding.split(' @ ') as [string, string];
      expect(acks.some((a) => a.id === id && (path === a.path || path.startsWith(`${a.path}/`)))).toBe(true);
    }
    expect(new Set(acks.map((a) => a.id))).toEqual(new Set(raw.map((f) => f.split(' @ ')[0])));
    for (const ack of acks) expect(ack.reason.length).toBeGreaterThan(40);
  });

  it('synthesizes with the validation plugins registered (an unacknowledged error would throw here)', () => {
    expect(() => app.synth()).not.toThrow();
  });
});

describe('cdk-nag on source-infra in resource-policy mode', () => {
  const rp = loadStage('local-resource-policy');
  const cmk = parseStage({ ...rp, table: { ...rp.table, encryption: 'customer-managed' } }, 't');
  const table = 'arn:aws:dynamodb:us-east-1:222222222222:table/xacct-rp-devices';

  it.each([
    ['AWS owned key', rp, [`AwsSolutions-IAM5[Resource::${table}/index/*]`]],
    [
      'customer managed key',
      cmk,
      [
        `AwsSolutions-IAM5[Resource::${table}/index/*]`,
        'AwsSolutions-IAM5[Resource::arn:aws:kms:us-east-1:222222222222:key/*]',
      ],
    ],
  ])('%s: zero findings; the reader role wildcards are acknowledged with reasons', (_name, stage, extra) => {
    const app = new App();
    buildSourceApp(app, stage);
    expect(nagFindings(app)).toEqual([]);
    const raw = nagFindings(app, { ignoreAcknowledgements: true }).filter((f) => f.includes('@ Source/ReaderRole/'));
    expect(raw.map((f) => f.split(' @ ')[0]).sort()).toEqual(
      ['AwsSolutions-IAM5[Resource::*]', 'Serverless-LambdaStarPermissions', ...extra].sort(),
    );
    const acks = acknowledgements(app).filter((a) => a.path.startsWith('Source/ReaderRole'));
    expect(new Set(acks.map((a) => a.id))).toEqual(new Set(raw.map((f) => f.split(' @ ')[0])));
    for (const ack of acks) expect(ack.reason.length).toBeGreaterThan(40);
  });
});
