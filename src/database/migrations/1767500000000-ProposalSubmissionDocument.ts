import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The Tờ trình a proposal was last sent with (issued_documents.id): set when the sending issues it (or finds the one
 * that still stands, for a proposal sent again unchanged), or when the secretariat issues it later with the
 * original's date (a year re-entered after it passed). The reviewer's pages show its number and date. Null for
 * proposals sent before this column (they show the day the sending was recorded, as before).
 */
export class ProposalSubmissionDocument1767500000000 implements MigrationInterface {
  name = 'ProposalSubmissionDocument1767500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE award_proposals ADD COLUMN submission_document_id varchar(36)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE award_proposals DROP COLUMN submission_document_id');
  }
}
