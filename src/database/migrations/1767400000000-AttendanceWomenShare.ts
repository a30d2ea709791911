import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each member's share of women as the review meeting recorded it (with its attendance), in hundredths of a percent:
 * the decree in force prefers, among equally qualified collectives, those with at least the catalogue's share.
 * Recorded per meeting, so a past year is judged by that year's figure, not by a unit's staff today.
 */
export class AttendanceWomenShare1767400000000 implements MigrationInterface {
  name = 'AttendanceWomenShare1767400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE meeting_attendance ADD COLUMN women_share_hundredths integer');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE meeting_attendance DROP COLUMN women_share_hundredths');
  }
}
