import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { col, fk } from './table-helpers';

/**
 * The review meeting's secret ballot (ballot.entities): sessions, the voter roll, the cast ballots and the paper
 * counts' double entry. The roll and the ballots are WITHOUT ROWID tables on SQLite: stored by their keys (unit,
 * random receipt), never in the order units voted.
 */
export class SecretBallot1765700000000 implements MigrationInterface {
  name = 'SecretBallot1765700000000';

  async up(q: QueryRunner): Promise<void> {
    const sqlite = q.connection.options.type === 'better-sqlite3';
    await q.createTable(
      new Table({
        name: 'ballot_sessions',
        columns: [
          col.id(), col.ref('meeting_id'), col.text('award_code', 30), col.text('mode', 10), col.text('status', 10), col.int('quota'), col.longText('candidates', false),
          col.longText('tally'), col.longText('counting_committee'), col.text('tie_reason', 1000, true), col.timestamp('opened_at'), col.timestamp('closed_at', true), col.int('version'),
        ],
        foreignKeys: [fk('fk_ballot_sessions_meeting', 'meeting_id', 'review_meetings')],
        uniques: [{ name: 'uq_ballot_sessions_award', columnNames: ['meeting_id', 'award_code'] }],
      }),
    );
    // A plain ADD COLUMN (no table rebuild on SQLite): null, the regulation does not say.
    await q.query(`ALTER TABLE "cluster_regulations" ADD COLUMN "written_opinions_counted" boolean NULL`);
    const withoutRowid = sqlite ? ' WITHOUT ROWID' : '';
    await q.query(
      `CREATE TABLE "ballot_voters" ("session_id" varchar(36) NOT NULL, "unit_id" varchar(36) NOT NULL, "voted" boolean NOT NULL, ` +
        `CONSTRAINT "pk_ballot_voters" PRIMARY KEY ("session_id", "unit_id"), CONSTRAINT "fk_ballot_voters_session" FOREIGN KEY ("session_id") REFERENCES "ballot_sessions" ("id") ON DELETE RESTRICT, ` +
        `CONSTRAINT "fk_ballot_voters_unit" FOREIGN KEY ("unit_id") REFERENCES "units" ("id") ON DELETE RESTRICT)${withoutRowid}`,
    );
    await q.query(
      `CREATE TABLE "cast_ballots" ("receipt" varchar(20) NOT NULL, "session_id" varchar(36) NOT NULL, "choices" text NOT NULL, ` +
        `CONSTRAINT "pk_cast_ballots" PRIMARY KEY ("receipt"), CONSTRAINT "fk_cast_ballots_session" FOREIGN KEY ("session_id") REFERENCES "ballot_sessions" ("id") ON DELETE RESTRICT)${withoutRowid}`,
    );
    await q.query(`CREATE INDEX "ix_cast_ballots_session" ON "cast_ballots" ("session_id", "receipt")`);
    await q.createTable(
      new Table({
        name: 'ballot_count_entries',
        columns: [
          { ...col.ref('session_id'), isPrimary: true, primaryKeyConstraintName: 'pk_ballot_count_entries' }, { ...col.int('turn'), isPrimary: true, primaryKeyConstraintName: 'pk_ballot_count_entries' }, col.ref('entered_by'), col.longText('figures', false), col.timestamp('entered_at'),
        ],
        foreignKeys: [fk('fk_ballot_count_entries_session', 'session_id', 'ballot_sessions'), fk('fk_ballot_count_entries_user', 'entered_by', 'users')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'written_opinions',
        columns: [
          col.id(), col.ref('session_id'), col.ref('unit_id'), col.longText('choices', false),
          col.text('file_name', 200), col.text('mime_type', 100), col.int('size_bytes'), col.text('sha256', 64), col.text('file_path', 200), col.text('uploaded_by', 50), col.timestamp('uploaded_at'),
        ],
        foreignKeys: [fk('fk_written_opinions_session', 'session_id', 'ballot_sessions'), fk('fk_written_opinions_unit', 'unit_id', 'units')],
        uniques: [{ name: 'uq_written_opinions_unit', columnNames: ['session_id', 'unit_id'] }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['written_opinions', 'ballot_count_entries', 'cast_ballots', 'ballot_voters', 'ballot_sessions']) await q.dropTable(t);
    await q.query(`ALTER TABLE "cluster_regulations" DROP COLUMN "written_opinions_counted"`);
  }
}
