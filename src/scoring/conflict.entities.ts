import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';

/** A relation between two units declared with its reason (a conflict of interest in peer scoring, both ways). */
@Entity('unit_relations')
@Unique('ux_unit_relations', ['unitAId', 'unitBId'])
export class UnitRelation {
  @PrimaryColumn('varchar', { length: 36 }) id: string;
  @Column('varchar', { name: 'unit_a_id', length: 36 }) unitAId: string;
  @Column('varchar', { name: 'unit_b_id', length: 36 }) unitBId: string;
  @Column('varchar', { length: 500 }) reason: string;
  @Column('varchar', { name: 'created_by', length: 100 }) createdBy: string;
  @Column('varchar', { name: 'created_at', length: 30 }) createdAt: string;
}

/** The secretariat lets a conflicted peer assignment stand, with its reason. */
@Entity('peer_conflict_overrides')
@Unique('ux_peer_conflict_overrides', ['clusterId', 'year', 'scorerUnitId', 'targetUnitId'])
export class PeerConflictOverride {
  @PrimaryColumn('varchar', { length: 36 }) id: string;
  @Column('varchar', { name: 'cluster_id', length: 36 }) clusterId: string;
  @Column('integer') year: number;
  @Column('varchar', { name: 'scorer_unit_id', length: 36 }) scorerUnitId: string;
  @Column('varchar', { name: 'target_unit_id', length: 36 }) targetUnitId: string;
  @Column('varchar', { length: 500 }) reason: string;
  @Column('varchar', { name: 'created_by', length: 100 }) createdBy: string;
  @Column('varchar', { name: 'created_at', length: 30 }) createdAt: string;
}
