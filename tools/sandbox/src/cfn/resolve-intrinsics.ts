import { TemplateError } from '../errors';
import type { IntrinsicScope } from './intrinsic-scope';
import { NO_VALUE } from './no-value';

/**
 * Resolves every intrinsic function in `value`: Ref, Fn::GetAtt, Fn::Join, Fn::Sub, Fn::Select, Fn::Split, Fn::If,
 * Fn::Equals/Not/And/Or, Condition, Fn::FindInMap, Fn::Base64, Fn::GetAZs, pseudo parameters and AWS::NoValue.
 * @param where the template path, for error messages (`Resources.Table.Properties`).
 * @throws TemplateError naming the path of a broken or unsupported intrinsic.
 */
export function resolveIntrinsics(value: unknown, scope: IntrinsicScope, where: string): unknown {
  if (Array.isArray(value)) {
    return value
      .map((entry, i) => resolveIntrinsics(entry, scope, `${where}[${i}]`))
      .filter((entry) => entry !== NO_VALUE);
  }
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>);
  const [first] = entries;
  if (
    entries.length === 1 &&
    first !== undefined &&
    (first[0] === 'Ref' || first[0].startsWith('Fn::') || first[0] === 'Condition')
  ) {
    return resolveFunction(first[0], first[1], scope, `${where}.${first[0]}`);
  }
  const out: Record<string, unknown> = {};
  for (const [key, entry] of entries) {
    const resolved = resolveIntrinsics(entry, scope, `${where}.${key}`);
    if (resolved !== NO_VALUE) out[key] = resolved;
  }
  return out;
}

function resolveFunction(name: string, arg: unknown, scope: IntrinsicScope, where: string): unknown {
  const resolve = (v: unknown, suffix = '') => resolveIntrinsics(v, scope, `${where}${suffix}`);
  switch (name) {
    case 'Ref': {
      if (typeof arg !== 'string') throw broken(where, 'Ref takes a logical id or parameter name (a string)');
      return ref(arg, scope, where);
    }
    case 'Fn::GetAtt': {
      const parts =
        typeof arg === 'string'
          ? splitOnce(arg)
          : Array.isArray(arg)
            ? arg.map((p, i) => resolve(p, `[${i}]`))
            : undefined;
      if (parts === undefined || parts.length !== 2 || typeof parts[0] !== 'string' || typeof parts[1] !== 'string') {
        throw broken(where, 'Fn::GetAtt takes [logicalId, attribute] or "logicalId.attribute"');
      }
      return scope.getAtt(parts[0], parts[1]);
    }
    case 'Fn::Join': {
      if (!Array.isArray(arg) || arg.length !== 2 || typeof arg[0] !== 'string')
        throw broken(where, 'Fn::Join takes [delimiter, [values]]');
      const list = resolve(arg[1], '[1]');
      if (!Array.isArray(list)) throw broken(where, 'the second argument of Fn::Join must be a list');
      return list.map((item) => stringOf(item, where)).join(arg[0]);
    }
    case 'Fn::Sub':
      return sub(arg, scope, where);
    case 'Fn::Select': {
      if (!Array.isArray(arg) || arg.length !== 2) throw broken(where, 'Fn::Select takes [index, list]');
      const index = Number(resolve(arg[0], '[0]'));
      const list = resolve(arg[1], '[1]');
      if (!Array.isArray(list)) throw broken(where, 'the second argument of Fn::Select must be a list');
      if (!Number.isInteger(index) || index < 0 || index >= list.length) {
        throw broken(where, `index ${String(index)} is out of range for a list of ${list.length}`);
      }
      return list[index];
    }
    case 'Fn::Split': {
      if (!Array.isArray(arg) || arg.length !== 2 || typeof arg[0] !== 'string')
        throw broken(where, 'Fn::Split takes [delimiter, string]');
      return stringOf(resolve(arg[1], '[1]'), where).split(arg[0]);
    }
    case 'Fn::If': {
      if (!Array.isArray(arg) || arg.length !== 3 || typeof arg[0] !== 'string')
        throw broken(where, 'Fn::If takes [condition, valueIfTrue, valueIfFalse]');
      return condition(arg[0], scope, where) ? resolve(arg[1], '[1]') : resolve(arg[2], '[2]');
    }
    case 'Fn::Equals': {
      if (!Array.isArray(arg) || arg.length !== 2) throw broken(where, 'Fn::Equals takes [value1, value2]');
      return JSON.stringify(resolve(arg[0], '[0]')) === JSON.stringify(resolve(arg[1], '[1]'));
    }
    case 'Fn::Not': {
      if (!Array.isArray(arg) || arg.length !== 1) throw broken(where, 'Fn::Not takes [condition]');
      return !(resolve(arg[0], '[0]') as boolean);
    }
    case 'Fn::And':
    case 'Fn::Or': {
      if (!Array.isArray(arg) || arg.length < 2) throw broken(where, `${name} takes a list of 2..10 conditions`);
      const values = arg.map((c, i) => resolve(c, `[${i}]`) === true);
      return name === 'Fn::And' ? values.every(Boolean) : values.some(Boolean);
    }
    case 'Condition': {
      if (typeof arg !== 'string') throw broken(where, 'Condition takes a condition name');
      return condition(arg, scope, where);
    }
    case 'Fn::FindInMap': {
      if (!Array.isArray(arg) || arg.length !== 3) throw broken(where, 'Fn::FindInMap takes [map, topKey, secondKey]');
      const [map, top, second] = arg.map((a, i) => stringOf(resolve(a, `[${i}]`), where));
      const found = (scope.mappings[map ?? ''] as Record<string, Record<string, unknown>> | undefined)?.[top ?? '']?.[
        second ?? ''
      ];
      if (found === undefined) throw broken(where, `no mapping ${map}.${top}.${second}`);
      return found;
    }
    case 'Fn::Base64':
      return Buffer.from(stringOf(resolve(arg), where)).toString('base64');
    case 'Fn::GetAZs': {
      const region = scope.pseudo['AWS::Region'] ?? 'us-east-1';
      return ['a', 'b', 'c'].map((zone) => `${region}${zone}`);
    }
    default:
      throw new TemplateError(
        `${where}: the sandbox does not support the intrinsic ${name} (supported: Ref, Fn::GetAtt, Fn::Join, Fn::Sub, Fn::Select, Fn::Split, Fn::If, Fn::Equals, Fn::Not, Fn::And, Fn::Or, Fn::FindInMap, Fn::Base64, Fn::GetAZs).`,
      );
  }
}

function ref(name: string, scope: IntrinsicScope, where: string): unknown {
  if (name === 'AWS::NoValue') return NO_VALUE;
  if (name.startsWith('AWS::')) {
    const pseudo = scope.pseudo[name];
    if (pseudo === undefined) throw broken(where, `unknown pseudo parameter ${name}`);
    return pseudo;
  }
  if (name in scope.parameters) return scope.parameters[name];
  return scope.ref(name);
}

function condition(name: string, scope: IntrinsicScope, where: string): boolean {
  const value = scope.conditions[name];
  if (value === undefined) throw broken(where, `unknown condition '${name}'`);
  return value;
}

function sub(arg: unknown, scope: IntrinsicScope, where: string): string {
  let text: unknown = arg;
  let variables: Record<string, unknown> = {};
  if (Array.isArray(arg)) {
    if (arg.length !== 2 || typeof arg[0] !== 'string' || arg[1] === null || typeof arg[1] !== 'object') {
      throw broken(where, 'Fn::Sub takes a string or [string, {variables}]');
    }
    text = arg[0];
    variables = resolveIntrinsics(arg[1], scope, `${where}[1]`) as Record<string, unknown>;
  }
  if (typeof text !== 'string') throw broken(where, 'Fn::Sub takes a string or [string, {variables}]');
  return text.replace(/\$\{(!?)([^}]*)\}/g, (_whole, literal: string, name: string) => {
    if (literal === '!') return `\${${name}}`;
    if (name in variables) return stringOf(variables[name], where);
    const dot = name.indexOf('.');
    if (dot !== -1 && !name.startsWith('AWS::'))
      return stringOf(scope.getAtt(name.slice(0, dot), name.slice(dot + 1)), where);
    return stringOf(ref(name, scope, where), where);
  });
}

function splitOnce(value: string): string[] {
  const dot = value.indexOf('.');
  return dot === -1 ? [value] : [value.slice(0, dot), value.slice(dot + 1)];
}

function stringOf(value: unknown, where: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw broken(where, `expected a string, got ${JSON.stringify(value)}`);
}

function broken(where: string, why: string): TemplateError {
  return new TemplateError(`${where}: ${why}.`);
}
