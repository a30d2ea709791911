import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * PostgreSQL: an instance links each transaction's audit entries to the entries of the transaction it built just
 * before, and sends both commits at once on different connections. The later one often reaches the chain's lock
 * first and found the head not yet where it expected (TD001): under load nearly every commit was then built and
 * sent again, a cascade. `thidua_move_audit_head` now first waits, without any lock of the chain, while the head is
 * behind the one expected (its predecessor still committing): it reads the head again every millisecond, for at most
 * 20 ms. A head that is still behind then (its predecessor failed) or that moved elsewhere raises TD001 as before.
 * The waiting transaction holds its own rows' locks meanwhile (its writes come first), never the chain's.
 */
export class AuditHeadWait1767100000000 implements MigrationInterface {
  name = 'AuditHeadWait1767100000000';

  async up(q: QueryRunner): Promise<void> {
    if (q.connection.options.type !== 'postgres') return;
    await q.query(moveAuditHead(true));
  }

  async down(q: QueryRunner): Promise<void> {
    if (q.connection.options.type === 'postgres') await q.query(moveAuditHead(false));
  }
}

/** The function of migration 1767000000000, with (or without) the wait for a head behind the one expected. */
function moveAuditHead(wait: boolean): string {
  return `CREATE OR REPLACE FUNCTION thidua_move_audit_head(expected_seq integer, expected_hash varchar, new_seq integer, new_hash varchar, new_mac varchar, moved_at varchar)
    RETURNS void LANGUAGE plpgsql AS $$
    ${wait ? 'DECLARE current_seq integer; waited integer := 0;' : ''}
    BEGIN
      ${wait ? `LOOP
        -- A statement of its own, so a fresh snapshot (READ COMMITTED): it sees the predecessor once committed.
        SELECT head_seq INTO current_seq FROM audit_anchor WHERE id = 1;
        EXIT WHEN current_seq IS NULL OR current_seq >= expected_seq OR waited >= 20;
        PERFORM pg_sleep(0.001);
        waited := waited + 1;
      END LOOP;` : ''}
      PERFORM pg_advisory_xact_lock(7346001);
      UPDATE audit_anchor SET head_seq = new_seq, head_hash = new_hash, mac = new_mac, updated_at = moved_at
        WHERE id = 1 AND head_seq = expected_seq AND head_hash = expected_hash;
      IF NOT FOUND THEN
        RAISE EXCEPTION 'the audit chain head is no longer %', expected_seq USING ERRCODE = 'TD001';
      END IF;
      PERFORM setval(pg_get_serial_sequence('audit_entries', 'seq'), new_seq);
    END $$`;
}
