import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Append-only audit record, chained by hash: hash = sha256(prevHash + canonical content).
 * Database triggers refuse UPDATE and DELETE; the verifying endpoint recomputes the chain.
 */
@Entity('audit_entries')
@Index('ix_audit_entity', ['entityType', 'entityId'])
@Index('ix_audit_occurred_at', ['occurredAt'])
@Index('ix_audit_cluster', ['clusterId'])
export class AuditEntry {
  @PrimaryGeneratedColumn('increment', { primaryKeyConstraintName: 'pk_audit_entries' }) seq: number;
  @Column('varchar', { name: 'occurred_at', length: 30 }) occurredAt: string;
  @Column('varchar', { name: 'actor_id', length: 36, nullable: true }) actorId: string | null;
  @Column('varchar', { name: 'actor_username', length: 50 }) actorUsername: string;
  @Column('varchar', { length: 80 }) action: string;
  @Column('varchar', { name: 'entity_type', length: 50 }) entityType: string;
  @Column('varchar', { name: 'entity_id', length: 80 }) entityId: string;
  @Column('text', { nullable: true }) before: string | null;
  @Column('text', { nullable: true }) after: string | null;
  @Column('varchar', { length: 500, nullable: true }) reason: string | null;
  @Column('varchar', { name: 'request_id', length: 64, nullable: true }) requestId: string | null;
  /** Scope of the record, so reviewers and secretariats see only their own trail. */
  @Column('varchar', { name: 'organizer_id', length: 36, nullable: true }) organizerId: string | null;
  @Column('varchar', { name: 'cluster_id', length: 36, nullable: true }) clusterId: string | null;
  @Column('varchar', { name: 'prev_hash', length: 64 }) prevHash: string;
  @Column('varchar', { length: 64 }) hash: string;
}
