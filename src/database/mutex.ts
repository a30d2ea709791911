/**
 * A FIFO async mutex. TypeORM shares one connection for SQLite, so two interleaved transactions
 * would nest or mix their writes; every write transaction (and every consistent read) runs under it.
 */
export class Mutex {
  private tail: Promise<void> = Promise.resolve();
  private waiting = 0;

  async run<T>(task: () => Promise<T>): Promise<T> {
    let release!: () => void;
    const previous = this.tail;
    this.tail = new Promise<void>((resolve) => (release = resolve));
    this.waiting++;
    try {
      await previous;
      return await task();
    } finally {
      this.waiting--;
      release();
    }
  }

  /** Tasks holding or waiting for the lock (for diagnostics and tests). */
  get queueLength(): number {
    return this.waiting;
  }
}
