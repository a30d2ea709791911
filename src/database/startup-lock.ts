import type { DatabaseConfig } from '../config/app-config';

/** PostgreSQL advisory-lock key (per database) held while an instance migrates and seeds. */
const STARTUP_LOCK_KEY = 7_346_003;

/**
 * Several instances starting at once on one PostgreSQL database: each runs the migrations and the seed while holding
 * a session-level advisory lock on a connection of its own, so they run one instance after the other (the second
 * finds nothing left to do). The lock goes with the connection, also when the process dies. SQLite: one process.
 */
export async function withStartupLock<T>(database: DatabaseConfig, work: () => Promise<T>): Promise<T> {
  if (database.type !== 'postgres') return work();
  // node-postgres on first use: a server on SQLite does not load it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Client } = require('pg') as typeof import('pg');
  const client = new Client({ connectionString: database.url });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [STARTUP_LOCK_KEY]);
    return await work();
  } finally {
    await client.end().catch(() => undefined);
  }
}
