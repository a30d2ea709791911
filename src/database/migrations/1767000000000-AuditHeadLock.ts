import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * PostgreSQL, for a rolling upgrade: instances of the version before 1766800000000 append to the audit chain under
 * the transaction-scoped advisory lock 7346001 (the last entry read under it, the seq drawn from the sequence, the
 * anchor moved unconditionally). `thidua_move_audit_head` now takes the same lock before it checks and moves the
 * head, so an old and a new instance appending at the same time still make one chain: the new one waits for the old
 * one's commit and finds the head moved (TD001); the old one waits for the new one's commit and reads its entry and
 * the sequence it left in step. The lock is held while the server runs the commit's statements.
 */
export class AuditHeadLock1767000000000 implements MigrationInterface {
  name = 'AuditHeadLock1767000000000';

  async up(q: QueryRunner): Promise<void> {
    if (q.connection.options.type !== 'postgres') return;
    await q.query(moveAuditHead(true));
  }

  async down(q: QueryRunner): Promise<void> {
    if (q.connection.options.type === 'postgres') await q.query(moveAuditHead(false));
  }
}

/** The function of migration 1766800000000, with (or without) the advisory lock of the appends before it. */
function moveAuditHead(advisoryLock: boolean): string {
  return `CREATE OR REPLACE FUNCTION thidua_move_audit_head(expected_seq integer, expected_hash varchar, new_seq integer, new_hash varchar, new_mac varchar, moved_at varchar)
    RETURNS void LANGUAGE plpgsql AS $$
    BEGIN
      ${advisoryLock ? 'PERFORM pg_advisory_xact_lock(7346001);' : ''}
      UPDATE audit_anchor SET head_seq = new_seq, head_hash = new_hash, mac = new_mac, updated_at = moved_at
        WHERE id = 1 AND head_seq = expected_seq AND head_hash = expected_hash;
      IF NOT FOUND THEN
        RAISE EXCEPTION 'the audit chain head is no longer %', expected_seq USING ERRCODE = 'TD001';
      END IF;
      PERFORM setval(pg_get_serial_sequence('audit_entries', 'seq'), new_seq);
    END $$`;
}
