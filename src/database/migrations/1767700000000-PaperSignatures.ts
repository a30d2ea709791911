import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A pledge signed on paper at the signing conference, recorded by the secretariat: the day the paper was signed (the
 * row's signed_at and signed_by_user_id are then when and by whom it was recorded).
 */
export class PaperSignatures1767700000000 implements MigrationInterface {
  name = 'PaperSignatures1767700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE pledge_signatures ADD COLUMN paper_signed_on varchar(10)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE pledge_signatures DROP COLUMN paper_signed_on');
  }
}
