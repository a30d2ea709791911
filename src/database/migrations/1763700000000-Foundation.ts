import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { col, fk, versioned } from './table-helpers';

/** Units, clusters, memberships, emulation years, accounts, sessions and the audit log. */
export class Foundation1763700000000 implements MigrationInterface {
  name = 'Foundation1763700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'units',
        columns: [
          col.id(),
          col.text('code', 40),
          col.text('kind', 20),
          col.text('name', 300),
          col.text('short_name', 120),
          col.text('province', 100, true),
          col.ref('parent_id', true),
          col.date('active_from'),
          col.date('active_to'),
          col.ref('successor_id', true),
          col.int('women_share_hundredths', true),
          col.text('search_key', 800),
          ...versioned(),
        ],
        indices: [
          { name: 'ux_units_code', columnNames: ['code'], isUnique: true },
          { name: 'ix_units_search_key', columnNames: ['search_key'] },
        ],
        foreignKeys: [fk('fk_units_parent', 'parent_id', 'units'), fk('fk_units_successor', 'successor_id', 'units')],
      }),
    );

    await q.createTable(
      new Table({
        name: 'clusters',
        columns: [col.id(), col.ref('organizer_id'), col.int('number'), col.text('name', 200), col.text('document_code', 20), ...versioned()],
        uniques: [{ name: 'uq_clusters_organizer_number', columnNames: ['organizer_id', 'number'] }],
        foreignKeys: [fk('fk_clusters_organizer', 'organizer_id', 'units')],
      }),
    );

    await q.createTable(
      new Table({
        name: 'cluster_decisions',
        columns: [
          col.id(),
          col.ref('organizer_id'),
          col.text('number', 60),
          col.date('signed_on', false),
          col.int('effective_year'),
          col.text('summary', 500, true),
          col.timestamp('created_at'),
        ],
        uniques: [{ name: 'uq_cluster_decisions_number', columnNames: ['organizer_id', 'number'] }],
        foreignKeys: [fk('fk_cluster_decisions_organizer', 'organizer_id', 'units')],
      }),
    );

    await q.createTable(
      new Table({
        name: 'memberships',
        columns: [
          col.id(),
          col.ref('cluster_id'),
          col.ref('unit_id'),
          col.ref('organizer_id'),
          col.int('year'),
          col.ref('decision_id', true),
          col.timestamp('created_at'),
        ],
        uniques: [{ name: 'uq_memberships_unit_year', columnNames: ['organizer_id', 'unit_id', 'year'] }],
        indices: [{ name: 'ix_memberships_cluster_year', columnNames: ['cluster_id', 'year'] }],
        foreignKeys: [
          fk('fk_memberships_cluster', 'cluster_id', 'clusters'),
          fk('fk_memberships_unit', 'unit_id', 'units'),
          fk('fk_memberships_organizer', 'organizer_id', 'units'),
          fk('fk_memberships_decision', 'decision_id', 'cluster_decisions'),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'emulation_years',
        columns: [
          col.id(),
          col.ref('cluster_id'),
          col.int('year'),
          col.date('pledge_signing_on'),
          col.date('mid_year_review_on'),
          col.date('scoring_opens_on'),
          col.date('scoring_closes_on'),
          col.date('review_meeting_on'),
          col.date('proposal_deadline'),
          ...versioned(),
        ],
        uniques: [{ name: 'uq_emulation_years_cluster_year', columnNames: ['cluster_id', 'year'] }],
        foreignKeys: [fk('fk_emulation_years_cluster', 'cluster_id', 'clusters')],
      }),
    );

    await q.createTable(
      new Table({
        name: 'users',
        columns: [
          col.id(),
          col.text('username', 50),
          col.text('full_name', 200),
          col.text('role', 30),
          col.ref('unit_id', true),
          col.ref('organizer_id', true),
          col.text('password_hash', 200),
          col.bool('active'),
          col.timestamp('password_changed_at'),
          ...versioned(),
        ],
        indices: [{ name: 'ux_users_username', columnNames: ['username'], isUnique: true }],
        foreignKeys: [fk('fk_users_unit', 'unit_id', 'units'), fk('fk_users_organizer', 'organizer_id', 'units')],
      }),
    );

    await q.createTable(
      new Table({
        name: 'user_cluster_scopes',
        columns: [
          { ...col.ref('user_id'), isPrimary: true, primaryKeyConstraintName: 'pk_user_cluster_scopes' },
          { ...col.ref('cluster_id'), isPrimary: true, primaryKeyConstraintName: 'pk_user_cluster_scopes' },
        ],
        foreignKeys: [
          fk('fk_user_cluster_scopes_user', 'user_id', 'users', 'CASCADE'),
          fk('fk_user_cluster_scopes_cluster', 'cluster_id', 'clusters'),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'sessions',
        columns: [
          col.id(),
          col.ref('user_id'),
          col.timestamp('created_at'),
          col.timestamp('expires_at'),
          col.timestamp('revoked_at', true),
          col.text('ip', 64, true),
          col.text('user_agent', 300, true),
        ],
        indices: [{ name: 'ix_sessions_user', columnNames: ['user_id'] }],
        foreignKeys: [fk('fk_sessions_user', 'user_id', 'users', 'CASCADE')],
      }),
    );

    await q.createTable(
      new Table({
        name: 'audit_entries',
        columns: [
          {
            name: 'seq',
            type: 'integer',
            isPrimary: true,
            isGenerated: true,
            generationStrategy: 'increment',
            primaryKeyConstraintName: 'pk_audit_entries',
          },
          col.timestamp('occurred_at'),
          col.ref('actor_id', true),
          col.text('actor_username', 50),
          col.text('action', 80),
          col.text('entity_type', 50),
          col.text('entity_id', 80),
          col.longText('before'),
          col.longText('after'),
          col.text('reason', 500, true),
          col.text('request_id', 64, true),
          col.ref('organizer_id', true),
          col.ref('cluster_id', true),
          col.text('prev_hash', 64),
          col.text('hash', 64),
        ],
        indices: [
          { name: 'ix_audit_entity', columnNames: ['entity_type', 'entity_id'] },
          { name: 'ix_audit_occurred_at', columnNames: ['occurred_at'] },
          { name: 'ix_audit_cluster', columnNames: ['cluster_id'] },
        ],
      }),
    );
    await this.makeAuditAppendOnly(q);
  }

  async down(q: QueryRunner): Promise<void> {
    if (q.connection.options.type === 'postgres') {
      await q.query('DROP TRIGGER IF EXISTS trg_audit_append_only ON audit_entries');
      await q.query('DROP TRIGGER IF EXISTS trg_audit_no_truncate ON audit_entries');
      await q.query('DROP FUNCTION IF EXISTS audit_append_only()');
    } else {
      await q.query('DROP TRIGGER IF EXISTS trg_audit_no_update');
      await q.query('DROP TRIGGER IF EXISTS trg_audit_no_delete');
    }
    // Units reference each other (parent, successor): unlink them so the table can be dropped.
    await q.query('UPDATE units SET parent_id = NULL, successor_id = NULL');
    for (const table of [
      'audit_entries',
      'sessions',
      'user_cluster_scopes',
      'users',
      'emulation_years',
      'memberships',
      'cluster_decisions',
      'clusters',
      'units',
    ]) {
      await q.dropTable(table);
    }
  }

  /** The audit log refuses UPDATE and DELETE at the database level too. */
  private async makeAuditAppendOnly(q: QueryRunner): Promise<void> {
    if (q.connection.options.type === 'postgres') {
      await q.query(`CREATE FUNCTION audit_append_only() RETURNS trigger AS $$
        BEGIN RAISE EXCEPTION 'audit_entries is append-only'; END; $$ LANGUAGE plpgsql`);
      await q.query(`CREATE TRIGGER trg_audit_append_only BEFORE UPDATE OR DELETE ON audit_entries
        FOR EACH ROW EXECUTE FUNCTION audit_append_only()`);
      await q.query(`CREATE TRIGGER trg_audit_no_truncate BEFORE TRUNCATE ON audit_entries
        FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only()`);
    } else {
      await q.query(`CREATE TRIGGER trg_audit_no_update BEFORE UPDATE ON audit_entries
        BEGIN SELECT RAISE(ABORT, 'audit_entries is append-only'); END`);
      await q.query(`CREATE TRIGGER trg_audit_no_delete BEFORE DELETE ON audit_entries
        BEGIN SELECT RAISE(ABORT, 'audit_entries is append-only'); END`);
    }
  }
}
