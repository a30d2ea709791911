import { EntityManager } from 'typeorm';
import { RequestContext, currentContext } from '../common/request-context';

/**
 * A raw query with "?" placeholders on either database (PostgreSQL gets $1, $2…), for hot paths where
 * TypeORM's entity hydration costs more than the query itself.
 */
export function rawQuery<T = Record<string, unknown>>(m: EntityManager, sql: string, params: unknown[] = []): Promise<T[]> {
  if (m.connection.options.type === 'postgres') return postgresMemo(m)?.read<T>(m, sql, params) ?? m.query(numbered(sql), params);
  return runSqlite(m, sql, params, (stmt, values, conn) => (stmt.reader ? (conn.read(sql, stmt, values) as T[]) : (stmt.run(...values), [])));
}

/** A raw INSERT, UPDATE or DELETE inside a transaction; answers the number of rows it changed. */
export async function executeRaw(m: EntityManager, sql: string, params: unknown[] = []): Promise<number> {
  if (!m.queryRunner) throw new Error('executeRaw needs a transaction');
  if (m.connection.options.type === 'postgres') return Number((await m.queryRunner.query(numbered(sql), params, true)).affected ?? 0);
  return runSqlite(m, sql, params, (stmt, values) => stmt.run(...values).changes);
}

/** PostgreSQL's placeholders: "?" becomes $1, $2… */
export function numbered(sql: string): string {
  let i = 0;
  return sql.replace(/\?/g, () => `$${++i}`);
}

interface SqliteStatement {
  reader: boolean;
  pluck(): SqliteStatement;
  all(...params: unknown[]): unknown[];
  get(...params: unknown[]): unknown;
  run(...params: unknown[]): { changes: number };
}
interface SqliteDatabase {
  prepare(sql: string): SqliteStatement;
  readonly inTransaction: boolean;
}

/** Rows of read statements by statement and parameters; callers get copies, so none can alter what the next one reads. */
class RowMemo {
  private readonly rows = new Map<string, unknown[]>();

  get<T>(sql: string, params: unknown[]): T[] | undefined {
    return this.rows.get(memoKey(sql, params))?.map((row) => ({ ...(row as object) }) as T);
  }

  set(sql: string, params: unknown[], rows: unknown[]): void {
    if (this.rows.size >= MEMO_MAX_ENTRIES) this.rows.clear();
    this.rows.set(memoKey(sql, params), rows.map((row) => ({ ...(row as object) })));
  }

  clear(): void {
    this.rows.clear();
  }
}
const MEMO_MAX_ENTRIES = 5_000;
const memoKey = (sql: string, params: unknown[]) => `${sql}\u0000${JSON.stringify(params)}`;

/**
 * The shared better-sqlite3 connection with its prepared statements and its read memo.
 *
 * The memo keeps the rows of read statements run outside a transaction while the database is unchanged,
 * so the reads every request repeats (its session, the cluster, the settings, the ranking's fingerprint)
 * are answered without running them again. "Unchanged" is known exactly:
 * - total_changes() counts every row this connection — the process's only one — inserted, updated or
 *   deleted (a rolled-back change too, which only empties the memo once more); it is checked on every read
 *   and costs next to nothing;
 * - PRAGMA data_version moves when any other connection (another process) commits. It costs a
 *   look at the shared WAL index, so a request checks it on its first read and then reads as of that moment
 *   (as a read transaction begun there would), unless this process changes the database meanwhile; outside
 *   a request it is checked on every read.
 * Any change empties the memo. Inside an open transaction nothing is kept or served, as its rows are not
 * committed.
 */
class SqliteConnection {
  private readonly statements = new Map<string, SqliteStatement>();
  private readonly totalChanges: SqliteStatement;
  private readonly dataVersion: SqliteStatement;
  private readonly memo = new RowMemo();
  private memoChanges = -1;
  private memoVersion = -1;
  /** Bumped whenever the memo is emptied: a request's check of data_version holds for this generation. */
  private generation = 0;

  constructor(private readonly db: SqliteDatabase) {
    this.totalChanges = db.prepare('SELECT total_changes()').pluck();
    this.dataVersion = db.prepare('PRAGMA data_version').pluck();
  }

  statement(sql: string): SqliteStatement {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      if (this.statements.size > 500) this.statements.clear();
      this.statements.set(sql, stmt);
    }
    return stmt;
  }

  read(sql: string, stmt: SqliteStatement, values: unknown[]): unknown[] {
    if (this.db.inTransaction) return stmt.all(...values);
    this.validate(currentContext());
    const kept = this.memo.get(sql, values);
    if (kept) return kept;
    const rows = stmt.all(...values);
    this.memo.set(sql, values, rows);
    return rows;
  }

  /** Empties the memo if the database changed since it was filled (see the class comment). */
  private validate(request: RequestContext | undefined): void {
    const changes = this.totalChanges.get() as number;
    if (changes === this.memoChanges && request?.readGeneration === this.generation) return;
    const version = this.dataVersion.get() as number;
    if (changes !== this.memoChanges || version !== this.memoVersion) {
      this.memo.clear();
      this.memoChanges = changes;
      this.memoVersion = version;
      this.generation++;
    }
    if (request) request.readGeneration = this.generation;
  }
}
const connections = new WeakMap<object, SqliteConnection>();

/**
 * PostgreSQL: the same memo, for the reads of a signed-in request. PostgreSQL has no change counter, but its
 * snapshot (xmin:xmax:in-progress ids, `pg_current_snapshot()`) is one: every committed change has a
 * transaction id, and once it committed, no later snapshot equals an earlier one — equal snapshots see the
 * same data. The session's own query returns the snapshot it ran with (`confirmSnapshot`), at no extra round
 * trip; the request's later reads are answered from the memo filled under that snapshot, as of that moment.
 * A write of this process (any transaction of the UnitOfWork) starts a new generation, after which requests
 * confirmed before it read the database again. Reads outside a signed-in request, or in a transaction, are
 * never memoised.
 */
class PostgresReadMemo {
  private snapshot = '';
  private generation = 0;
  private readonly memo = new RowMemo();

  /** The session query's snapshot: empties the memo if it moved; the request may use the memo from now on. */
  confirm(snapshot: string, request: RequestContext | undefined): void {
    if (snapshot !== this.snapshot) {
      this.memo.clear();
      this.snapshot = snapshot;
      this.generation++;
    }
    if (request) request.readGeneration = this.generation;
  }

  invalidate(): void {
    this.memo.clear();
    this.snapshot = '';
    this.generation++;
  }

  /** The memoised answer of a read, or undefined when this read may not use the memo. */
  read<T>(m: EntityManager, sql: string, params: unknown[]): Promise<T[]> | undefined {
    const request = currentContext();
    if (m.queryRunner || request?.readGeneration !== this.generation || !/^\s*SELECT\b/i.test(sql)) return undefined;
    const kept = this.memo.get<T>(sql, params);
    if (kept) return Promise.resolve(kept);
    const generation = this.generation;
    return (m.query(numbered(sql), params) as Promise<T[]>).then((rows) => {
      // Kept only if no write of this process and no newer snapshot came while it ran.
      if (generation === this.generation) this.memo.set(sql, params, rows);
      return rows;
    });
  }
}
const postgresMemos = new WeakMap<object, PostgresReadMemo>();

function postgresMemo(m: EntityManager): PostgresReadMemo | undefined {
  if (m.connection.options.type !== 'postgres') return undefined;
  let memo = postgresMemos.get(m.connection);
  if (!memo) postgresMemos.set(m.connection, (memo = new PostgresReadMemo()));
  return memo;
}

/** PostgreSQL: the snapshot the request's session query ran with (see PostgresReadMemo). */
export function confirmSnapshot(m: EntityManager, snapshot: string): void {
  postgresMemo(m)?.confirm(snapshot, currentContext());
}

/** PostgreSQL: this process changed (or tried to change) the database: memoised reads are read again. */
export function invalidateReadMemo(m: EntityManager): void {
  postgresMemo(m)?.invalidate();
}

/**
 * SQLite: the one shared better-sqlite3 connection, with its own prepared statements. A statement runs
 * synchronously on the connection, so inside a transaction it is part of it, as through TypeORM; this
 * skips TypeORM's per-query logging and event broadcasting on the hottest paths (every request's session).
 */
function runSqlite<R>(m: EntityManager, sql: string, params: unknown[], run: (stmt: SqliteStatement, values: unknown[], conn: SqliteConnection) => R): Promise<R> {
  const db = (m.connection.driver as unknown as { databaseConnection?: SqliteDatabase }).databaseConnection;
  if (!db) throw new Error('The SQLite connection is not open');
  let conn = connections.get(db);
  if (!conn) connections.set(db, (conn = new SqliteConnection(db)));
  try {
    // better-sqlite3 binds no booleans: 0/1, as TypeORM does.
    const values = params.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : p));
    return Promise.resolve(run(conn.statement(sql), values, conn));
  } catch (error) {
    return Promise.reject(error);
  }
}

const selectCache = new Map<string, { sql: string; columns: Array<{ property: string; boolean: boolean }> }>();

/**
 * The first row of an entity matching equality conditions, read with one prepared statement and mapped by
 * the entity's own column metadata: the same object `findOne` gives, without building a query each time.
 */
export async function findOneRaw<E extends object>(m: EntityManager, entity: new () => E, where: Partial<Record<keyof E, string | number>>): Promise<E | null> {
  const keys = Object.keys(where) as Array<keyof E & string>;
  const cacheKey = `${m.connection.options.type}:${entity.name}:${keys.join(',')}`;
  let plan = selectCache.get(cacheKey);
  if (!plan) {
    const meta = m.connection.getMetadata(entity);
    const columns = meta.columns.filter((c) => !c.isVirtual);
    const select = columns.map((c) => `"${c.databaseName}" AS "${c.propertyName}"`).join(', ');
    const conditions = keys.map((k) => `"${meta.findColumnWithPropertyName(k)!.databaseName}" = ?`).join(' AND ');
    plan = { sql: `SELECT ${select} FROM "${meta.tableName}" WHERE ${conditions} LIMIT 1`, columns: columns.map((c) => ({ property: c.propertyName, boolean: c.type === 'boolean' || c.type === Boolean })) };
    selectCache.set(cacheKey, plan);
  }
  const [row] = await rawQuery<Record<string, unknown>>(m, plan.sql, keys.map((k) => where[k]));
  if (!row) return null;
  const out = new entity() as Record<string, unknown>;
  for (const c of plan.columns) out[c.property] = c.boolean && row[c.property] !== null ? Boolean(row[c.property]) : row[c.property];
  return out as E;
}
