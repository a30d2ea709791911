import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The vote shares a council meeting was closed against (JSON, per award), so that its result stays as decided when the
 * legal catalogue is edited later. Meetings closed before keep null: their shares are read from the catalogue.
 */
export class CouncilAppliedShares1767800000000 implements MigrationInterface {
  name = 'CouncilAppliedShares1767800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE council_meetings ADD COLUMN applied_shares varchar(4000)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE council_meetings DROP COLUMN applied_shares');
  }
}
