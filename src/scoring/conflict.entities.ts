import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Cluster } from '../clusters/cluster.entity';
import { Unit } from '../units/unit.entity';

/** A relation between two units declared with its reason (a conflict of interest in peer scoring, both ways). */
@Entity('unit_relations')
@Index('ux_unit_relations', ['unitAId', 'unitBId'], { unique: true })
export class UnitRelation {
  @PrimaryColumn('varchar', { length: 36 }) id: string;
  @Column('varchar', { name: 'unit_a_id', length: 36 }) unitAId: string;
  @Column('varchar', { name: 'unit_b_id', length: 36 }) unitBId: string;
  @ManyToOne(() => Unit, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_a_id', foreignKeyConstraintName: 'fk_unit_relations_a' })
  unitA?: Unit;
  @ManyToOne(() => Unit, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_b_id', foreignKeyConstraintName: 'fk_unit_relations_b' })
  unitB?: Unit;
  @Column('varchar', { length: 500 }) reason: string;
  @Column('varchar', { name: 'created_by', length: 100 }) createdBy: string;
  @Column('varchar', { name: 'created_at', length: 30 }) createdAt: string;
}

/** The secretariat lets a conflicted peer assignment stand, with its reason. */
@Entity('peer_conflict_overrides')
@Index('ux_peer_conflict_overrides', ['clusterId', 'year', 'scorerUnitId', 'targetUnitId'], { unique: true })
export class PeerConflictOverride {
  @PrimaryColumn('varchar', { length: 36 }) id: string;
  @Column('varchar', { name: 'cluster_id', length: 36 }) clusterId: string;
  @ManyToOne(() => Cluster, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'cluster_id', foreignKeyConstraintName: 'fk_peer_conflict_overrides_cluster' })
  cluster?: Cluster;
  @Column('integer') year: number;
  @Column('varchar', { name: 'scorer_unit_id', length: 36 }) scorerUnitId: string;
  @Column('varchar', { name: 'target_unit_id', length: 36 }) targetUnitId: string;
  @Column('varchar', { length: 500 }) reason: string;
  @Column('varchar', { name: 'created_by', length: 100 }) createdBy: string;
  @Column('varchar', { name: 'created_at', length: 30 }) createdAt: string;
}
