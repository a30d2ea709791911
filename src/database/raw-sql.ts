import { EntityManager } from 'typeorm';

/**
 * A raw query with "?" placeholders on either database (PostgreSQL gets $1, $2…), for hot paths where
 * TypeORM's entity hydration costs more than the query itself.
 */
export function rawQuery<T = Record<string, unknown>>(m: EntityManager, sql: string, params: unknown[] = []): Promise<T[]> {
  if (m.connection.options.type === 'postgres') {
    let i = 0;
    sql = sql.replace(/\?/g, () => `$${++i}`);
  }
  return m.query(sql, params);
}
