import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { col } from './table-helpers';

/**
 * The input information of an outgoing document (Decree 30/2020 Appendix VI, Part II, I) on every issued document:
 * the issuing body's code in this system, number and notation, date, type, summary, page count, signer's position
 * and name, and the recipients (a JSON list). Lengths follow the Appendix where it gives one (type 100, summary
 * 500, date 10). Nullable: documents issued before keep null, and some documents print no number or date.
 */
export class DocumentMetadata1765300000000 implements MigrationInterface {
  name = 'DocumentMetadata1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('issued_documents', COLUMNS.map((c) => new TableColumn(c)));
  }

  async down(q: QueryRunner): Promise<void> {
    for (const c of [...COLUMNS].reverse()) await q.dropColumn('issued_documents', c.name);
  }
}

const COLUMNS = [
  col.text('issuer_code', 50, true),
  col.text('document_number', 50, true),
  col.date('document_date'),
  col.text('document_type', 100, true),
  col.text('summary', 500, true),
  col.int('page_count', true),
  col.longText('signer_position'),
  col.longText('signer_name'),
  col.longText('recipients'),
];
