import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { col, fk, versioned } from './table-helpers';

/**
 * Criteria that measure (measure.rules): a criterion's measure and formula, the achieved value a scorer enters,
 * and each unit's target (or "not applicable" with its reason) per criterion of a set, locked with the pledge.
 * Conflicts of interest in peer scoring: relations declared between units, the secretariat's overrides, and whether
 * the cluster-year forbids reciprocal peer scoring. The explanation round (giải trình): its closing day, and each
 * unit's contest of a criterion with the secretariat's answer.
 */
export class MeasuredCriteria1765800000000 implements MigrationInterface {
  name = 'MeasuredCriteria1765800000000';

  async up(q: QueryRunner): Promise<void> {
    // Plain ALTER TABLE on both databases: TypeORM's SQLite runner would rebuild these referenced tables.
    await q.query("ALTER TABLE criteria ADD COLUMN measure varchar(14) NOT NULL DEFAULT 'POINTS'");
    await q.query('ALTER TABLE criteria ADD COLUMN formula varchar(20)');
    await q.query('ALTER TABLE criteria ADD COLUMN per_count integer');
    await q.query('ALTER TABLE criteria ADD COLUMN bands varchar(2000)');
    await q.query('ALTER TABLE criteria ADD COLUMN fact_unit varchar(30)');
    await q.query('ALTER TABLE score_entries ADD COLUMN achieved integer');
    await q.createTable(
      new Table({
        name: 'criterion_targets',
        columns: [
          col.id(), col.ref('set_id'), col.text('criterion_code', 20), col.ref('unit_id'), col.int('target', true),
          col.text('not_applicable_reason', 500, true), col.timestamp('updated_at'),
        ],
        foreignKeys: [fk('fk_criterion_targets_set', 'set_id', 'criteria_sets', 'CASCADE'), fk('fk_criterion_targets_unit', 'unit_id', 'units')],
        indices: [{ name: 'ux_criterion_targets', columnNames: ['set_id', 'criterion_code', 'unit_id'], isUnique: true }],
      }),
    );
    // SQLite keeps a default as written: 0, as the entity's `default: false` is rendered there (PostgreSQL: false).
    const falseDefault = q.connection.options.type === 'better-sqlite3' ? '(0)' : 'false';
    await q.query(`ALTER TABLE scoring_configs ADD COLUMN forbid_reciprocal boolean NOT NULL DEFAULT ${falseDefault}`);
    await q.createTable(
      new Table({
        name: 'unit_relations',
        columns: [col.id(), col.ref('unit_a_id'), col.ref('unit_b_id'), col.text('reason', 500), col.text('created_by', 100), col.timestamp('created_at')],
        foreignKeys: [fk('fk_unit_relations_a', 'unit_a_id', 'units'), fk('fk_unit_relations_b', 'unit_b_id', 'units')],
        indices: [{ name: 'ux_unit_relations', columnNames: ['unit_a_id', 'unit_b_id'], isUnique: true }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'peer_conflict_overrides',
        columns: [
          col.id(), col.ref('cluster_id'), col.int('year'), col.ref('scorer_unit_id'), col.ref('target_unit_id'), col.text('reason', 500),
          col.text('created_by', 100), col.timestamp('created_at'),
        ],
        foreignKeys: [fk('fk_peer_conflict_overrides_cluster', 'cluster_id', 'clusters')],
        indices: [{ name: 'ux_peer_conflict_overrides', columnNames: ['cluster_id', 'year', 'scorer_unit_id', 'target_unit_id'], isUnique: true }],
      }),
    );
    await q.query('ALTER TABLE scoring_configs ADD COLUMN contest_until varchar(10)');
    await q.createTable(
      new Table({
        name: 'score_contests',
        columns: [
          col.id(), col.ref('cluster_id'), col.int('year'), col.ref('unit_id'), col.text('criterion_code', 20), col.int('points_before'),
          col.longText('explanation', false), col.text('evidence', 1000, true), col.text('status', 10), col.int('points_after', true),
          col.text('answer', 1000, true), col.text('created_by', 100), col.text('answered_by', 100, true), col.timestamp('answered_at', true), ...versioned(),
        ],
        foreignKeys: [fk('fk_score_contests_cluster', 'cluster_id', 'clusters'), fk('fk_score_contests_unit', 'unit_id', 'units')],
        indices: [{ name: 'ix_score_contests_year', columnNames: ['cluster_id', 'year'] }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('score_contests');
    await q.query('ALTER TABLE scoring_configs DROP COLUMN contest_until');
    await q.dropTable('peer_conflict_overrides');
    await q.dropTable('unit_relations');
    await q.query('ALTER TABLE scoring_configs DROP COLUMN forbid_reciprocal');
    await q.dropTable('criterion_targets');
    await q.query('ALTER TABLE score_entries DROP COLUMN achieved');
    for (const c of ['fact_unit', 'bands', 'per_count', 'formula', 'measure']) await q.query(`ALTER TABLE criteria DROP COLUMN ${c}`);
  }
}
