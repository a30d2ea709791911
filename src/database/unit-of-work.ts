import { BeforeApplicationShutdown, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { AppException } from '../common/errors/app.exception';
import { mapDatabaseError } from '../common/errors/db-errors';
import { Mutex } from './mutex';
import { collectRevisionBumps, flushRevisionBumps, stopCollectingRevisionBumps } from './cluster-year-revisions';
import { executeRaw } from './raw-sql';

/** SQLite: at most this many writes share one commit (group commit; see UnitOfWork). */
const MAX_WRITES_PER_COMMIT = 32;

type Settle = { resolve(): void; reject(error: unknown): void };

/**
 * The one way to touch the database from services.
 * - write(): a transaction; on SQLite serialised through one lock (one shared connection).
 * - read(): on SQLite under the same lock, so a read never sees another request's uncommitted writes.
 * Constraint failures come out as client errors (409/422), never 500.
 *
 * SQLite group commit: the commit's fsync (synchronous = FULL) is most of a small write's cost, and it blocks the
 * one thread. While other writes wait for the lock, a write's transaction is a savepoint of a batch left open for
 * them, committed when no write waits (or MAX_WRITES_PER_COMMIT have joined), before any read, and at shutdown.
 * Each write answers only once its batch is committed: an acknowledged write is on disk, as before. A write that
 * fails rolls back to its savepoint alone; a commit that fails fails every write of its batch.
 */
@Injectable()
export class UnitOfWork implements BeforeApplicationShutdown {
  private readonly lock = new Mutex();
  readonly isSqlite: boolean;
  /** SQLite: writes waiting for the lock, and the writes of the open batch waiting for its commit. */
  private writesWaiting = 0;
  private batch: Settle[] = [];

  constructor(@InjectDataSource() readonly dataSource: DataSource) {
    this.isSqlite = dataSource.options.type === 'better-sqlite3';
  }

  async write<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const run = () =>
      this.dataSource.transaction(async (m) => {
        collectRevisionBumps(m);
        try {
          const result = await work(m);
          await flushRevisionBumps(m);
          return result;
        } finally {
          // better-sqlite3 shares one query runner: nothing collected may outlive this transaction.
          stopCollectingRevisionBumps(m);
        }
      });
    try {
      return this.isSqlite ? await this.batched(run) : await run();
    } catch (error) {
      throw mapDatabaseError(error) ?? error;
    }
  }

  async read<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const run = () => work(this.dataSource.manager);
    return this.isSqlite ? this.lock.run(() => this.commitBatch().then(run)) : run();
  }

  /** The last batch is committed before the database closes. */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.isSqlite) await this.lock.run(() => this.commitBatch());
  }

  /** SQLite: runs `run` (a transaction) as a savepoint of the open batch; settles after the batch's commit. */
  private async batched<T>(run: () => Promise<T>): Promise<T> {
    this.writesWaiting++;
    let result!: T;
    const committed = new Promise<void>((resolve, reject) => {
      void this.lock
        .run(async () => {
          this.writesWaiting--;
          const runner = this.dataSource.createQueryRunner();
          if (!runner.isTransactionActive) await runner.startTransaction();
          try {
            result = await run();
          } catch (error) {
            reject(error);
            if (!this.nativeTransaction()) this.batchLost(error);
            else if (this.writesWaiting === 0) await this.commitBatch();
            return;
          }
          this.batch.push({ resolve, reject });
          if (this.writesWaiting === 0 || this.batch.length >= MAX_WRITES_PER_COMMIT) await this.commitBatch();
        })
        .catch(reject);
    });
    await committed;
    return result;
  }

  /** SQLite: whether the connection is inside a transaction (SQLite itself ends one on some errors). */
  private nativeTransaction(): boolean {
    return !!(this.dataSource.driver as unknown as { databaseConnection?: { inTransaction: boolean } }).databaseConnection?.inTransaction;
  }

  /** SQLite ended the batch's transaction itself (after an I/O error, say): its writes are lost, and fail. */
  private batchLost(error: unknown): void {
    const runner = this.dataSource.createQueryRunner() as unknown as { isTransactionActive: boolean; transactionDepth: number };
    runner.isTransactionActive = false;
    runner.transactionDepth = 0;
    for (const s of this.batch.splice(0)) s.reject(error);
  }

  /** SQLite, under the lock: commits the open batch (if any), then settles its writes. */
  private async commitBatch(): Promise<void> {
    const runner = this.dataSource.createQueryRunner();
    if (!runner.isTransactionActive) return;
    const settled = this.batch;
    this.batch = [];
    try {
      await runner.commitTransaction();
    } catch (error) {
      if (this.nativeTransaction()) await runner.rollbackTransaction().catch(() => undefined);
      this.batch = settled;
      this.batchLost(error);
      return;
    }
    for (const s of settled) s.resolve();
  }
}

/**
 * The version check alone, where a request's version must be checked before its content (a stale request answers
 * 409 before any 422) or where the write is not one row's update (a delete, a set of rows): the row's update still
 * goes through updateVersioned, which checks again, atomically.
 */
export function requireVersion(current: number, expected: number | undefined, staleError: (current: number) => AppException = (v) => AppException.stale(v)): void {
  if (expected !== current) throw staleError(current);
}

/**
 * The one optimistic update: changes the row `current` (matched by its primary key) only if its version is
 * still `expectedVersion`, bumping the version. A version the client read earlier than `current` answers 409
 * at once, writing nothing; a concurrent change answers 409 with the version now stored; a row gone, 404.
 * Answers the row as written (no read back).
 */
export async function updateVersioned<E extends ObjectLiteral & { version: number }>(
  manager: EntityManager,
  target: EntityTarget<E>,
  current: E,
  expectedVersion: number,
  changes: Partial<E>,
  what: string,
  staleError: (currentVersion: number) => AppException = (v) => AppException.stale(v),
): Promise<E> {
  if (expectedVersion !== current.version) throw staleError(current.version);
  // One prepared statement (built from the entity's metadata): this runs on every save of a score sheet.
  const meta = manager.connection.getMetadata(target);
  const column = (property: string) => meta.findColumnWithPropertyName(property)!.databaseName;
  const keys = meta.primaryColumns.map((c) => c.propertyName);
  const sets = Object.keys(changes).filter((k) => (changes as Record<string, unknown>)[k] !== undefined && k !== 'version');
  const sql = `UPDATE "${meta.tableName}" SET ${[...sets.map((k) => `"${column(k)}" = ?`), 'version = version + 1'].join(', ')} WHERE ${keys.map((k) => `"${column(k)}" = ?`).join(' AND ')} AND version = ?`;
  const params = [...sets.map((k) => (changes as Record<string, unknown>)[k]), ...keys.map((k) => current[k]), expectedVersion];
  if ((await executeRaw(manager, sql, params)) !== 1) {
    const now = await manager.findOne(target, { where: Object.fromEntries(keys.map((k) => [k, current[k]])) as never });
    if (!now) throw AppException.notFound(what);
    throw staleError(now.version);
  }
  return { ...current, ...changes, version: expectedVersion + 1 };
}
