import { Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Cluster } from '../clusters/cluster.entity';
import { User } from './user.entity';

/** The clusters a cluster secretary works for. */
@Entity('user_cluster_scopes')
export class UserClusterScope {
  @PrimaryColumn('varchar', { name: 'user_id', length: 36, primaryKeyConstraintName: 'pk_user_cluster_scopes' })
  userId: string;
  @ManyToOne(() => User, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_user_cluster_scopes_user' })
  user?: User;

  @PrimaryColumn('varchar', { name: 'cluster_id', length: 36, primaryKeyConstraintName: 'pk_user_cluster_scopes' })
  clusterId: string;
  @ManyToOne(() => Cluster, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'cluster_id', foreignKeyConstraintName: 'fk_user_cluster_scopes_cluster' })
  cluster?: Cluster;
}
