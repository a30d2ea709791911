import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * PostgreSQL: a write sent with the COMMIT (writeAtCommit) whose result the application must check — an optimistic
 * update that must change exactly one row — checks it in the database: `thidua_expect_rows` raises SQLSTATE TD002
 * (with the write's index as DETAIL) when the count differs, which aborts the transaction before its COMMIT runs.
 */
export class ExpectRows1766900000000 implements MigrationInterface {
  name = 'ExpectRows1766900000000';

  async up(q: QueryRunner): Promise<void> {
    if (q.connection.options.type !== 'postgres') return;
    await q.query(`CREATE FUNCTION thidua_expect_rows(actual bigint, expected integer, tag varchar) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        IF actual <> expected THEN
          RAISE EXCEPTION '% rows changed where % were expected', actual, expected USING ERRCODE = 'TD002', DETAIL = tag;
        END IF;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    if (q.connection.options.type === 'postgres') await q.query('DROP FUNCTION thidua_expect_rows(bigint, integer, varchar)');
  }
}
