import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { col, fk, versioned } from './table-helpers';

/** Award proposals and the award history of units. */
export class Proposals1764300000000 implements MigrationInterface {
  name = 'Proposals1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'award_proposals',
        columns: [
          col.id(),
          col.ref('cluster_id'),
          col.int('year'),
          col.text('award_code', 30),
          col.ref('unit_id'),
          col.text('status', 12),
          col.int('votes_for'),
          col.int('approval'),
          col.text('basis_note', 500),
          col.ref('created_by_user_id'),
          col.ref('reviewer_user_id', true),
          col.text('review_note', 500, true),
          col.text('decision_number', 60, true),
          col.date('decision_date'),
          col.timestamp('submitted_at', true),
          ...versioned(),
        ],
        uniques: [{ name: 'uq_award_proposals_unit', columnNames: ['cluster_id', 'year', 'award_code', 'unit_id'] }],
        indices: [{ name: 'ix_award_proposals_status', columnNames: ['status'] }],
        foreignKeys: [fk('fk_award_proposals_cluster', 'cluster_id', 'clusters'), fk('fk_award_proposals_unit', 'unit_id', 'units')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'award_history',
        columns: [col.id(), col.ref('unit_id'), col.int('year'), col.text('award_code', 30), col.ref('cluster_id'), col.text('decision_number', 60), col.date('decision_date', false), col.ref('proposal_id'), col.timestamp('created_at')],
        uniques: [{ name: 'uq_award_history_proposal', columnNames: ['proposal_id'] }],
        indices: [{ name: 'ix_award_history_unit', columnNames: ['unit_id'] }],
        foreignKeys: [fk('fk_award_history_unit', 'unit_id', 'units')],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('award_history');
    await q.dropTable('award_proposals');
  }
}
