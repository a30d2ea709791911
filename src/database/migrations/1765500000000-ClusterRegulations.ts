import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { col, fk, versioned } from './table-helpers';

/** Quy chế hoạt động of each cluster, versioned by the date it applies from (regulation.entity). */
export class ClusterRegulations1765500000000 implements MigrationInterface {
  name = 'ClusterRegulations1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'cluster_regulations',
        columns: [
          col.id(), col.ref('cluster_id'), col.text('title', 500), col.date('adopted_on', false), col.date('effective_from', false),
          col.int('flag_share'), col.bool('flag_strictly_above'), col.int('merit_share'), col.bool('merit_strictly_above'), col.int('quorum', true),
          col.text('rotation_rule', 1000, true), col.text('scoring_rule', 1000, true), col.text('quota_rule', 1000, true), ...versioned(),
        ],
        foreignKeys: [fk('fk_cluster_regulations_cluster', 'cluster_id', 'clusters')],
        indices: [{ name: 'ux_cluster_regulations_from', columnNames: ['cluster_id', 'effective_from'], isUnique: true }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('cluster_regulations');
  }
}
