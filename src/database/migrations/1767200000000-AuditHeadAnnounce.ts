import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * PostgreSQL: the wait of migration 1767100000000 polled every millisecond, and a poll took 2–3 ms on a loaded
 * machine, while the predecessor it waited for needed a fraction of that to commit: the chain's throughput was bound
 * by the poll. A commit now announces the head it will move to, first thing after START TRANSACTION, with the
 * transaction-scoped advisory lock (7346002, that head's seq) taken if free (pg_try_advisory_xact_lock, never
 * waiting). `thidua_move_audit_head`, finding the head behind the one it expects, waits for that lock (shared): it is
 * woken when its predecessor's transaction ends, committed (the head has moved) or not (TD001 at once). While the
 * predecessor has not announced itself yet (its commit not yet started in the server) it polls, holding nothing, at
 * most 50 times. The wait is bounded (500 ms): a predecessor may itself wait for a row this transaction holds (one
 * sheet saved twice at once on one instance, the later save first in the server), and that deadlock then ends in
 * TD001 for this one, which relinks under lock and commits, while the predecessor's version check answers 409.
 */
export class AuditHeadAnnounce1767200000000 implements MigrationInterface {
  name = 'AuditHeadAnnounce1767200000000';

  async up(q: QueryRunner): Promise<void> {
    if (q.connection.options.type !== 'postgres') return;
    await q.query(moveAuditHead(true));
  }

  async down(q: QueryRunner): Promise<void> {
    if (q.connection.options.type === 'postgres') await q.query(moveAuditHead(false));
  }
}

/** The function of migration 1767100000000, with (or without) the wait on the predecessor's announcement. */
function moveAuditHead(announced: boolean): string {
  const wait = announced
    ? `SELECT head_seq INTO current_seq FROM audit_anchor WHERE id = 1;
      WHILE current_seq < expected_seq AND waited < 50 LOOP
        IF pg_try_advisory_lock_shared(7346002, expected_seq) THEN
          -- Not announced yet (the predecessor's commit has not started in the server): look again in a millisecond,
          -- holding nothing meanwhile (a session lock, let go at once, so that the predecessor can announce).
          PERFORM pg_advisory_unlock_shared(7346002, expected_seq);
          PERFORM pg_sleep(0.001);
          waited := waited + 1;
        ELSE
          -- Announced: woken when the predecessor's transaction ends. At most 500 ms (below PostgreSQL's default
          -- deadlock_timeout of 1 s), for the predecessor may be waiting for a row this transaction holds (one sheet
          -- saved twice at once): this one then ends in TD001 below.
          BEGIN
            PERFORM set_config('lock_timeout', '500ms', true);
            PERFORM pg_advisory_xact_lock_shared(7346002, expected_seq);
            PERFORM set_config('lock_timeout', previous_timeout, true);
          EXCEPTION WHEN lock_not_available THEN
            NULL;
          END;
          EXIT;
        END IF;
        -- A statement of its own, so a fresh snapshot (READ COMMITTED): it sees the predecessor once committed.
        SELECT head_seq INTO current_seq FROM audit_anchor WHERE id = 1;
      END LOOP;`
    : `LOOP
        SELECT head_seq INTO current_seq FROM audit_anchor WHERE id = 1;
        EXIT WHEN current_seq IS NULL OR current_seq >= expected_seq OR waited >= 20;
        PERFORM pg_sleep(0.001);
        waited := waited + 1;
      END LOOP;`;
  return `CREATE OR REPLACE FUNCTION thidua_move_audit_head(expected_seq integer, expected_hash varchar, new_seq integer, new_hash varchar, new_mac varchar, moved_at varchar)
    RETURNS void LANGUAGE plpgsql AS $$
    DECLARE current_seq integer; waited integer := 0; previous_timeout text := current_setting('lock_timeout');
    BEGIN
      ${wait}
      PERFORM pg_advisory_xact_lock(7346001);
      UPDATE audit_anchor SET head_seq = new_seq, head_hash = new_hash, mac = new_mac, updated_at = moved_at
        WHERE id = 1 AND head_seq = expected_seq AND head_hash = expected_hash;
      IF NOT FOUND THEN
        RAISE EXCEPTION 'the audit chain head is no longer %', expected_seq USING ERRCODE = 'TD001';
      END IF;
      PERFORM setval(pg_get_serial_sequence('audit_entries', 'seq'), new_seq);
    END $$`;
}
