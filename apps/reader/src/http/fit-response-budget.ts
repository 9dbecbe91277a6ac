/**
 * Lambda refuses a synchronous response over 6 MB (6,291,456 bytes of the JSON it serializes: the body string,
 * escaped once more, plus status and headers). Items may fill this much; the rest is headroom for the envelope,
 * the headers and a worst-case nextToken.
 */
export const MAX_ITEMS_BYTES = 6 * 1024 * 1024 - 64 * 1024;

/**
 * Whether a serialized body surely fits in the response: its escaped UTF-8 bytes are at most 2 × 3 per UTF-16 code
 * unit (checked first: no byte count for a usual page), or else counted.
 */
export function fitsResponseBudget(json: string, maxBytes = MAX_ITEMS_BYTES): boolean {
  return 6 * json.length <= maxBytes || 2 * Buffer.byteLength(json, 'utf8') <= maxBytes;
}

/**
 * How many of `items` (already in their response format) fit in the response, counted as Lambda will count them:
 * the UTF-8 bytes of each item's JSON plus one more byte for every `"` and `\`, which get escaped again when the
 * body string is embedded in the response. Always at least one: a single item (≤ 400 KB in DynamoDB) always fits.
 */
export function fitResponseBudget(items: readonly unknown[], maxBytes = MAX_ITEMS_BYTES): number {
  let total = 0;
  for (let i = 0; i < items.length; i += 1) {
    const json = JSON.stringify(items[i]);
    total += Buffer.byteLength(json, 'utf8') + countEscaped(json) + 1;
    if (total > maxBytes) return Math.max(i, 1);
  }
  return items.length;
}

function countEscaped(json: string): number {
  let count = 0;
  for (let i = 0; i < json.length; i += 1) {
    const c = json.charCodeAt(i);
    if (c === 34 || c === 92) count += 1;
  }
  return count;
}
