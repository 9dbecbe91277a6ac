import { randomBytes } from 'node:crypto';

const UPPER_ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A random id made of `alphabet` (AWS ids are uppercase alphanumeric, secrets base62-like). */
export function randomId(length: number, alphabet: 'upper' | 'base62' = 'upper'): string {
  const chars = alphabet === 'upper' ? UPPER_ALPHANUMERIC : BASE62;
  const bytes = randomBytes(length);
  let out = '';
  for (const byte of bytes) out += chars[byte % chars.length];
  return out;
}
