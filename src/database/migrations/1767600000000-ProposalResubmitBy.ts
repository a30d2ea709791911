import { MigrationInterface, QueryRunner } from 'typeorm';

/** The date Bộ gives a returned proposal to be resent by ("Hạn gửi bổ sung"), instead of the year's past deadline. */
export class ProposalResubmitBy1767600000000 implements MigrationInterface {
  name = 'ProposalResubmitBy1767600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE award_proposals ADD COLUMN resubmit_by varchar(10)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE award_proposals DROP COLUMN resubmit_by');
  }
}
