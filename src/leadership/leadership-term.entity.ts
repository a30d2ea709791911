import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { Cluster } from '../clusters/cluster.entity';
import { Unit } from '../units/unit.entity';

/** How a term was decided. */
export const TERM_METHODS = ['ROTATION', 'ELECTION', 'ORGANIZER_DECISION'] as const;
export type TermMethod = (typeof TERM_METHODS)[number];

export const TERM_METHOD_LABELS: Record<TermMethod, string> = {
  ROTATION: 'Luân phiên theo quy chế',
  ELECTION: 'Bầu tại hội nghị bình xét',
  ORGANIZER_DECISION: 'Quyết định của cơ quan tổ chức',
};

/** Nhiệm kỳ Cụm trưởng / Cụm phó of one cluster for one year (one term per cluster-year). */
@Entity('leadership_terms')
@Unique('uq_leadership_terms_cluster_year', ['clusterId', 'year'])
@Index('ix_leadership_terms_chair', ['chairUnitId'])
export class LeadershipTerm {
  @PrimaryColumn('varchar', { length: 36 }) id: string;

  @Column('varchar', { name: 'cluster_id', length: 36 }) clusterId: string;
  @ManyToOne(() => Cluster, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'cluster_id', foreignKeyConstraintName: 'fk_leadership_terms_cluster' })
  cluster?: Cluster;

  @Column('integer') year: number;

  @Column('varchar', { name: 'chair_unit_id', length: 36 }) chairUnitId: string;
  @ManyToOne(() => Unit, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'chair_unit_id', foreignKeyConstraintName: 'fk_leadership_terms_chair' })
  chairUnit?: Unit;

  /** Null when the records do not name the vice-chair. */
  @Column('varchar', { name: 'vice_chair_unit_id', length: 36, nullable: true }) viceChairUnitId: string | null;
  @ManyToOne(() => Unit, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'vice_chair_unit_id', foreignKeyConstraintName: 'fk_leadership_terms_vice_chair' })
  viceChairUnit?: Unit | null;

  /** Đơn vị đăng cai the year's meetings. */
  @Column('varchar', { name: 'host_unit_id', length: 36, nullable: true }) hostUnitId: string | null;
  @ManyToOne(() => Unit, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'host_unit_id', foreignKeyConstraintName: 'fk_leadership_terms_host' })
  hostUnit?: Unit | null;

  @Column('varchar', { length: 30 }) method: TermMethod;
  /** The organiser's decision, e.g. "123/QĐ-BTTTT", with its date. */
  @Column('varchar', { name: 'decision_number', length: 60, nullable: true }) decisionNumber: string | null;
  @Column('varchar', { name: 'decision_date', length: 10, nullable: true }) decisionDate: string | null;
  @Column('varchar', { length: 500, nullable: true }) note: string | null;

  @Column('integer') version: number;
  @Column('varchar', { name: 'created_at', length: 30 }) createdAt: string;
  @Column('varchar', { name: 'updated_at', length: 30 }) updatedAt: string;
}
