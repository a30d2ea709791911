import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Several instances on one PostgreSQL, for signing: the pledge points at the latest revision of its signed file
 * (stored through the FileStore, one immutable file per revision), and the PAdES state — the demo CA, units' keys and
 * certificates, the trust store, CRLs, appearance images — lives in `pades_files` (its logical path under data/pades,
 * bytes and SHA-256), so every instance signs with the same keys. SQLite keeps data/pades; the table exists there
 * too so the schema is the same.
 */
export class SharedPadesState1766600000000 implements MigrationInterface {
  name = 'SharedPadesState1766600000000';

  async up(q: QueryRunner): Promise<void> {
    const bytes = q.connection.options.type === 'postgres' ? 'bytea' : 'blob';
    // Plain ALTER TABLE on both databases: TypeORM's SQLite runner would rebuild the table.
    await q.query('ALTER TABLE pledges ADD COLUMN signed_file_path varchar(300)');
    await q.query('ALTER TABLE pledges ADD COLUMN signed_file_sha256 varchar(64)');
    await q.query(`CREATE TABLE pades_files (path varchar(300) PRIMARY KEY, sha256 varchar(64) NOT NULL, content ${bytes} NOT NULL, updated_at varchar(30) NOT NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE pades_files');
    await q.query('ALTER TABLE pledges DROP COLUMN signed_file_sha256');
    await q.query('ALTER TABLE pledges DROP COLUMN signed_file_path');
  }
}
