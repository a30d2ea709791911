import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Cluster } from '../clusters/cluster.entity';

/**
 * A file the system issued (signed PDF): its SHA-256, what it is, and where it is kept under data/.
 * The same content (content key) is issued once; downloads of an unchanged document get the same bytes.
 */
@Entity('issued_documents')
@Index('ux_issued_documents_sha256', ['sha256'], { unique: true })
@Index('ux_issued_documents_content', ['sourceId', 'contentKey'], { unique: true })
export class IssuedDocument {
  @PrimaryColumn('varchar', { length: 36 }) id: string;
  /** PLEDGE, later MINUTES, SUBMISSION… */
  @Column('varchar', { length: 30 }) kind: string;

  /** The cluster that issued it; null for a document of the organiser (its emulation council's minutes). */
  @Column('varchar', { name: 'cluster_id', length: 36, nullable: true }) clusterId: string | null;
  @ManyToOne(() => Cluster, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'cluster_id', foreignKeyConstraintName: 'fk_issued_documents_cluster' })
  cluster?: Cluster;

  @Column('varchar', { name: 'organizer_id', length: 36, nullable: true }) organizerId: string | null;
  /** The issuing body as the document names it (Cụm thi đua số 6; Hội đồng Thi đua – Khen thưởng Bộ …). */
  @Column('varchar', { name: 'issuer_name', length: 300, nullable: true }) issuerName: string | null;

  @Column('integer') year: number;
  /** The record the document renders (e.g. the pledge) and that record's version at the time. */
  @Column('varchar', { name: 'source_id', length: 36 }) sourceId: string;
  @Column('integer', { name: 'source_version' }) sourceVersion: number;
  /** SHA-256 of everything the document shows: equal keys mean equal content. */
  @Column('varchar', { name: 'content_key', length: 64 }) contentKey: string;
  @Column('varchar', { length: 300 }) title: string;
  /** e.g. "Dự thảo", "Đã ký đủ". */
  @Column('varchar', { name: 'status_label', length: 40 }) statusLabel: string;
  @Column('varchar', { length: 64 }) sha256: string;
  @Column('integer', { name: 'size_bytes' }) sizeBytes: number;
  /** Relative to the data directory. */
  @Column('varchar', { name: 'file_path', length: 200 }) filePath: string;
  @Column('varchar', { name: 'issued_at', length: 30 }) issuedAt: string;
  @Column('varchar', { name: 'issued_by', length: 50 }) issuedBy: string;

  // The input information of an outgoing document (Decree 30/2020 Appendix VI, Part II, I), as the document prints it;
  // null on documents issued before it was kept, and where the document prints none (a draft's number and date).
  /** The issuing body's code in this system (cluster's document code or organiser's unit code); not the Appendix's 13-character mã định danh. */
  @Column('varchar', { name: 'issuer_code', length: 50, nullable: true }) issuerCode: string | null;
  /** Số, ký hiệu văn bản. */
  @Column('varchar', { name: 'document_number', length: 50, nullable: true }) documentNumber: string | null;
  /** Ngày, tháng, năm văn bản (YYYY-MM-DD). */
  @Column('varchar', { name: 'document_date', length: 10, nullable: true }) documentDate: string | null;
  /** Tên loại văn bản. */
  @Column('varchar', { name: 'document_type', length: 100, nullable: true }) documentType: string | null;
  /** Trích yếu nội dung. */
  @Column('varchar', { length: 500, nullable: true }) summary: string | null;
  /** Số trang, counted on the issued file. */
  @Column('integer', { name: 'page_count', nullable: true }) pageCount: number | null;
  /** Chức vụ người ký; several signers joined by "; ". */
  @Column('text', { name: 'signer_position', nullable: true }) signerPosition: string | null;
  /** Họ và tên người ký, in the order of the positions. */
  @Column('text', { name: 'signer_name', nullable: true }) signerName: string | null;
  /** Nơi nhận: a JSON array of strings. */
  @Column('text', { nullable: true }) recipients: string | null;
}
