import { BeforeApplicationShutdown, Injectable, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { AppException } from '../common/errors/app.exception';
import { mapDatabaseError } from '../common/errors/db-errors';
import { CommitGroups, MAX_WRITES_PER_COMMIT } from './commit-groups';
import { Mutex } from './mutex';
import { collectRevisionBumps, flushRevisionBumps, stopCollectingRevisionBumps } from './cluster-year-revisions';
import { CommitTail, RunningTransactions, openLazily, releasePostgres, rollbackPostgres, writeAtCommit } from './postgres-transaction';

/** The open batch of SQLite writes (one transaction), settled by its commit. */
interface Batch {
  committed: Promise<void>;
  resolve(): void;
  reject(error: unknown): void;
  writes: number;
}

function openBatch(): Batch {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const committed = new Promise<void>((ok, fail) => ((resolve = ok), (reject = fail)));
  // Settled before anyone may await it (a batch nobody waits on must not be an unhandled rejection).
  committed.catch(() => undefined);
  return { committed, resolve, reject, writes: 0 };
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

async function capture<T>(run: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    return { ok: false, error };
  }
}

/**
 * The answer of a write or read that ran inside `batch` (if any), once that batch is settled: its value only if the
 * batch committed; its own error either way (an error too may tell what the batch holds, a version say).
 */
async function afterCommit<T>(batch: Batch | null, outcome: Outcome<T>): Promise<T> {
  if (batch) await (outcome.ok ? batch.committed : batch.committed.catch(() => undefined));
  if (!outcome.ok) throw outcome.error;
  return outcome.value;
}

/**
 * The one way to touch the database from services.
 * - write(): a transaction; on SQLite serialised through one lock (one shared connection).
 * - read(): on SQLite under the same lock, so a read never sees a write half done.
 * Constraint failures come out as client errors (409/422), never 500.
 *
 * SQLite group commit: the commit's fsync (synchronous = FULL) is most of a small write's cost, and it blocks the
 * one thread. A write's transaction is a savepoint of a batch (one transaction) left open for the writes that come
 * in the same turn of the event loop; the batch commits at the end of that turn (setImmediate), when
 * MAX_WRITES_PER_COMMIT have joined, and at shutdown. Nothing is told before it is on disk: a write answers once its
 * batch is committed, and a read that ran while a batch was open answers once that batch is committed (it may have
 * seen the batch's writes). A write that fails rolls back to its savepoint alone; a commit that fails fails every
 * write of its batch and every read that saw it.
 */
@Injectable()
export class UnitOfWork implements OnModuleDestroy, BeforeApplicationShutdown {
  private readonly lock = new Mutex();
  readonly isSqlite: boolean;
  /** SQLite: the open batch, and whether its commit is scheduled. */
  private batch: Batch | null = null;
  private commitScheduled = false;
  /** PostgreSQL: what every transaction writes last, with its COMMIT (the audit chain's append). */
  private tail: CommitTail | null = null;
  /** PostgreSQL: the transactions running (onModuleDestroy), and the commits of those ready together, made together. */
  private readonly running = new RunningTransactions();
  private readonly groups = new CommitGroups();

  constructor(@InjectDataSource() readonly dataSource: DataSource) {
    this.isSqlite = dataSource.options.type === 'better-sqlite3';
  }

  /**
   * `deferWrites` (PostgreSQL): the writes the work makes with `writeAtCommit` are sent with the COMMIT, so a work
   * whose every write is such (a sheet's save) is its reads plus one round trip. They change nothing the work could
   * read back before the commit.
   */
  async write<T>(work: (manager: EntityManager) => Promise<T>, options: { deferWrites?: boolean } = {}): Promise<T> {
    try {
      return this.isSqlite ? await this.batched(() => this.sqliteTransaction(work)) : await this.postgresTransaction(work, !!options.deferWrites);
    } catch (error) {
      throw mapDatabaseError(error) ?? error;
    }
  }

  /** PostgreSQL: what each transaction writes last, sent with its COMMIT (registered once, by the audit trail). */
  setCommitTail(tail: CommitTail): void {
    this.tail = tail;
  }

  private sqliteTransaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (m) => {
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
  }

  /**
   * PostgreSQL: the work in a transaction of its own connection, started lazily (before its first write) and
   * committed with its tail in one round trip (postgres-transaction.ts), with others ready too (commit-groups.ts).
   */
  private postgresTransaction<T>(work: (manager: EntityManager) => Promise<T>, deferWrites: boolean): Promise<T> {
    return this.running.track(this.runPostgresTransaction(work, deferWrites));
  }

  private async runPostgresTransaction<T>(work: (manager: EntityManager) => Promise<T>, deferWrites: boolean): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    try {
      openLazily(runner, deferWrites);
      collectRevisionBumps(runner.manager);
      this.tail?.begin(runner.manager);
      const result = await work(runner.manager);
      await this.groups.commit(runner, this.tail);
      return result;
    } catch (error) {
      if (runner.isTransactionActive) await rollbackPostgres(runner);
      throw error;
    } finally {
      await releasePostgres(runner);
    }
  }

  async read<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const run = () => work(this.dataSource.manager);
    if (!this.isSqlite) return run();
    let seen: Batch | null = null;
    const outcome = await this.lock.run(() => {
      seen = this.batch;
      return capture(run);
    });
    return afterCommit(seen, outcome);
  }

  /**
   * Runs `effect` once what the current transaction or read has seen is durable: at once on PostgreSQL or when no
   * SQLite batch is open, after the open batch's commit otherwise, and never if that commit fails. For what outlives
   * the request (a cache entry computed from the data), so that a batch that failed leaves nothing behind.
   */
  whenDurable(effect: () => void): void {
    const batch = this.isSqlite ? this.batch : null;
    if (batch) batch.committed.then(effect, () => undefined);
    else effect();
  }

  /**
   * PostgreSQL, before the shutdown hooks (the audit checkpoint at stop, the pool's close): the write transactions
   * running end, also those of requests whose client went away (the server's drain waits for connections only).
   */
  async onModuleDestroy(): Promise<void> {
    if (!this.isSqlite) await this.running.settle(30_000); // FINISH_TIMEOUT_MS of graceful-stop.ts
  }

  /** SQLite: the last batch is committed before the database closes. */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.isSqlite) await this.lock.run(() => this.commitBatch());
  }

  /** SQLite: runs `run` (a transaction) as a savepoint of the open batch; settles after the batch's commit. */
  private async batched<T>(run: () => Promise<T>): Promise<T> {
    let batch: Batch | null = null;
    const outcome = await this.lock.run(async (): Promise<Outcome<T>> => {
      const runner = this.dataSource.createQueryRunner();
      if (!runner.isTransactionActive) {
        try {
          await runner.startTransaction();
        } catch (error) {
          // TypeORM marks the transaction active before its BEGIN: undo that, or every later write would fail too.
          this.forgetTransaction();
          return { ok: false, error };
        }
        this.batch = openBatch();
      }
      const joined = (batch = this.batch ??= openBatch());
      joined.writes++;
      const result = await capture(run);
      if (!result.ok && !this.nativeTransaction()) this.batchLost(result.error);
      if (joined.writes >= MAX_WRITES_PER_COMMIT) await this.commitBatch();
      else this.scheduleCommit();
      return result;
    });
    return afterCommit(batch, outcome);
  }

  /** SQLite: commits the open batch once the writes of this turn of the event loop have joined it. */
  private scheduleCommit(): void {
    if (this.commitScheduled || !this.batch) return;
    this.commitScheduled = true;
    setImmediate(() => {
      this.commitScheduled = false;
      void this.lock.run(() => this.commitBatch());
    });
  }

  /** SQLite: ROLLBACK on the connection itself, its error ignored (the connection is then as good as it gets). */
  private rawRollback(): void {
    try {
      (this.dataSource.driver as unknown as { databaseConnection: { exec(sql: string): void } }).databaseConnection.exec('ROLLBACK');
    } catch {
      // Nothing more can be done here; the next BEGIN reports what is wrong.
    }
  }

  /** SQLite: whether the connection is inside a transaction (SQLite itself ends one on some errors). */
  private nativeTransaction(): boolean {
    return !!(this.dataSource.driver as unknown as { databaseConnection?: { inTransaction: boolean } }).databaseConnection?.inTransaction;
  }

  /** SQLite ended the batch's transaction itself (after an I/O error, say): its writes are lost, and fail. */
  private batchLost(error: unknown): void {
    this.forgetTransaction();
    this.batch?.reject(error);
    this.batch = null;
  }

  /** TypeORM's shared query runner told that no transaction is open (SQLite's own state is what counts). */
  private forgetTransaction(): void {
    const runner = this.dataSource.createQueryRunner() as unknown as { isTransactionActive: boolean; transactionDepth: number };
    runner.isTransactionActive = false;
    runner.transactionDepth = 0;
  }

  /** SQLite, under the lock: commits the open batch (if any), then settles its writes and the reads that saw it. */
  private async commitBatch(): Promise<void> {
    const batch = this.batch;
    const runner = this.dataSource.createQueryRunner();
    if (!runner.isTransactionActive) {
      this.batch = null;
      batch?.resolve();
      return;
    }
    try {
      await runner.commitTransaction();
    } catch (error) {
      if (this.nativeTransaction()) await runner.rollbackTransaction().catch(() => undefined);
      // A rollback that failed too leaves SQLite inside the transaction: end it directly, or no write could start again.
      if (this.nativeTransaction()) this.rawRollback();
      this.batchLost(error);
      return;
    }
    this.batch = null;
    batch?.resolve();
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
  await writeAtCommit(manager, sql, params, {
    rows: 1,
    row: `${meta.tableName}:${keys.map((k) => String(current[k])).join('|')}`,
    mismatch: async () => {
      const now = await manager.findOne(target, { where: Object.fromEntries(keys.map((k) => [k, current[k]])) as never });
      return now ? staleError(now.version) : AppException.notFound(what);
    },
  });
  return { ...current, ...changes, version: expectedVersion + 1 };
}
