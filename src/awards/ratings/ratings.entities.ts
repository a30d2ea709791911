import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Unit } from '../../units/unit.entity';

/** The legal ratings of a collective's year (mức độ hoàn thành nhiệm vụ), given by the competent authority. */
export const COLLECTIVE_RATINGS = ['EXCELLENT', 'GOOD', 'COMPLETED', 'NOT_COMPLETED'] as const;
export type CollectiveRatingCode = (typeof COLLECTIVE_RATINGS)[number];
export const COLLECTIVE_RATING_LABELS: Record<CollectiveRatingCode, string> = {
  EXCELLENT: 'Hoàn thành xuất sắc nhiệm vụ',
  GOOD: 'Hoàn thành tốt nhiệm vụ',
  COMPLETED: 'Hoàn thành nhiệm vụ',
  NOT_COMPLETED: 'Không hoàn thành nhiệm vụ',
};

/** A unit's legal rating for a year, with the deciding body and its decision (not the cluster's points band). */
@Entity('collective_ratings')
@Index('ux_collective_ratings_unit_year', ['unitId', 'year'], { unique: true })
export class CollectiveRating {
  @PrimaryColumn('varchar', { length: 36 }) id: string;
  @Column('varchar', { name: 'unit_id', length: 36 }) unitId: string;
  @ManyToOne(() => Unit, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'fk_collective_ratings_unit' })
  unit?: Unit;
  @Column('integer') year: number;
  @Column('varchar', { length: 20 }) rating: CollectiveRatingCode;
  @Column('varchar', { name: 'decided_by', length: 300 }) decidedBy: string;
  @Column('varchar', { name: 'decision_number', length: 60 }) decisionNumber: string;
  @Column('varchar', { name: 'decision_date', length: 10 }) decisionDate: string;
  @Column('integer') version: number;
  @Column('varchar', { name: 'created_at', length: 30 }) createdAt: string;
  @Column('varchar', { name: 'updated_at', length: 30 }) updatedAt: string;
}

/** What stops a unit from being proposed while it lasts: discipline, inspection findings, an unresolved complaint. */
export const IMPEDIMENT_KINDS = ['DISCIPLINE', 'INSPECTION', 'COMPLAINT'] as const;
export type ImpedimentKind = (typeof IMPEDIMENT_KINDS)[number];
export const IMPEDIMENT_LABELS: Record<ImpedimentKind, string> = {
  DISCIPLINE: 'đang bị kỷ luật hoặc đang bị xem xét kỷ luật',
  INSPECTION: 'đang bị thanh tra, kiểm tra có dấu hiệu vi phạm',
  COMPLAINT: 'có đơn thư khiếu nại, tố cáo đang được xác minh, làm rõ',
};

@Entity('award_impediments')
@Index('ix_award_impediments_unit', ['unitId'])
export class AwardImpediment {
  @PrimaryColumn('varchar', { length: 36 }) id: string;
  @Column('varchar', { name: 'unit_id', length: 36 }) unitId: string;
  @ManyToOne(() => Unit, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'fk_award_impediments_unit' })
  unit?: Unit;
  @Column('varchar', { length: 20 }) kind: ImpedimentKind;
  @Column('varchar', { name: 'from_date', length: 10 }) fromDate: string;
  /** The day it ended (the discipline served, the finding closed, the complaint resolved); null while it lasts. */
  @Column('varchar', { name: 'to_date', length: 10, nullable: true }) toDate: string | null;
  @Column('varchar', { length: 200 }) reference: string;
  @Column('varchar', { length: 500, nullable: true }) note: string | null;
  @Column('integer') version: number;
  @Column('varchar', { name: 'created_at', length: 30 }) createdAt: string;
  @Column('varchar', { name: 'updated_at', length: 30 }) updatedAt: string;
}
