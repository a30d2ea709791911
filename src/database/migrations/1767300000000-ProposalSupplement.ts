import { MigrationInterface, QueryRunner } from 'typeorm';

/** What the cluster added when it resent a returned proposal ("Nội dung bổ sung"), shown to the ministry's reviewer. */
export class ProposalSupplement1767300000000 implements MigrationInterface {
  name = 'ProposalSupplement1767300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE award_proposals ADD COLUMN supplement_note varchar(500)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE award_proposals DROP COLUMN supplement_note');
  }
}
