import { describe, expect, it } from 'vitest';
import { accessRoleArn } from './access-role-arn';
import { grantsAccess } from './grants-access';
import { parseStage } from './parse-stage';
import { readerRoleArn } from './reader-role-arn';
import { sourceIdentity } from './source-identity';
import { stackName } from './stack-name';
import { tableArn } from './table-arn';
import { tableIndexArnPattern } from './table-index-arn-pattern';

const stageIn = (region: string) =>
  parseStage(
    {
      name: 'p',
      kind: 'aws',
      source: { accountId: '111111111111', region },
      target: { accountId: '222222222222', region },
      table: { name: 'devices', partitionKey: { name: 'id', type: 'S' } },
      roles: { accessRoleName: 'access', readerRoleName: 'reader' },
      externalId: 'ext-0123456789abcdef0123456789abcdef',
    },
    'test',
  );

describe('ARN derivation', () => {
  it.each([
    ['eu-west-1', 'aws'],
    ['cn-north-1', 'aws-cn'],
    ['us-gov-west-1', 'aws-us-gov'],
  ])('uses the partition of %s', (region, partition) => {
    const stage = stageIn(region);
    expect(readerRoleArn(stage)).toBe(`arn:${partition}:iam::111111111111:role/reader`);
    expect(accessRoleArn(stage)).toBe(`arn:${partition}:iam::222222222222:role/access`);
    expect(tableArn(stage)).toBe(`arn:${partition}:dynamodb:${region}:222222222222:table/devices`);
    expect(tableIndexArnPattern(stage)).toBe(`arn:${partition}:dynamodb:${region}:222222222222:table/devices/index/*`);
  });

  it('has no access role ARN for a stage without the assume-role grant', () => {
    const stage = parseStage(
      {
        ...stageIn('eu-west-1'),
        roles: { readerRoleName: 'reader' },
        access: { mode: 'resource-policy' },
        table: { name: 'devices', partitionKey: { name: 'id', type: 'S' } },
      },
      'test',
    );
    expect(() => accessRoleArn(stage)).toThrow(/roles\.accessRoleName is not set/);
    expect(grantsAccess(stage, 'resource-policy')).toBe(true);
    expect(grantsAccess(stage, 'assume-role')).toBe(false);
  });

  it('uses the reader role name as SourceIdentity', () => {
    expect(sourceIdentity(stageIn('eu-west-1'))).toBe('reader');
  });
});

describe('stackName', () => {
  it('names one stack per side and stage', () => {
    const stage = stageIn('eu-west-1');
    expect([stackName(stage, 'target'), stackName(stage, 'source')]).toEqual(['xacct-p-target', 'xacct-p-source']);
  });
});
