import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { col, fk, versioned } from './table-helpers';

/** Award rule versions, quotas, review meetings with attendance and ballots. */
export class Awards1764200000000 implements MigrationInterface {
  name = 'Awards1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'award_rule_versions',
        columns: [col.id(), col.text('basis', 200), col.date('valid_from', false), col.date('valid_to'), col.int('flag_min_approval'), col.int('merit_min_approval'), col.text('note', 500, true), col.timestamp('created_at')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'award_quotas',
        columns: [
          { ...col.ref('cluster_id'), isPrimary: true, primaryKeyConstraintName: 'pk_award_quotas' },
          { ...col.int('year'), isPrimary: true, primaryKeyConstraintName: 'pk_award_quotas' },
          { ...col.text('award_code', 30), isPrimary: true, primaryKeyConstraintName: 'pk_award_quotas' },
          col.int('quota'),
          col.timestamp('updated_at'),
        ],
        foreignKeys: [fk('fk_award_quotas_cluster', 'cluster_id', 'clusters')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'review_meetings',
        columns: [
          col.id(),
          col.ref('cluster_id'),
          col.int('year'),
          col.date('held_on', false),
          col.text('place', 200),
          col.text('chaired_by', 200),
          col.text('minutes_by', 200),
          col.longText('tie_decisions', false),
          col.longText('conclusions'),
          ...versioned(),
        ],
        uniques: [{ name: 'uq_review_meetings_cluster_year', columnNames: ['cluster_id', 'year'] }],
        foreignKeys: [fk('fk_review_meetings_cluster', 'cluster_id', 'clusters')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'meeting_attendance',
        columns: [
          { ...col.ref('meeting_id'), isPrimary: true, primaryKeyConstraintName: 'pk_meeting_attendance' },
          { ...col.ref('unit_id'), isPrimary: true, primaryKeyConstraintName: 'pk_meeting_attendance' },
          col.text('status', 20),
          col.text('representative', 200, true),
        ],
        foreignKeys: [fk('fk_meeting_attendance_meeting', 'meeting_id', 'review_meetings', 'CASCADE'), fk('fk_meeting_attendance_unit', 'unit_id', 'units')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'ballots',
        columns: [
          { ...col.ref('meeting_id'), isPrimary: true, primaryKeyConstraintName: 'pk_ballots' },
          { ...col.text('award_code', 30), isPrimary: true, primaryKeyConstraintName: 'pk_ballots' },
          { ...col.ref('unit_id'), isPrimary: true, primaryKeyConstraintName: 'pk_ballots' },
          col.int('votes_for'),
        ],
        foreignKeys: [fk('fk_ballots_meeting', 'meeting_id', 'review_meetings', 'CASCADE'), fk('fk_ballots_unit', 'unit_id', 'units')],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['ballots', 'meeting_attendance', 'review_meetings', 'award_quotas', 'award_rule_versions']) await q.dropTable(table);
  }
}
