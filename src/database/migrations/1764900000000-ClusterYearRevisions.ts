import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { col, fk } from './table-helpers';

/**
 * One revision per cluster-year, bumped in the same transaction by every write to what that cluster-year's
 * scoring shows (its members and their units, criteria, sheets and entries, scoring configuration): the
 * ranking is cached per process under (cluster, year, revision), so every instance sees every change.
 */
export class ClusterYearRevisions1764900000000 implements MigrationInterface {
  name = 'ClusterYearRevisions1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'cluster_year_revisions',
        columns: [{ ...col.ref('cluster_id'), isPrimary: true }, { ...col.int('year'), isPrimary: true }, col.int('revision')],
        foreignKeys: [fk('fk_cluster_year_revisions_cluster', 'cluster_id', 'clusters', 'CASCADE')],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('cluster_year_revisions');
  }
}
