import type * as Pg from 'pg';

/** node-postgres, loaded on first use: a server on SQLite does not load it (about 15 ms of every start). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pg = (): typeof Pg => require('pg') as typeof Pg;

/**
 * A value written into PostgreSQL SQL text. For the statements a transaction sends together with its COMMIT: one
 * simple query, which takes several statements but no parameters. Strings go through node-postgres's own escaping
 * (a backslash makes it an E'' literal); numbers must be finite; NUL never reaches here (the input hygiene refuses
 * it), and is refused again rather than cut the statement.
 */
export function pgLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`Not a finite number for SQL text: ${value}`);
    // In parentheses when negative: after a "-" in the statement, "-1" would start a comment.
    return value < 0 ? `(${value})` : String(value);
  }
  if (typeof value !== 'string') throw new Error(`No SQL literal for a ${typeof value}`);
  if (value.includes('\u0000')) throw new Error('NUL in a value for SQL text');
  return pg().escapeLiteral(value);
}

/** A statement with "?" placeholders as SQL text with its values written in (see pgLiteral). */
export function pgInline(sql: string, params: unknown[]): string {
  let i = 0;
  const text = sql.replace(/\?/g, () => pgLiteral(params[i++]));
  if (i !== params.length) throw new Error(`${params.length} values for ${i} placeholders`);
  return text;
}

/**
 * A statement with "?" placeholders as SQL text with its values written in as a bound parameter would carry them:
 * node-postgres sends every parameter as text (booleans as true/false), and PostgreSQL gives it the type its place
 * calls for. A quoted literal is typed the same way, so `WHERE code = ?` with 5, or `SELECT ? AS n`, reads as it would
 * with the value bound (pgLiteral's bare 5 would be an integer there).
 */
export function pgInlineAsBound(sql: string, params: unknown[]): string {
  return pgInline(sql, params.map((p) => (typeof p === 'number' || typeof p === 'boolean' ? (pgLiteral(p), String(p)) : p)));
}

/**
 * A statement that reads only: it may run before START TRANSACTION (the transaction is READ COMMITTED, where each
 * statement sees the data committed when it starts, so a read before the first write sees what it would see inside).
 * A single SELECT, without a locking clause, INTO, or a function known to act (advisory locks, sequences,
 * notifications, settings, large objects, this application's thidua_ functions). Anything else starts the
 * transaction first; a new SELECT with an effect must be added here.
 */
export function isPlainRead(sql: string): boolean {
  return (
    /^\s*SELECT\b/i.test(sql) &&
    !/;|\bFOR\s+(NO\s+KEY\s+)?(UPDATE|SHARE)\b|\bFOR\s+KEY\s+SHARE\b|\bINTO\b|advisory|nextval\s*\(|setval\s*\(|pg_notify|set_config|\blo_|thidua_/i.test(sql)
  );
}
