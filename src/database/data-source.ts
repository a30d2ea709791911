import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource, DataSourceOptions } from 'typeorm';
import { DEFAULT_POOL_SIZE, type DatabaseConfig } from '../config/app-config';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/** better-sqlite3 connection settings: durability first (an acknowledged write survives a kill). */
export function prepareSqlite(db: { pragma(source: string): unknown }): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
}

/** Data source options shared by the application, the CLI scripts and the tests. */
export function dataSourceOptions(database: DatabaseConfig): DataSourceOptions {
  const common = {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: false,
    migrationsTransactionMode: 'each' as const,
    synchronize: false,
    // Constraint failures are expected (they answer 409/422) and real faults are logged by the
    // exception filter, so TypeORM itself reports warnings only.
    logging: ['warn' as const],
  };
  if (database.type === 'postgres') {
    return { type: 'postgres', url: database.url, ...common, extra: { max: database.poolSize ?? DEFAULT_POOL_SIZE } };
  }
  if (database.path !== ':memory:') mkdirSync(dirname(database.path), { recursive: true });
  return {
    type: 'better-sqlite3',
    database: database.path,
    timeout: 5000,
    // Queries with IN (…) lists of varying length are distinct statements: keep more of them prepared.
    statementCacheSize: 1000,
    prepareDatabase: prepareSqlite,
    ...common,
  };
}

export function createDataSource(database: DatabaseConfig): DataSource {
  return new DataSource(dataSourceOptions(database));
}
