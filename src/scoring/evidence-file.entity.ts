import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ScoreSheet } from './score-sheet.entity';

/** Tài liệu minh chứng for one criterion of a sheet, kept under data/evidence with its SHA-256. */
@Entity('evidence_files')
@Index('ix_evidence_files_sheet', ['sheetId'])
export class EvidenceFile {
  @PrimaryColumn('varchar', { length: 36 }) id: string;

  @Column('varchar', { name: 'sheet_id', length: 36 }) sheetId: string;
  @ManyToOne(() => ScoreSheet, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'sheet_id', foreignKeyConstraintName: 'fk_evidence_files_sheet' })
  sheet?: ScoreSheet;

  @Column('varchar', { name: 'criterion_code', length: 20 }) criterionCode: string;
  @Column('varchar', { name: 'file_name', length: 200 }) fileName: string;
  @Column('varchar', { name: 'mime_type', length: 100 }) mimeType: string;
  @Column('integer', { name: 'size_bytes' }) sizeBytes: number;
  @Column('varchar', { length: 64 }) sha256: string;
  /** Relative to the data directory. */
  @Column('varchar', { name: 'file_path', length: 200 }) filePath: string;
  @Column('varchar', { name: 'uploaded_by', length: 50 }) uploadedBy: string;
  @Column('varchar', { name: 'uploaded_at', length: 30 }) uploadedAt: string;
}
