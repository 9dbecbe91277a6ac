import { READ_API_ERROR_CODES } from '@xacct/config';
import { describe, expect, it } from 'vitest';
import { API_ERROR_CLASSES } from '@xacct/reader-client';

describe('typed errors', () => {
  it('one class for every error code of the route table, and none for a code the API never answers', () => {
    expect(Object.keys(API_ERROR_CLASSES).sort()).toEqual(READ_API_ERROR_CODES.map((entry) => entry.code).sort());
  });
});
