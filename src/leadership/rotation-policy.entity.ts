import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { Cluster } from '../clusters/cluster.entity';

/** The agreed rotation order of a cluster's members (unit ids, JSON array). */
@Entity('rotation_policies')
export class RotationPolicy {
  @PrimaryColumn('varchar', { name: 'cluster_id', length: 36, primaryKeyConstraintName: 'pk_rotation_policies' }) clusterId: string;
  @OneToOne(() => Cluster, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'cluster_id', foreignKeyConstraintName: 'fk_rotation_policies_cluster' })
  cluster?: Cluster;

  @Column('text', { name: 'unit_order' }) unitOrder: string;

  @Column('integer') version: number;
  @Column('varchar', { name: 'created_at', length: 30 }) createdAt: string;
  @Column('varchar', { name: 'updated_at', length: 30 }) updatedAt: string;
}
