/**
 * Settles like `work`, or rejects with an `AbortError` as soon as `signal` fires. The SDK honours the signal for
 * the DynamoDB request itself, but not while it resolves credentials (AssumeRole, with its own retries), so the
 * handler races the whole call against the deadline. A late settlement of `work` is absorbed here.
 */
export function withDeadline<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(Object.assign(new Error('The request deadline was reached'), { name: 'AbortError' }));
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
