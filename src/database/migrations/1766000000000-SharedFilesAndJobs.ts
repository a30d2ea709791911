import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Several instances on one PostgreSQL: the stored files (uploads and issued documents) live in `stored_files`
 * (bytes as bytea, under the same relative path and SHA-256 as the local folder), and each scheduled job's run
 * of a time slot is one row of `job_runs` (its primary key makes a slot run once). SQLite keeps its files in the
 * data folder; the tables exist there too so the schema is the same.
 */
export class SharedFilesAndJobs1766000000000 implements MigrationInterface {
  name = 'SharedFilesAndJobs1766000000000';

  async up(q: QueryRunner): Promise<void> {
    const bytes = q.connection.options.type === 'postgres' ? 'bytea' : 'blob';
    await q.query(
      `CREATE TABLE stored_files (path varchar(300) PRIMARY KEY, sha256 varchar(64) NOT NULL, size_bytes integer NOT NULL, content ${bytes} NOT NULL, stored_at varchar(30) NOT NULL)`,
    );
    await q.query(
      `CREATE TABLE job_runs (job varchar(60) NOT NULL, slot varchar(40) NOT NULL, instance varchar(120) NOT NULL, started_at varchar(30) NOT NULL,
       finished_at varchar(30), outcome varchar(300), PRIMARY KEY (job, slot))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE job_runs');
    await q.query('DROP TABLE stored_files');
  }
}
