import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/**
 * The 2025 reorganisation as data: the legal basis of a unit's succession (and any assumption behind it), and
 * a cluster's predecessor (a cluster of the successor organiser that continues one of the predecessor's).
 * No foreign key on clusters.predecessor_id: SQLite would rebuild the referenced table; the service checks it.
 */
export class Reorganisation1765600000000 implements MigrationInterface {
  name = 'Reorganisation1765600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('units', [
      new TableColumn({ name: 'succession_basis', type: 'varchar', length: '600', isNullable: true }),
      new TableColumn({ name: 'note', type: 'varchar', length: '1000', isNullable: true }),
    ]);
    await q.addColumn('clusters', new TableColumn({ name: 'predecessor_id', type: 'varchar', length: '36', isNullable: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('clusters', 'predecessor_id');
    await q.dropColumn('units', 'note');
    await q.dropColumn('units', 'succession_basis');
  }
}
