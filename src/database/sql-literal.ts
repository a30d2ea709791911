import { escapeLiteral } from 'pg';

/**
 * A value written into PostgreSQL SQL text. For the statements a transaction sends together with its COMMIT: one
 * simple query, which takes several statements but no parameters. Strings go through node-postgres's own escaping
 * (a backslash makes it an E'' literal); numbers must be safe integers; NUL never reaches here (the input hygiene
 * refuses it), and is refused again rather than cut the statement.
 */
export function pgLiteral(value: string | number | null): string {
  if (value === null) return 'NULL';
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new Error(`Not an integer for SQL text: ${value}`);
    return String(value);
  }
  if (value.includes('\u0000')) throw new Error('NUL in a value for SQL text');
  return escapeLiteral(value);
}
