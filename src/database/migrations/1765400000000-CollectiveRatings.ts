import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { col, fk, versioned } from './table-helpers';

/**
 * The legal rating of a collective per year (hoàn thành xuất sắc nhiệm vụ…) with the deciding body and decision,
 * separate from the cluster's points band; and the impediments (discipline, inspection, complaint) to proposing a unit.
 */
export class CollectiveRatings1765400000000 implements MigrationInterface {
  name = 'CollectiveRatings1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'collective_ratings',
        columns: [col.id(), col.ref('unit_id'), col.int('year'), col.text('rating', 20), col.text('decided_by', 300), col.text('decision_number', 60), col.date('decision_date', false), ...versioned()],
        foreignKeys: [fk('fk_collective_ratings_unit', 'unit_id', 'units')],
        indices: [{ name: 'ux_collective_ratings_unit_year', columnNames: ['unit_id', 'year'], isUnique: true }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'award_impediments',
        columns: [col.id(), col.ref('unit_id'), col.text('kind', 20), col.date('from_date', false), col.date('to_date'), col.text('reference', 200), col.text('note', 500, true), ...versioned()],
        foreignKeys: [fk('fk_award_impediments_unit', 'unit_id', 'units')],
        indices: [{ name: 'ix_award_impediments_unit', columnNames: ['unit_id'] }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('award_impediments');
    await q.dropTable('collective_ratings');
  }
}
