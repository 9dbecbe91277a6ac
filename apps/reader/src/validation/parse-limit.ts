import { InvalidRequestError } from '../errors';
import { describeInput } from './describe-input';

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;

/** `limit`: a plain whole number 1-1000 (no signs, exponents, decimals or leading zeros); absent means 100. */
export function parseLimit(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_LIMIT;
  const value = /^[1-9]\d{0,3}$/.test(raw) ? Number(raw) : NaN;
  if (!(value <= MAX_LIMIT)) {
    throw new InvalidRequestError('limit', `must be a whole number from 1 to ${MAX_LIMIT}, got ${describeInput(raw)}`);
  }
  return value;
}
