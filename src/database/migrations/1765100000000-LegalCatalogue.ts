import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { col, versioned } from './table-helpers';

/** The legal catalogue as versioned data: texts (with their citation) and figures by period (legal.entities). */
export class LegalCatalogue1765100000000 implements MigrationInterface {
  name = 'LegalCatalogue1765100000000';

  async up(q: QueryRunner): Promise<void> {
    const common = [col.text('source_url', 500, true), col.text('assumption', 800, true), ...versioned()];
    await q.createTable(
      new Table({
        name: 'legal_texts',
        columns: [
          col.id(), col.text('code', 40), col.text('kind', 40), col.text('role', 20), col.text('sector', 40, true), col.text('number', 60),
          col.date('signed_on'), col.text('issuer', 200), col.text('title', 500), col.date('effective_from'), col.date('effective_to'),
          col.text('citation', 800, true), col.text('source_article', 300, true), ...common,
        ],
        indices: [{ name: 'ux_legal_texts_code', columnNames: ['code'], isUnique: true }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'legal_values',
        columns: [
          col.id(), col.text('code', 60), col.text('kind', 30), col.text('subject', 40), col.date('effective_from'), col.date('effective_to'),
          col.int('amount', true), col.bool('strictly_above'), col.int('quorum', true), col.text('label', 300, true), col.text('text_ref', 120, true),
          col.text('article', 200, true), ...common,
        ],
        indices: [{ name: 'ux_legal_values_code', columnNames: ['code'], isUnique: true }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('legal_values');
    await q.dropTable('legal_texts');
  }
}
