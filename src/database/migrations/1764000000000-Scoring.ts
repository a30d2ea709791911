import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { col, fk, versioned } from './table-helpers';

/** Scoring configuration per cluster-year, score sheets and their entries. */
export class Scoring1764000000000 implements MigrationInterface {
  name = 'Scoring1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'scoring_configs',
        columns: [
          { ...col.ref('cluster_id'), isPrimary: true, primaryKeyConstraintName: 'pk_scoring_configs' },
          { ...col.int('year'), isPrimary: true, primaryKeyConstraintName: 'pk_scoring_configs' },
          col.text('rule', 30),
          col.bool('normalize'),
          col.int('self_margin'),
          col.int('peer_outlier'),
          col.longText('bands', false),
          col.text('peer_mode', 10),
          col.int('peer_k'),
          col.timestamp('published_at', true),
          ...versioned(),
        ],
        foreignKeys: [fk('fk_scoring_configs_cluster', 'cluster_id', 'clusters')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'score_sheets',
        columns: [
          col.id(),
          col.ref('cluster_id'),
          col.int('year'),
          col.ref('criteria_set_id'),
          col.ref('target_unit_id'),
          col.text('scorer_kind', 10),
          col.text('scorer_key', 36),
          col.ref('scorer_unit_id', true),
          col.text('status', 10),
          col.text('return_reason', 500, true),
          col.timestamp('submitted_at', true),
          col.timestamp('locked_at', true),
          col.text('created_by', 50),
          ...versioned(),
        ],
        uniques: [{ name: 'uq_score_sheets_scorer', columnNames: ['cluster_id', 'year', 'target_unit_id', 'scorer_kind', 'scorer_key'] }],
        indices: [{ name: 'ix_score_sheets_cluster_year', columnNames: ['cluster_id', 'year'] }],
        foreignKeys: [
          fk('fk_score_sheets_cluster', 'cluster_id', 'clusters'),
          fk('fk_score_sheets_criteria_set', 'criteria_set_id', 'criteria_sets'),
          fk('fk_score_sheets_target', 'target_unit_id', 'units'),
          fk('fk_score_sheets_scorer', 'scorer_unit_id', 'units'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'score_entries',
        columns: [
          { ...col.ref('sheet_id'), isPrimary: true, primaryKeyConstraintName: 'pk_score_entries' },
          { ...col.text('criterion_code', 20), isPrimary: true, primaryKeyConstraintName: 'pk_score_entries' },
          col.int('points'),
          col.text('note', 1000, true),
        ],
        foreignKeys: [fk('fk_score_entries_sheet', 'sheet_id', 'score_sheets', 'CASCADE')],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['score_entries', 'score_sheets', 'scoring_configs']) await q.dropTable(table);
  }
}
