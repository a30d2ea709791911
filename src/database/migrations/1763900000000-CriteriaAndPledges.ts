import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { col, fk, versioned } from './table-helpers';

/** Criteria sets (versioned trees), pledges, their signatures, and the register of issued documents. */
export class CriteriaAndPledges1763900000000 implements MigrationInterface {
  name = 'CriteriaAndPledges1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'criteria_sets',
        columns: [
          col.id(),
          col.ref('cluster_id'),
          col.int('year'),
          col.int('version_no'),
          col.text('title', 300),
          col.int('total_points'),
          col.text('origin', 60),
          col.text('amendment_reason', 500, true),
          col.timestamp('locked_at', true),
          ...versioned(),
        ],
        uniques: [{ name: 'uq_criteria_sets_version', columnNames: ['cluster_id', 'year', 'version_no'] }],
        indices: [{ name: 'ix_criteria_sets_cluster_year', columnNames: ['cluster_id', 'year'] }],
        foreignKeys: [fk('fk_criteria_sets_cluster', 'cluster_id', 'clusters')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'criteria',
        columns: [
          col.id(),
          col.ref('set_id'),
          col.ref('parent_id', true),
          col.int('position'),
          col.text('code', 20),
          col.longText('text', false),
          col.longText('guidance'),
          col.int('max_points'),
          col.text('kind', 10),
          col.bool('evidence_required'),
        ],
        uniques: [{ name: 'uq_criteria_code', columnNames: ['set_id', 'code'] }],
        indices: [{ name: 'ix_criteria_set', columnNames: ['set_id'] }],
        foreignKeys: [fk('fk_criteria_set', 'set_id', 'criteria_sets', 'CASCADE'), fk('fk_criteria_parent', 'parent_id', 'criteria', 'CASCADE')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'pledges',
        columns: [
          col.id(),
          col.ref('cluster_id'),
          col.int('year'),
          col.text('status', 12),
          col.text('document_number', 40, true),
          col.text('title', 300),
          col.text('theme', 500, true),
          col.longText('legal_bases', false),
          col.longText('purpose', false),
          col.longText('implementation', false),
          col.text('signing_place', 100),
          col.date('signing_date', false),
          col.ref('criteria_set_id'),
          col.timestamp('opened_at', true),
          col.timestamp('completed_at', true),
          ...versioned(),
        ],
        uniques: [{ name: 'uq_pledges_cluster_year', columnNames: ['cluster_id', 'year'] }],
        foreignKeys: [fk('fk_pledges_cluster', 'cluster_id', 'clusters'), fk('fk_pledges_criteria_set', 'criteria_set_id', 'criteria_sets')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'pledge_signatures',
        columns: [
          col.id(),
          col.ref('pledge_id'),
          col.ref('unit_id'),
          col.text('signer_name', 120),
          col.text('signer_title', 120),
          col.ref('signed_by_user_id'),
          col.timestamp('signed_at'),
          col.text('ip', 64, true),
          col.text('user_agent', 300, true),
          col.timestamp('withdrawn_at', true),
          col.text('withdrawn_reason', 500, true),
        ],
        indices: [{ name: 'ux_pledge_signatures_active', columnNames: ['pledge_id', 'unit_id'], isUnique: true, where: 'withdrawn_at IS NULL' }],
        foreignKeys: [
          fk('fk_pledge_signatures_pledge', 'pledge_id', 'pledges'),
          fk('fk_pledge_signatures_unit', 'unit_id', 'units'),
          fk('fk_pledge_signatures_user', 'signed_by_user_id', 'users'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'issued_documents',
        columns: [
          col.id(),
          col.text('kind', 30),
          col.ref('cluster_id'),
          col.int('year'),
          col.ref('source_id'),
          col.int('source_version'),
          col.text('content_key', 64),
          col.text('title', 300),
          col.text('status_label', 40),
          col.text('sha256', 64),
          col.int('size_bytes'),
          col.text('file_path', 200),
          col.timestamp('issued_at'),
          col.text('issued_by', 50),
        ],
        indices: [
          { name: 'ux_issued_documents_sha256', columnNames: ['sha256'], isUnique: true },
          { name: 'ux_issued_documents_content', columnNames: ['source_id', 'content_key'], isUnique: true },
        ],
        foreignKeys: [fk('fk_issued_documents_cluster', 'cluster_id', 'clusters')],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['issued_documents', 'pledge_signatures', 'pledges', 'criteria', 'criteria_sets']) await q.dropTable(table);
  }
}
