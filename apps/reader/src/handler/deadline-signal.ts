import type { Context } from 'aws-lambda';

/**
 * An AbortSignal that fires `marginMs` before the Lambda times out, so a slow target ends in a clean 504
 * instead of a Lambda timeout. Undefined when the context cannot tell the remaining time.
 */
export function deadlineSignal(context: Context, marginMs: number): AbortSignal | undefined {
  if (typeof context.getRemainingTimeInMillis !== 'function') return undefined;
  return AbortSignal.timeout(Math.max(context.getRemainingTimeInMillis() - marginMs, 0));
}
