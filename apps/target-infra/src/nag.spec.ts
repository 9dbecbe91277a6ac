import { App } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadStage, parseStage } from '@xacct/config';
import { buildTargetApp } from './build-target-app';
import { acknowledgements, nagFindings } from '@xacct/infra-common';

describe('cdk-nag on target-infra (AwsSolutions + Serverless)', () => {
  let app: App;
  beforeAll(() => {
    app = new App();
    buildTargetApp(app, loadStage('local'));
  });

  it('reports zero unacknowledged findings', () => {
    expect(nagFindings(app)).toEqual([]);
  });

  it('acknowledges exactly the findings the packs raise, each with a reason', () => {
    const raw = nagFindings(app, { ignoreAcknowledgements: true });
    const acks = acknowledgements(app);
    expect(raw).toEqual(['AwsSolutions-IAM5[Resource::<Table710B521B.Arn>/index/*] @ Target/AccessRole/Role/Resource']);
    expect(acks.map((a) => a.id).sort()).toEqual(raw.map((f) => f.split(' @ ')[0]).sort());
    for (const ack of acks) expect(ack.reason.length).toBeGreaterThan(40);
  });

  it('fails the synth when a finding is not acknowledged', () => {
    const bare = new App();
    const stack = buildTargetApp(bare, loadStage('local'));
    stack.accessRole?.role.addToPrincipalPolicy(new PolicyStatement({ actions: ['dynamodb:*'], resources: ['*'] }));
    expect(() => bare.synth()).toThrow(/AwsSolutions-IAM5\[Action::dynamodb:\*\]/);
  });
});

describe('cdk-nag on target-infra in the other modes', () => {
  const rp = loadStage('local-resource-policy');
  it.each([
    ['resource-policy, AWS owned key', rp],
    [
      'resource-policy, customer managed key',
      parseStage({ ...rp, table: { ...rp.table, encryption: 'customer-managed' } }, 't'),
    ],
    [
      'assume-role, customer managed key',
      parseStage(
        { ...loadStage('local'), table: { ...loadStage('local').table, encryption: 'customer-managed' } },
        't',
      ),
    ],
    ['assume-role, a global secondary index (stage local-history)', loadStage('local-history')],
  ])('%s: zero findings, and none acknowledged beyond the access role index wildcard', (_name, stage) => {
    const app = new App();
    buildTargetApp(app, stage);
    expect(nagFindings(app)).toEqual([]);
    const raw = nagFindings(app, { ignoreAcknowledgements: true });
    expect(raw.every((f) => f.includes('/index/*] @ Target/AccessRole/'))).toBe(true);
  });
});
