import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { AppException } from '../common/errors/app.exception';
import { mapDatabaseError } from '../common/errors/db-errors';
import { Mutex } from './mutex';
import { collectRevisionBumps, flushRevisionBumps, stopCollectingRevisionBumps } from './cluster-year-revisions';
import { executeRaw } from './raw-sql';

/**
 * The one way to touch the database from services.
 * - write(): a transaction; on SQLite serialised through one lock (one shared connection).
 * - read(): on SQLite under the same lock, so a read never sees another request's uncommitted writes.
 * Constraint failures come out as client errors (409/422), never 500.
 */
@Injectable()
export class UnitOfWork {
  private readonly lock = new Mutex();
  readonly isSqlite: boolean;

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
      return this.isSqlite ? await this.lock.run(run) : await run();
    } catch (error) {
      throw mapDatabaseError(error) ?? error;
    }
  }

  async read<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const run = () => work(this.dataSource.manager);
    return this.isSqlite ? this.lock.run(run) : run();
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
