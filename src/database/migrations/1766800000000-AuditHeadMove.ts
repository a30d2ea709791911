import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * PostgreSQL: a transaction appends its audit entries in the same round trip as its COMMIT, on the chain's head as
 * this instance last knew it (AuditAppender). `thidua_move_audit_head` moves the signed head only if it is still
 * where the entries were built on, taking the anchor row's lock until the commit, and raises SQLSTATE TD001 when
 * another transaction (of this instance or another) moved it first: the entries are then built again on the head
 * read under that lock. It also keeps the entries' serial sequence in step (the entries' seq is the head's + 1).
 * SQLite's writes are serialised in the process: nothing to add there.
 */
export class AuditHeadMove1766800000000 implements MigrationInterface {
  name = 'AuditHeadMove1766800000000';

  async up(q: QueryRunner): Promise<void> {
    if (q.connection.options.type !== 'postgres') return;
    await q.query(`CREATE FUNCTION thidua_move_audit_head(expected_seq integer, expected_hash varchar, new_seq integer, new_hash varchar, new_mac varchar, moved_at varchar)
      RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE audit_anchor SET head_seq = new_seq, head_hash = new_hash, mac = new_mac, updated_at = moved_at
          WHERE id = 1 AND head_seq = expected_seq AND head_hash = expected_hash;
        IF NOT FOUND THEN
          RAISE EXCEPTION 'the audit chain head is no longer %', expected_seq USING ERRCODE = 'TD001';
        END IF;
        PERFORM setval(pg_get_serial_sequence('audit_entries', 'seq'), new_seq);
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    if (q.connection.options.type === 'postgres') await q.query('DROP FUNCTION thidua_move_audit_head(integer, varchar, integer, varchar, varchar, varchar)');
  }
}
