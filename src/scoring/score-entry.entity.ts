import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ScoreSheet } from './score-sheet.entity';

/** Điểm of one criterion (a leaf of the tree) on one sheet, in hundredths (penalties negative). */
@Entity('score_entries')
export class ScoreEntry {
  @PrimaryColumn('varchar', { name: 'sheet_id', length: 36, primaryKeyConstraintName: 'pk_score_entries' }) sheetId: string;
  @ManyToOne(() => ScoreSheet, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'sheet_id', foreignKeyConstraintName: 'fk_score_entries_sheet' })
  sheet?: ScoreSheet;

  @PrimaryColumn('varchar', { name: 'criterion_code', length: 20, primaryKeyConstraintName: 'pk_score_entries' }) criterionCode: string;
  @Column('integer') points: number;
  @Column('varchar', { length: 1000, nullable: true }) note: string | null;
  /** The fact entered for a measured criterion (hundredths), from which the points follow; null for points given. */
  @Column('integer', { nullable: true }) achieved: number | null;
}
