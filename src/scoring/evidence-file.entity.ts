import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { Attachment } from '../attachments/attachment.entity';
import { ScoreSheet } from './score-sheet.entity';

/** Tài liệu minh chứng for one criterion of a sheet, kept under data/evidence with its SHA-256. */
@Entity('evidence_files')
@Index('ix_evidence_files_sheet', ['sheetId'])
export class EvidenceFile extends Attachment {
  @Column('varchar', { name: 'sheet_id', length: 36 }) sheetId: string;
  @ManyToOne(() => ScoreSheet, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'sheet_id', foreignKeyConstraintName: 'fk_evidence_files_sheet' })
  sheet?: ScoreSheet;

  @Column('varchar', { name: 'criterion_code', length: 20 }) criterionCode: string;
}
