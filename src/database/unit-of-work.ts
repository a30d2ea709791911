import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-codes';
import { mapDatabaseError } from '../common/errors/db-errors';
import { Mutex } from './mutex';
import { invalidateReadMemo } from './raw-sql';

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
    const run = () => this.dataSource.transaction(work);
    try {
      return this.isSqlite ? await this.lock.run(run) : await run();
    } catch (error) {
      throw mapDatabaseError(error) ?? error;
    } finally {
      // PostgreSQL: reads memoised before this change are read again (SQLite's memo sees it by itself).
      if (!this.isSqlite) invalidateReadMemo(this.dataSource.manager);
    }
  }

  async read<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const run = () => work(this.dataSource.manager);
    return this.isSqlite ? this.lock.run(run) : run();
  }
}

/**
 * Optimistic concurrency: updates the row only if its version is the one the client read.
 * A stale version answers 409 with the current version; a missing row answers 404.
 */
export async function updateVersioned<E extends ObjectLiteral & { id: string; version: number }>(
  manager: EntityManager,
  target: EntityTarget<E>,
  id: string,
  expectedVersion: number,
  changes: Partial<E>,
  what: string,
): Promise<E> {
  const result = await manager
    .createQueryBuilder()
    .update(target)
    .set({ ...changes, version: () => 'version + 1' } as never)
    .where('id = :id AND version = :version', { id, version: expectedVersion })
    .execute();
  const updated = await manager.findOne(target, { where: { id } as never });
  if (!updated) throw AppException.notFound(what);
  if (result.affected !== 1) {
    throw new AppException(ErrorCode.VersionConflict, undefined, [
      {
        field: 'version',
        code: 'stale',
        message: `Phiên bản bạn gửi (${expectedVersion}) đã cũ; phiên bản hiện tại là ${updated.version}.`,
      },
    ]);
  }
  return updated;
}
