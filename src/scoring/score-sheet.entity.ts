import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { Cluster } from '../clusters/cluster.entity';
import { CriteriaSet } from '../criteria/criteria-set.entity';
import { Unit } from '../units/unit.entity';
import type { ScorerKind } from './ranking.rules';

export const SHEET_STATUSES = ['DRAFT', 'SUBMITTED', 'RETURNED', 'LOCKED'] as const;
export type SheetStatus = (typeof SHEET_STATUSES)[number];

export const SHEET_STATUS_LABELS: Record<SheetStatus, string> = {
  DRAFT: 'Nháp',
  SUBMITTED: 'Đã nộp',
  RETURNED: 'Trả lại',
  LOCKED: 'Đã khóa',
};

export const SCORER_KIND_LABELS: Record<ScorerKind, string> = {
  SELF: 'Tự chấm',
  PEER: 'Chấm chéo',
  CLUSTER: 'Điểm cụm thống nhất',
  MINISTRY: 'Thẩm định của Bộ',
};

/** Phiếu chấm điểm: one per cluster-year, target unit and scorer. */
@Entity('score_sheets')
@Unique('uq_score_sheets_scorer', ['clusterId', 'year', 'targetUnitId', 'scorerKind', 'scorerKey'])
@Index('ix_score_sheets_cluster_year', ['clusterId', 'year'])
export class ScoreSheet {
  @PrimaryColumn('varchar', { length: 36 }) id: string;

  @Column('varchar', { name: 'cluster_id', length: 36 }) clusterId: string;
  @ManyToOne(() => Cluster, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'cluster_id', foreignKeyConstraintName: 'fk_score_sheets_cluster' })
  cluster?: Cluster;

  @Column('integer') year: number;

  @Column('varchar', { name: 'criteria_set_id', length: 36 }) criteriaSetId: string;
  @ManyToOne(() => CriteriaSet, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'criteria_set_id', foreignKeyConstraintName: 'fk_score_sheets_criteria_set' })
  criteriaSet?: CriteriaSet;

  @Column('varchar', { name: 'target_unit_id', length: 36 }) targetUnitId: string;
  @ManyToOne(() => Unit, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'target_unit_id', foreignKeyConstraintName: 'fk_score_sheets_target' })
  targetUnit?: Unit;

  @Column('varchar', { name: 'scorer_kind', length: 10 }) scorerKind: ScorerKind;
  /** The scoring unit's id (SELF, PEER) or "CLUSTER" / "MINISTRY": unique per target. */
  @Column('varchar', { name: 'scorer_key', length: 36 }) scorerKey: string;
  @Column('varchar', { name: 'scorer_unit_id', length: 36, nullable: true }) scorerUnitId: string | null;
  @ManyToOne(() => Unit, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'scorer_unit_id', foreignKeyConstraintName: 'fk_score_sheets_scorer' })
  scorerUnit?: Unit | null;

  @Column('varchar', { length: 10 }) status: SheetStatus;
  @Column('varchar', { name: 'return_reason', length: 500, nullable: true }) returnReason: string | null;
  @Column('varchar', { name: 'submitted_at', length: 30, nullable: true }) submittedAt: string | null;
  @Column('varchar', { name: 'locked_at', length: 30, nullable: true }) lockedAt: string | null;
  @Column('varchar', { name: 'created_by', length: 50 }) createdBy: string;

  @Column('integer') version: number;
  @Column('varchar', { name: 'created_at', length: 30 }) createdAt: string;
  @Column('varchar', { name: 'updated_at', length: 30 }) updatedAt: string;
}
