/** The value of a settled promise, or its reason thrown (after Promise.allSettled, to throw in an order of one's own). */
export function settled<T>(result: PromiseSettledResult<T>): T {
  if (result.status === 'rejected') throw result.reason;
  return result.value;
}
