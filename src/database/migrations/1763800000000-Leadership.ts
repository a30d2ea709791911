import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { col, fk, versioned } from './table-helpers';

/** Chair and vice-chair terms per cluster-year, and each cluster's agreed rotation order. */
export class Leadership1763800000000 implements MigrationInterface {
  name = 'Leadership1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'leadership_terms',
        columns: [
          col.id(),
          col.ref('cluster_id'),
          col.int('year'),
          col.ref('chair_unit_id'),
          col.ref('vice_chair_unit_id', true),
          col.ref('host_unit_id', true),
          col.text('method', 30),
          col.text('decision_number', 60, true),
          col.date('decision_date'),
          col.text('note', 500, true),
          ...versioned(),
        ],
        uniques: [{ name: 'uq_leadership_terms_cluster_year', columnNames: ['cluster_id', 'year'] }],
        foreignKeys: [
          fk('fk_leadership_terms_cluster', 'cluster_id', 'clusters'),
          fk('fk_leadership_terms_chair', 'chair_unit_id', 'units'),
          fk('fk_leadership_terms_vice_chair', 'vice_chair_unit_id', 'units'),
          fk('fk_leadership_terms_host', 'host_unit_id', 'units'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'rotation_policies',
        columns: [
          { ...col.ref('cluster_id'), isPrimary: true, primaryKeyConstraintName: 'pk_rotation_policies' },
          col.longText('unit_order', false),
          ...versioned(),
        ],
        foreignKeys: [fk('fk_rotation_policies_cluster', 'cluster_id', 'clusters')],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('rotation_policies');
    await q.dropTable('leadership_terms');
  }
}
