import { describe, expect, it } from 'vitest';
import { TemplateError } from '../errors';
import type { IntrinsicScope } from './intrinsic-scope';
import { resolveIntrinsics } from './resolve-intrinsics';

const scope: IntrinsicScope = {
  ref: (id) => {
    if (id === 'Table') return 'devices';
    throw new TemplateError(`Unresolved reference '${id}'`);
  },
  getAtt: (id, attribute) => {
    if (id === 'Table' && attribute === 'Arn') return 'arn:aws:dynamodb:us-east-1:222222222222:table/devices';
    throw new TemplateError(`no ${id}.${attribute}`);
  },
  parameters: { Env: 'local', Names: ['a', 'b'] },
  pseudo: {
    'AWS::AccountId': '222222222222',
    'AWS::Region': 'us-east-1',
    'AWS::Partition': 'aws',
    'AWS::URLSuffix': 'amazonaws.com',
  },
  conditions: { IsLocal: true },
  mappings: { Sizes: { local: { Memory: 256 } } },
};
const resolve = (value: unknown) => resolveIntrinsics(value, scope, 'Test');

describe('resolveIntrinsics', () => {
  it.each([
    ['Ref of a resource', { Ref: 'Table' }, 'devices'],
    ['Ref of a parameter', { Ref: 'Env' }, 'local'],
    ['Ref of a pseudo parameter', { Ref: 'AWS::AccountId' }, '222222222222'],
    [
      'Fn::GetAtt as a list',
      { 'Fn::GetAtt': ['Table', 'Arn'] },
      'arn:aws:dynamodb:us-east-1:222222222222:table/devices',
    ],
    ['Fn::GetAtt as a string', { 'Fn::GetAtt': 'Table.Arn' }, 'arn:aws:dynamodb:us-east-1:222222222222:table/devices'],
    [
      'Fn::Join',
      { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['Table', 'Arn'] }, '/index/*']] },
      'arn:aws:dynamodb:us-east-1:222222222222:table/devices/index/*',
    ],
    [
      'Fn::Sub with pseudo, ref, attribute and literal',
      { 'Fn::Sub': 'arn:${AWS::Partition}:x:${AWS::Region}:${Table}:${Table.Arn}:${!Literal}' },
      'arn:aws:x:us-east-1:devices:arn:aws:dynamodb:us-east-1:222222222222:table/devices:${Literal}',
    ],
    ['Fn::Sub with variables', { 'Fn::Sub': ['${A}-${Env}', { A: { Ref: 'Table' } }] }, 'devices-local'],
    ['Fn::Select of Fn::Split', { 'Fn::Select': [1, { 'Fn::Split': ['/', 'a/b/c'] }] }, 'b'],
    ['Fn::If', { 'Fn::If': ['IsLocal', 'yes', 'no'] }, 'yes'],
    ['Fn::Equals', { 'Fn::Equals': [{ Ref: 'Env' }, 'local'] }, true],
    [
      'Fn::Not / Fn::And / Fn::Or',
      { 'Fn::And': [{ 'Fn::Not': [false] }, { 'Fn::Or': [false, { Condition: 'IsLocal' }] }] },
      true,
    ],
    ['Fn::FindInMap', { 'Fn::FindInMap': ['Sizes', { Ref: 'Env' }, 'Memory'] }, 256],
    ['Fn::Base64', { 'Fn::Base64': 'hi' }, 'aGk='],
  ])('%s', (_name, input, expected) => {
    // Act / Assert
    expect(resolve(input)).toEqual(expected);
  });

  it('removes properties and list entries that are AWS::NoValue', () => {
    // Act
    const result = resolve({
      Keep: 1,
      Drop: { Ref: 'AWS::NoValue' },
      List: ['a', { 'Fn::If': ['IsLocal', { Ref: 'AWS::NoValue' }, 'b'] }],
    });
    // Assert
    expect(result).toEqual({ Keep: 1, List: ['a'] });
  });

  it.each([
    ['an unsupported intrinsic', { 'Fn::ImportValue': 'x' }, /does not support the intrinsic Fn::ImportValue/],
    ['a malformed Fn::Join', { 'Fn::Join': 'x' }, /Fn::Join takes \[delimiter, \[values\]\]/],
    ['an out-of-range Fn::Select', { 'Fn::Select': [5, ['a']] }, /index 5 is out of range/],
    ['an unknown condition', { 'Fn::If': ['Nope', 1, 2] }, /unknown condition 'Nope'/],
    ['an unknown pseudo parameter', { Ref: 'AWS::Nothing' }, /unknown pseudo parameter AWS::Nothing/],
    ['a non-string in Fn::Join', { 'Fn::Join': ['', [{ a: 1 }]] }, /expected a string/],
  ])('rejects %s with a TemplateError naming the path', (_name, input, message) => {
    // Act / Assert
    expect(() => resolveIntrinsics({ Properties: { P: input } }, scope, 'Resources.R')).toThrow(message);
    expect(() => resolveIntrinsics({ Properties: { P: input } }, scope, 'Resources.R')).toThrow(
      /^Resources\.R\.Properties\.P/,
    );
  });
});
