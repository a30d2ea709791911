import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';
import { col, fk, versioned } from './table-helpers';

/**
 * The ministry's emulation council (Hội đồng Thi đua – Khen thưởng): its members by period, its meetings per
 * organiser and year with attendance and one ballot per proposal. The register of issued documents now also holds
 * documents of an organiser (the council's minutes): cluster_id becomes optional, with the organiser and the name
 * of the issuing body kept on each row.
 */
export class CouncilAndRegister1765200000000 implements MigrationInterface {
  name = 'CouncilAndRegister1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'council_members',
        columns: [col.id(), col.ref('organizer_id'), col.text('name', 200), col.text('position', 300), col.text('role', 20), col.date('from_date', false), col.date('to_date'), ...versioned()],
        foreignKeys: [fk('fk_council_members_organizer', 'organizer_id', 'units')],
        indices: [{ name: 'ix_council_members_organizer', columnNames: ['organizer_id'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'council_meetings',
        columns: [
          col.id(), col.ref('organizer_id'), col.int('year'), col.date('held_on', false), col.text('place', 200), col.text('minutes_by', 200), col.text('status', 10),
          col.timestamp('closed_at', true), col.text('conclusions', 2000, true), ...versioned(),
        ],
        foreignKeys: [fk('fk_council_meetings_organizer', 'organizer_id', 'units')],
        indices: [{ name: 'ux_council_meetings_organizer_year', columnNames: ['organizer_id', 'year'], isUnique: true }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'council_attendance',
        columns: [{ ...col.ref('meeting_id'), isPrimary: true }, { ...col.ref('member_id'), isPrimary: true }, col.text('status', 10)],
        foreignKeys: [fk('fk_council_attendance_meeting', 'meeting_id', 'council_meetings', 'CASCADE'), fk('fk_council_attendance_member', 'member_id', 'council_members')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'council_ballots',
        columns: [{ ...col.ref('meeting_id'), isPrimary: true }, { ...col.ref('proposal_id'), isPrimary: true }, col.int('votes_for'), col.bool('chair_for')],
        foreignKeys: [fk('fk_council_ballots_meeting', 'meeting_id', 'council_meetings', 'CASCADE'), fk('fk_council_ballots_proposal', 'proposal_id', 'award_proposals')],
      }),
    );
    await q.addColumns('issued_documents', [new TableColumn(col.ref('organizer_id', true)), new TableColumn(col.text('issuer_name', 300, true))]);
    await q.query(`UPDATE issued_documents SET organizer_id = (SELECT c.organizer_id FROM clusters c WHERE c.id = issued_documents.cluster_id), issuer_name = (SELECT c.name FROM clusters c WHERE c.id = issued_documents.cluster_id)`);
    // Only the NOT NULL goes: on PostgreSQL in place (TypeORM's changeColumn would drop and re-add the column there,
    // losing its values and its foreign key); SQLite cannot alter a column, so TypeORM rebuilds the table, rows kept.
    if (q.connection.options.type === 'postgres') await q.query('ALTER TABLE "issued_documents" ALTER COLUMN "cluster_id" DROP NOT NULL');
    else {
      const table = (await q.getTable('issued_documents'))!;
      await q.changeColumn(table, table.findColumnByName('cluster_id')!, new TableColumn({ ...col.ref('cluster_id', true) }));
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('issued_documents', 'issuer_name');
    await q.dropColumn('issued_documents', 'organizer_id');
    await q.dropTable('council_ballots');
    await q.dropTable('council_attendance');
    await q.dropTable('council_meetings');
    await q.dropTable('council_members');
  }
}
