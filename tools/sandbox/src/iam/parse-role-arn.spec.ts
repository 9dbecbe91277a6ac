import { describe, expect, it } from 'vitest';
import { parseRoleArn } from './parse-role-arn';

describe('parseRoleArn', () => {
  it('reads account and name, with or without a path, in any partition', () => {
    // Act
    const plain = parseRoleArn('arn:aws:iam::111111111111:role/reader');
    const pathed = parseRoleArn('arn:aws-cn:iam::111111111111:role/team/a/reader+x=1,y.z@w-v');
    // Assert
    expect(plain).toEqual({ accountId: '111111111111', roleName: 'reader' });
    expect(pathed).toEqual({ accountId: '111111111111', roleName: 'reader+x=1,y.z@w-v' });
  });

  it('is undefined for users, account roots, other services, short account ids and empty or invalid names', () => {
    // Act
    const results = [
      'arn:aws:iam::111111111111:user/alice',
      'arn:aws:iam::111111111111:root',
      'arn:aws:sts::111111111111:assumed-role/reader/s',
      'arn:aws:iam::1111:role/reader',
      'arn:aws:iam::111111111111:role/',
      'arn:aws:iam::111111111111:role/bad name',
      '*',
    ].map(parseRoleArn);
    // Assert
    expect(results).toEqual(Array(7).fill(undefined));
  });
});
