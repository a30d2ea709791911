import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { col, fk } from './table-helpers';

/** Evidence files attached to criteria of score sheets. */
export class Evidence1764100000000 implements MigrationInterface {
  name = 'Evidence1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'evidence_files',
        columns: [
          col.id(),
          col.ref('sheet_id'),
          col.text('criterion_code', 20),
          col.text('file_name', 200),
          col.text('mime_type', 100),
          col.int('size_bytes'),
          col.text('sha256', 64),
          col.text('file_path', 200),
          col.text('uploaded_by', 50),
          col.timestamp('uploaded_at'),
        ],
        indices: [{ name: 'ix_evidence_files_sheet', columnNames: ['sheet_id'] }],
        foreignKeys: [fk('fk_evidence_files_sheet', 'sheet_id', 'score_sheets', 'CASCADE')],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('evidence_files');
  }
}
