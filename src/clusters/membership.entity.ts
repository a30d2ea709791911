import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { Unit } from '../units/unit.entity';
import { Cluster } from './cluster.entity';
import { ClusterDecision } from './cluster-decision.entity';

/**
 * Thành viên cụm for one year. organizerId is copied from the cluster so that the database itself
 * guarantees a unit belongs to at most one cluster of the same organiser in a year.
 */
@Entity('memberships')
@Unique('uq_memberships_unit_year', ['organizerId', 'unitId', 'year'])
@Index('ix_memberships_cluster_year', ['clusterId', 'year'])
export class Membership {
  @PrimaryColumn('varchar', { length: 36 }) id: string;

  @Column('varchar', { name: 'cluster_id', length: 36 }) clusterId: string;
  @ManyToOne(() => Cluster, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'cluster_id', foreignKeyConstraintName: 'fk_memberships_cluster' })
  cluster?: Cluster;

  @Column('varchar', { name: 'unit_id', length: 36 }) unitId: string;
  @ManyToOne(() => Unit, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'fk_memberships_unit' })
  unit?: Unit;

  @Column('varchar', { name: 'organizer_id', length: 36 }) organizerId: string;
  @ManyToOne(() => Unit, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organizer_id', foreignKeyConstraintName: 'fk_memberships_organizer' })
  organizer?: Unit;

  @Column('integer') year: number;

  @Column('varchar', { name: 'decision_id', length: 36, nullable: true }) decisionId: string | null;
  @ManyToOne(() => ClusterDecision, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'decision_id', foreignKeyConstraintName: 'fk_memberships_decision' })
  decision?: ClusterDecision | null;

  /** The member's last day in the cluster that year when it merged into another unit mid-year (null: a member to the end). */
  @Column('varchar', { name: 'left_on', length: 10, nullable: true }) leftOn: string | null;

  /** Taken by the removal (a stale one answers 409). */
  @Column('integer', { default: 1 }) version: number;

  @Column('varchar', { name: 'created_at', length: 30 }) createdAt: string;
}
