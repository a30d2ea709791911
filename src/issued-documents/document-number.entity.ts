import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';

/**
 * Số văn bản: numbers run per issuer, per year and per type of document from 01 (Decree 30), and a
 * document keeps the number it was first given.
 */
@Entity('document_numbers')
@Unique('uq_document_numbers_source', ['sourceId', 'typeCode'])
export class DocumentNumber {
  @PrimaryColumn('varchar', { name: 'issuer_id', length: 36, primaryKeyConstraintName: 'pk_document_numbers' }) issuerId: string;
  @PrimaryColumn('integer', { primaryKeyConstraintName: 'pk_document_numbers' }) year: number;
  /** TTr, BB, QĐ, BC, KH… */
  @PrimaryColumn('varchar', { name: 'type_code', length: 10, primaryKeyConstraintName: 'pk_document_numbers' }) typeCode: string;
  @PrimaryColumn('integer', { primaryKeyConstraintName: 'pk_document_numbers' }) seq: number;
  @Column('varchar', { name: 'source_id', length: 36 }) sourceId: string;
  @Column('varchar', { name: 'created_at', length: 30 }) createdAt: string;
}
