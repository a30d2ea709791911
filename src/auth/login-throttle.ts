/**
 * Counts failed logins per key (user name, client address) in a sliding window.
 * After maxFailures inside the window the key is blocked until the oldest failure leaves the window.
 * Successful logins clear the user's count. State is per process (documented in the README).
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly maxFailures: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds until the key may try again, or 0 when it is not blocked. */
  retryAfterSeconds(key: string, limit = this.maxFailures): number {
    const times = this.recent(key);
    if (times.length < limit) return 0;
    const unblockAt = times[times.length - limit] + this.windowMs;
    return Math.max(1, Math.ceil((unblockAt - this.now()) / 1000));
  }

  fail(key: string): void {
    const times = this.recent(key);
    times.push(this.now());
    this.failures.set(key, times);
    if (this.failures.size > 50_000) this.prune();
  }

  clear(key: string): void {
    this.failures.delete(key);
  }

  private recent(key: string): number[] {
    const cutoff = this.now() - this.windowMs;
    return (this.failures.get(key) ?? []).filter((t) => t > cutoff);
  }

  private prune(): void {
    for (const key of [...this.failures.keys()]) {
      if (this.recent(key).length === 0) this.failures.delete(key);
    }
  }
}
