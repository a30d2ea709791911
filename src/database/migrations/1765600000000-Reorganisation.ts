import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The 2025 reorganisation as data: the legal basis of a unit's succession (and any assumption behind it), and
 * a cluster's predecessor (a cluster of the successor organiser that continues one of the predecessor's), and the day
 * a member left its cluster in the middle of a year (merged into another unit: its record of the year stays).
 * No foreign key on clusters.predecessor_id: SQLite would rebuild the referenced table; the service checks it.
 */
export class Reorganisation1765600000000 implements MigrationInterface {
  name = 'Reorganisation1765600000000';

  async up(q: QueryRunner): Promise<void> {
    // Plain ALTER TABLE on both databases: TypeORM's SQLite runner would rebuild these referenced tables.
    await q.query('ALTER TABLE units ADD COLUMN succession_basis varchar(600)');
    await q.query('ALTER TABLE units ADD COLUMN note varchar(1000)');
    await q.query('ALTER TABLE clusters ADD COLUMN predecessor_id varchar(36)');
    await q.query('ALTER TABLE memberships ADD COLUMN left_on varchar(10)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE memberships DROP COLUMN left_on');
    await q.query('ALTER TABLE clusters DROP COLUMN predecessor_id');
    await q.query('ALTER TABLE units DROP COLUMN note');
    await q.query('ALTER TABLE units DROP COLUMN succession_basis');
  }
}
