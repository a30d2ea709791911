import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { Cluster } from '../clusters/cluster.entity';

/**
 * Bộ tiêu chí of a cluster-year, in versions: version 1 is the original; once the pledge is signed
 * the set is locked, and a later change is an amendment (a new version with its reason). Old versions stay.
 */
@Entity('criteria_sets')
@Unique('uq_criteria_sets_version', ['clusterId', 'year', 'versionNo'])
@Index('ix_criteria_sets_cluster_year', ['clusterId', 'year'])
export class CriteriaSet {
  @PrimaryColumn('varchar', { length: 36 }) id: string;

  @Column('varchar', { name: 'cluster_id', length: 36 }) clusterId: string;
  @ManyToOne(() => Cluster, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'cluster_id', foreignKeyConstraintName: 'fk_criteria_sets_cluster' })
  cluster?: Cluster;

  @Column('integer') year: number;
  @Column('integer', { name: 'version_no' }) versionNo: number;
  @Column('varchar', { length: 300 }) title: string;
  /** Sum of the top-level scored criteria, in hundredths (usually 10000 = 100 points). */
  @Column('integer', { name: 'total_points' }) totalPoints: number;
  /** Where it came from: "TEMPLATE:CUM6-2020", "COPY:2019", "AMENDMENT:1", "MANUAL". */
  @Column('varchar', { length: 60 }) origin: string;
  @Column('varchar', { name: 'amendment_reason', length: 500, nullable: true }) amendmentReason: string | null;
  @Column('varchar', { name: 'locked_at', length: 30, nullable: true }) lockedAt: string | null;

  @Column('integer') version: number;
  @Column('varchar', { name: 'created_at', length: 30 }) createdAt: string;
  @Column('varchar', { name: 'updated_at', length: 30 }) updatedAt: string;
}
