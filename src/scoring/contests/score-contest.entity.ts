import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Cluster } from '../../clusters/cluster.entity';
import { Unit } from '../../units/unit.entity';

export const CONTEST_STATUSES = ['OPEN', 'ACCEPTED', 'KEPT'] as const;
export type ContestStatus = (typeof CONTEST_STATUSES)[number];
export const CONTEST_STATUS_LABELS: Record<ContestStatus, string> = { OPEN: 'Chờ trả lời', ACCEPTED: 'Chấp nhận, đã sửa điểm', KEPT: 'Giữ nguyên điểm' };

/**
 * Giải trình: a unit explains or contests the provisional consolidated points of one criterion, with evidence; the
 * secretariat accepts it with a new score (the consolidated sheet changes) or keeps the score with a reason.
 */
@Entity('score_contests')
@Index('ix_score_contests_year', ['clusterId', 'year'])
export class ScoreContest {
  @PrimaryColumn('varchar', { length: 36 }) id: string;
  @Column('varchar', { name: 'cluster_id', length: 36 }) clusterId: string;
  @ManyToOne(() => Cluster, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'cluster_id', foreignKeyConstraintName: 'fk_score_contests_cluster' })
  cluster?: Cluster;
  @Column('integer') year: number;
  @Column('varchar', { name: 'unit_id', length: 36 }) unitId: string;
  @ManyToOne(() => Unit, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'fk_score_contests_unit' })
  unit?: Unit;
  @Column('varchar', { name: 'criterion_code', length: 20 }) criterionCode: string;
  /** The consolidated points contested, hundredths. */
  @Column('integer', { name: 'points_before' }) pointsBefore: number;
  @Column('text') explanation: string;
  @Column('varchar', { length: 1000, nullable: true }) evidence: string | null;
  @Column('varchar', { length: 10 }) status: ContestStatus;
  @Column('integer', { name: 'points_after', nullable: true }) pointsAfter: number | null;
  @Column('varchar', { length: 1000, nullable: true }) answer: string | null;
  @Column('varchar', { name: 'created_by', length: 100 }) createdBy: string;
  @Column('varchar', { name: 'answered_by', length: 100, nullable: true }) answeredBy: string | null;
  @Column('varchar', { name: 'answered_at', length: 30, nullable: true }) answeredAt: string | null;
  @Column('integer') version: number;
  @Column('varchar', { name: 'created_at', length: 30 }) createdAt: string;
  @Column('varchar', { name: 'updated_at', length: 30 }) updatedAt: string;
}
