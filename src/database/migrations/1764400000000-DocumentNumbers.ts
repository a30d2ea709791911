import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { col } from './table-helpers';

/** Document numbers per issuer, year and type. */
export class DocumentNumbers1764400000000 implements MigrationInterface {
  name = 'DocumentNumbers1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'document_numbers',
        columns: [
          { ...col.ref('issuer_id'), isPrimary: true, primaryKeyConstraintName: 'pk_document_numbers' },
          { ...col.int('year'), isPrimary: true, primaryKeyConstraintName: 'pk_document_numbers' },
          { ...col.text('type_code', 10), isPrimary: true, primaryKeyConstraintName: 'pk_document_numbers' },
          { ...col.int('seq'), isPrimary: true, primaryKeyConstraintName: 'pk_document_numbers' },
          col.ref('source_id'),
          col.timestamp('created_at'),
        ],
        uniques: [{ name: 'uq_document_numbers_source', columnNames: ['source_id', 'type_code'] }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('document_numbers');
  }
}
