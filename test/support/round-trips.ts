import assert from 'node:assert/strict';
import { Client } from 'pg';

/** The queries the application's PostgreSQL connections send while `run` runs (in the test's process). */
export async function sentQueries(run: () => Promise<void>): Promise<string[]> {
  const queries: string[] = [];
  const proto = Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const query = proto.query;
  proto.query = function (this: Client, ...args: unknown[]) {
    queries.push(typeof args[0] === 'string' ? args[0] : (args[0] as { text: string }).text);
    return query.apply(this, args);
  };
  try {
    await run();
  } finally {
    proto.query = query;
  }
  return queries;
}

/** A sheet's save on PostgreSQL: the session, then every read in one round trip (EXECUTEs of prepared statements), then the commit. */
export function assertSaveRoundTrips(queries: string[]): void {
  assert.equal(queries.length, 3, queries.map((q) => q.slice(0, 60)).join('\n'));
  assert.match(queries[0], /FROM sessions/);
  assert.ok(queries[1].split(';\n').every((q) => q.startsWith('EXECUTE thidua_')), queries[1]);
  assert.match(queries[2], /^START TRANSACTION[^]*COMMIT$/);
}
