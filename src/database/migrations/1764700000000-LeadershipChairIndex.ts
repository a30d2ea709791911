import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/**
 * Every request of a cluster secretary reads the clusters its unit chairs or chaired (the secretariat follows
 * the chair): an index on the chair unit keeps that a lookup however many years of terms there are.
 */
export class LeadershipChairIndex1764700000000 implements MigrationInterface {
  name = 'LeadershipChairIndex1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createIndex('leadership_terms', new TableIndex({ name: 'ix_leadership_terms_chair', columnNames: ['chair_unit_id'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('leadership_terms', 'ix_leadership_terms_chair');
  }
}
