import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Cluster } from '../../clusters/cluster.entity';

/**
 * Quy chế hoạt động of a cluster, as the cluster adopted it, versioned by the date it applies from: the shares of
 * ALL members its review meeting needs per award (reached, or strictly exceeded), the quorum of members present,
 * and its rules of rotation, scoring and quotas in words. The cluster's vote follows the version in force on the
 * meeting's date; the minutes cite it.
 */
@Entity('cluster_regulations')
@Index('ux_cluster_regulations_from', ['clusterId', 'effectiveFrom'], { unique: true })
export class ClusterRegulation {
  @PrimaryColumn('varchar', { length: 36 }) id: string;
  @Column('varchar', { name: 'cluster_id', length: 36 }) clusterId: string;
  @ManyToOne(() => Cluster, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'cluster_id', foreignKeyConstraintName: 'fk_cluster_regulations_cluster' })
  cluster?: Cluster;
  /** How the regulation is cited: "Quy chế hoạt động của Cụm thi đua số 6 ban hành kèm theo …". */
  @Column('varchar', { length: 500 }) title: string;
  @Column('varchar', { name: 'adopted_on', length: 10 }) adoptedOn: string;
  @Column('varchar', { name: 'effective_from', length: 10 }) effectiveFrom: string;
  @Column('integer', { name: 'flag_share' }) flagShare: number;
  @Column('boolean', { name: 'flag_strictly_above' }) flagStrictlyAbove: boolean;
  @Column('integer', { name: 'merit_share' }) meritShare: number;
  @Column('boolean', { name: 'merit_strictly_above' }) meritStrictlyAbove: boolean;
  /** Members present needed for the meeting to decide (basis points of all members); null: the regulation sets none. */
  @Column('integer', { nullable: true }) quorum: number | null;
  /**
   * Whether the regulation counts the written opinions of absent members in the secret ballot: true it does, false it
   * does not; null: it does not say (then they are not counted, and the tally says so).
   */
  @Column('boolean', { name: 'written_opinions_counted', nullable: true }) writtenOpinionsCounted: boolean | null;
  @Column('varchar', { name: 'rotation_rule', length: 1000, nullable: true }) rotationRule: string | null;
  @Column('varchar', { name: 'scoring_rule', length: 1000, nullable: true }) scoringRule: string | null;
  @Column('varchar', { name: 'quota_rule', length: 1000, nullable: true }) quotaRule: string | null;
  @Column('integer') version: number;
  @Column('varchar', { name: 'created_at', length: 30 }) createdAt: string;
  @Column('varchar', { name: 'updated_at', length: 30 }) updatedAt: string;
}
