let tail: Promise<unknown> = Promise.resolve();

/** Runs stack operations one at a time (a deploy never interleaves with another deploy or destroy). */
export function runExclusive<T>(operation: () => Promise<T>): Promise<T> {
  const run = tail.then(operation, operation);
  tail = run.catch(() => undefined);
  return run;
}
