import type { ReadApiParameter } from '@xacct/config';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { InvalidRequestError } from '../errors';
import { describeInput } from './describe-input';
import { readQuery } from './read-query';

/** A route's query parameters, checked against their declaration in READ_API_ROUTES. */
export interface RouteParameters {
  /** The names the caller gave, sorted. */
  readonly given: readonly string[];
  /** The caller's text, or the declared default. */
  string(name: string): string | undefined;
  integer(name: string): number | undefined;
  boolean(name: string): boolean | undefined;
}

/**
 * Reads a route's query parameters as READ_API_ROUTES declares them: unknown or repeated ones are 400s (so typos
 * surface), `sortKeyOnly` ones exist only when `hasSortKey`, and each value is checked against its type, `enum` and
 * bounds with a message naming the parameter. Meaning (key types, tokens, combinations) is the route's to check.
 */
export function readParameters(
  event: APIGatewayProxyEvent,
  declared: readonly ReadApiParameter[],
  hasSortKey: boolean,
): RouteParameters {
  const parameters = declared.filter((parameter) => hasSortKey || !parameter.sortKeyOnly);
  const raw = readQuery(
    event,
    parameters.map((parameter) => parameter.name),
  );
  for (const parameter of parameters) {
    const value = raw[parameter.name];
    if (value !== undefined) check(parameter, value);
  }
  const text = (name: string): string | undefined => {
    const fallback = parameters.find((parameter) => parameter.name === name)?.default;
    return raw[name] ?? (fallback === undefined ? undefined : String(fallback));
  };
  return {
    given: Object.keys(raw),
    string: text,
    integer: (name) => {
      const value = text(name);
      return value === undefined ? undefined : Number(value);
    },
    boolean: (name) => {
      const value = text(name);
      return value === undefined ? undefined : value === 'true';
    },
  };
}

function check(parameter: ReadApiParameter, value: string): void {
  if (parameter.enum && !parameter.enum.includes(value)) {
    const choices = parameter.enum.map((choice) =>
      choice === String(parameter.default) ? `"${choice}" (the default)` : `"${choice}"`,
    );
    const listed = `${choices.slice(0, -1).join(', ')} or ${choices.at(-1)}`;
    throw new InvalidRequestError(parameter.name, `must be ${listed}, got ${describeInput(value)}`);
  }
  if (parameter.type === 'integer') {
    const min = parameter.minimum ?? 0;
    const max = parameter.maximum ?? Number.MAX_SAFE_INTEGER;
    // Plain digits only: no signs, exponents, decimals, spaces or leading zeros.
    const number = /^(0|[1-9]\d{0,15})$/.test(value) ? Number(value) : NaN;
    if (!(number >= min && number <= max)) {
      throw new InvalidRequestError(
        parameter.name,
        `must be a whole number from ${min} to ${max}, got ${describeInput(value)}`,
      );
    }
  }
}
