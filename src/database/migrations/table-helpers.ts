import { TableColumnOptions, TableForeignKeyOptions } from 'typeorm';

/** Small builders so migrations read like the schema they create, on SQLite and PostgreSQL alike. */
export const col = {
  id: (name = 'id'): TableColumnOptions => ({ name, type: 'varchar', length: '36', isPrimary: true }),
  ref: (name: string, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: '36', isNullable: nullable }),
  text: (name: string, length: number, nullable = false): TableColumnOptions => ({
    name,
    type: 'varchar',
    length: String(length),
    isNullable: nullable,
  }),
  longText: (name: string, nullable = true): TableColumnOptions => ({ name, type: 'text', isNullable: nullable }),
  int: (name: string, nullable = false): TableColumnOptions => ({ name, type: 'integer', isNullable: nullable }),
  bool: (name: string): TableColumnOptions => ({ name, type: 'boolean', isNullable: false }),
  date: (name: string, nullable = true): TableColumnOptions => ({ name, type: 'varchar', length: '10', isNullable: nullable }),
  timestamp: (name: string, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: '30', isNullable: nullable }),
};

export function fk(
  name: string,
  column: string,
  referencedTable: string,
  onDelete: 'RESTRICT' | 'CASCADE' = 'RESTRICT',
  referencedColumn = 'id',
): TableForeignKeyOptions {
  return { name, columnNames: [column], referencedTableName: referencedTable, referencedColumnNames: [referencedColumn], onDelete };
}

/** The optimistic-concurrency and bookkeeping columns shared by editable records. */
export const versioned = (): TableColumnOptions[] => [col.int('version'), col.timestamp('created_at'), col.timestamp('updated_at')];
