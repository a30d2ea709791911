/** The value of a settled promise, or its reason thrown (after Promise.allSettled, to throw in an order of one's own). */
export function settled<T>(result: PromiseSettledResult<T>): T {
  if (result.status === 'rejected') throw result.reason;
  return result.value;
}

/** Resolves once `promise` settles (whichever way: its outcome is the caller's to handle), or after `ms` at most. */
export async function settledWithin(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const waited = promise.then(
    () => undefined,
    () => undefined,
  );
  await Promise.race([waited, new Promise((r) => (timer = setTimeout(r, ms)))]);
  clearTimeout(timer);
}
