import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { Unit } from '../units/unit.entity';

/** Quyết định phân cụm: the organiser's decision dividing its units into clusters from a given year. */
@Entity('cluster_decisions')
@Unique('uq_cluster_decisions_number', ['organizerId', 'number'])
export class ClusterDecision {
  @PrimaryColumn('varchar', { length: 36 }) id: string;

  @Column('varchar', { name: 'organizer_id', length: 36 }) organizerId: string;
  @ManyToOne(() => Unit, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organizer_id', foreignKeyConstraintName: 'fk_cluster_decisions_organizer' })
  organizer?: Unit;

  /** e.g. "123/QĐ-BTTTT" */
  @Column('varchar', { length: 60 }) number: string;
  @Column('varchar', { name: 'signed_on', length: 10 }) signedOn: string;
  @Column('integer', { name: 'effective_year' }) effectiveYear: number;
  @Column('varchar', { length: 500, nullable: true }) summary: string | null;

  @Column('varchar', { name: 'created_at', length: 30 }) createdAt: string;
}
