import { createHash } from 'node:crypto';
import { EntityManager, EntityMetadata } from 'typeorm';
import { isPlainRead, pgInlineAsBound } from './sql-literal';

/**
 * A raw query with "?" placeholders on either database (PostgreSQL gets $1, $2…), for hot paths where
 * TypeORM's entity hydration costs more than the query itself.
 */
export function rawQuery<T = Record<string, unknown>>(m: EntityManager, sql: string, params: unknown[] = []): Promise<T[]> {
  if (m.connection.options.type === 'postgres') {
    // Named statements: each connection parses and plans one once. Outside a transaction straight to the driver's
    // pool, inside one (a plain read) straight to its connection: TypeORM's query runner (a pool checkout, logging,
    // event broadcast) costs more than these small reads themselves. Anything else through the runner (see
    // openLazily: it may have to start the transaction first).
    type Named = { query(q: { name: string; text: string; values: unknown[] }): Promise<{ rows: T[] }> };
    const named = { name: statementName(sql), text: numbered(sql), values: params };
    if (!m.queryRunner) return (m.connection.driver as unknown as { master: Named }).master.query(named).then((r) => r.rows);
    // Not on a runner already released: its client may be another request's by now (TypeORM's query refuses too).
    if (isPlainRead(sql) && !m.queryRunner.isReleased) return readTogether<T>(m.queryRunner, named);
    return m.query(numbered(sql), params);
  }
  return runSqlite(m, sql, params, (stmt, values) => (stmt.reader ? (stmt.all(...values) as T[]) : (stmt.run(...values), [])));
}

type PendingRead = { named: { name: string; text: string; values: unknown[] }; resolve(rows: unknown[]): void; reject(error: unknown): void };
type BatchClient = {
  query(q: string | { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] } | Array<{ rows: unknown[] }>>;
  connection?: { parsedStatements?: Record<string, string> };
};
const pendingReads = new WeakMap<object, PendingRead[]>();

/**
 * PostgreSQL, a plain read inside a transaction: the reads a request starts together (in the same turn, e.g. with
 * Promise.all) go to the server in one round trip, as one simple query of EXECUTEs of the named statements
 * node-postgres has prepared on the connection (their plans cached), with their values written in; a read alone goes
 * as a named prepared statement. Each statement of a simple query sees what was committed when it starts, as it would
 * alone (READ COMMITTED), and each value is typed as a bound one would be (pgInlineAsBound). A batch with a statement
 * not yet prepared on the connection, or a value other than a string, number, boolean or null, is sent one by one
 * (which prepares them); a read that fails in a batch sent together fails the others of that batch.
 */
function readTogether<T>(runner: object & { connect(): Promise<unknown> }, named: PendingRead['named']): Promise<T[]> {
  return new Promise<unknown[]>((resolve, reject) => {
    let batch = pendingReads.get(runner);
    if (!batch) {
      pendingReads.set(runner, (batch = []));
      queueMicrotask(() => {
        pendingReads.delete(runner);
        void sendReads(runner, batch!);
      });
    }
    batch.push({ named, resolve, reject });
  }) as Promise<T[]>;
}

async function sendReads(runner: { connect(): Promise<unknown> }, batch: PendingRead[]): Promise<void> {
  try {
    const client = (await runner.connect()) as BatchClient;
    // The statements node-postgres has prepared on this connection (by name), which EXECUTE runs on their cached plan.
    const prepared = client.connection?.parsedStatements ?? {};
    const together = batch.length > 1 && batch.every((r) => prepared[r.named.name] === r.named.text && r.named.values.every((p) => p === null || ['string', 'number', 'boolean'].includes(typeof p)));
    if (!together) {
      // One by one, as named statements: each is then prepared on this connection, for the next time.
      for (const r of batch) await client.query(r.named).then((res) => r.resolve((res as { rows: unknown[] }).rows), (error: unknown) => r.reject(error));
      return;
    }
    const results = [await client.query(batch.map((r) => pgInlineAsBound(`EXECUTE ${r.named.name}${r.named.values.length ? `(${r.named.values.map(() => '?').join(', ')})` : ''}`, r.named.values)).join(';\n'))].flat();
    batch.forEach((r, i) => r.resolve(results[i].rows));
  } catch (error) {
    for (const r of batch) r.reject(error);
  }
}

/** A raw INSERT, UPDATE or DELETE inside a transaction; answers the number of rows it changed. */
export async function executeRaw(m: EntityManager, sql: string, params: unknown[] = []): Promise<number> {
  if (!m.queryRunner) throw new Error('executeRaw needs a transaction');
  if (m.connection.options.type === 'postgres') return Number((await m.queryRunner.query(numbered(sql), params, true)).affected ?? 0);
  return runSqlite(m, sql, params, (stmt, values) => stmt.run(...values).changes);
}

const statementNames = new Map<string, string>();
/** A stable name for a prepared statement of PostgreSQL. */
function statementName(sql: string): string {
  let name = statementNames.get(sql);
  if (!name) statementNames.set(sql, (name = `thidua_${createHash('sha1').update(sql).digest('hex').slice(0, 16)}`));
  return name;
}

/** PostgreSQL's placeholders: "?" becomes $1, $2… */
export function numbered(sql: string): string {
  let i = 0;
  return sql.replace(/\?/g, () => `$${++i}`);
}

interface SqliteStatement {
  reader: boolean;
  all(...params: unknown[]): unknown[];
  get(...params: unknown[]): unknown;
  run(...params: unknown[]): { changes: number };
}
interface SqliteDatabase {
  prepare(sql: string): SqliteStatement;
}

/** The shared better-sqlite3 connection with its prepared statements. */
class SqliteConnection {
  private readonly statements = new Map<string, SqliteStatement>();

  constructor(private readonly db: SqliteDatabase) {}

  statement(sql: string): SqliteStatement {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      if (this.statements.size > 500) this.statements.clear();
      this.statements.set(sql, stmt);
    }
    return stmt;
  }
}
const connections = new WeakMap<object, SqliteConnection>();

/**
 * SQLite: the one shared better-sqlite3 connection, with its own prepared statements. A statement runs
 * synchronously on the connection, so inside a transaction it is part of it, as through TypeORM; this
 * skips TypeORM's per-query logging and event broadcasting on the hottest paths (every request's session).
 */
function runSqlite<R>(m: EntityManager, sql: string, params: unknown[], run: (stmt: SqliteStatement, values: unknown[]) => R): Promise<R> {
  const db = (m.connection.driver as unknown as { databaseConnection?: SqliteDatabase }).databaseConnection;
  if (!db) throw new Error('The SQLite connection is not open');
  let conn = connections.get(db);
  if (!conn) connections.set(db, (conn = new SqliteConnection(db)));
  try {
    // better-sqlite3 binds no booleans: 0/1, as TypeORM does.
    const values = params.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : p));
    return Promise.resolve(run(conn.statement(sql), values));
  } catch (error) {
    return Promise.reject(error);
  }
}

type SelectPlan = { sql: string; columns: Array<{ property: string; boolean: boolean }> };
const selectCache = new Map<string, SelectPlan>();

/** The plan of a select of `entity`'s columns (by property name) under `condition` (column names, "?" placeholders). */
function selectPlan(m: EntityManager, entity: new () => object, key: string, condition: (meta: EntityMetadata) => string): SelectPlan {
  const cacheKey = `${m.connection.options.type}:${entity.name}:${key}`;
  let plan = selectCache.get(cacheKey);
  if (!plan) {
    const meta = m.connection.getMetadata(entity);
    const columns = meta.columns.filter((c) => !c.isVirtual);
    const select = columns.map((c) => `"${c.databaseName}" AS "${c.propertyName}"`).join(', ');
    plan = { sql: `SELECT ${select} FROM "${meta.tableName}" WHERE ${condition(meta)}`, columns: columns.map((c) => ({ property: c.propertyName, boolean: c.type === 'boolean' || c.type === Boolean })) };
    selectCache.set(cacheKey, plan);
  }
  return plan;
}

function entityOf<E extends object>(entity: new () => E, plan: SelectPlan, row: Record<string, unknown>): E {
  const out = new entity() as Record<string, unknown>;
  for (const c of plan.columns) out[c.property] = c.boolean && row[c.property] !== null ? Boolean(row[c.property]) : row[c.property];
  return out as E;
}

/**
 * The first row of an entity matching equality conditions, read with one prepared statement and mapped by
 * the entity's own column metadata: the same object `findOne` gives, without building a query each time.
 */
export async function findOneRaw<E extends object>(m: EntityManager, entity: new () => E, where: Partial<Record<keyof E, string | number>>): Promise<E | null> {
  const keys = Object.keys(where) as Array<keyof E & string>;
  const plan = selectPlan(m, entity, keys.join(','), (meta) => `${keys.map((k) => `"${meta.findColumnWithPropertyName(k)!.databaseName}" = ?`).join(' AND ')} LIMIT 1`);
  const [row] = await rawQuery<Record<string, unknown>>(m, plan.sql, keys.map((k) => where[k]));
  return row ? entityOf(entity, plan, row) : null;
}

/** The rows of an entity under an SQL condition of its own (a constant text: "?" placeholders), mapped as findOneRaw does. */
export async function findRaw<E extends object>(m: EntityManager, entity: new () => E, condition: string, params: unknown[]): Promise<E[]> {
  const plan = selectPlan(m, entity, `where ${condition}`, () => condition);
  return (await rawQuery<Record<string, unknown>>(m, plan.sql, params)).map((row) => entityOf(entity, plan, row));
}
