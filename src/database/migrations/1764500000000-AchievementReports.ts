import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { col, fk } from './table-helpers';

/** Achievement reports attached to award proposals. */
export class AchievementReports1764500000000 implements MigrationInterface {
  name = 'AchievementReports1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'achievement_reports',
        columns: [col.id(), col.ref('proposal_id'), col.text('file_name', 200), col.text('mime_type', 100), col.int('size_bytes'), col.text('sha256', 64), col.text('file_path', 200), col.text('uploaded_by', 50), col.timestamp('uploaded_at')],
        indices: [{ name: 'ix_achievement_reports_proposal', columnNames: ['proposal_id'] }],
        foreignKeys: [fk('fk_achievement_reports_proposal', 'proposal_id', 'award_proposals', 'CASCADE')],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('achievement_reports');
  }
}
