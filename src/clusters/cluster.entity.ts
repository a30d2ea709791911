import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { Unit } from '../units/unit.entity';

/** Cụm thi đua: a numbered group of member units under one organiser. */
@Entity('clusters')
@Unique('uq_clusters_organizer_number', ['organizerId', 'number'])
export class Cluster {
  @PrimaryColumn('varchar', { length: 36 }) id: string;

  @Column('varchar', { name: 'organizer_id', length: 36 }) organizerId: string;
  @ManyToOne(() => Unit, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organizer_id', foreignKeyConstraintName: 'fk_clusters_organizer' })
  organizer?: Unit;

  @Column('integer') number: number;
  @Column('varchar', { length: 200 }) name: string;
  /** Issuer code used in document numbers, e.g. "CTĐ6" in "Số: 05/TTr-CTĐ6". */
  @Column('varchar', { name: 'document_code', length: 20 }) documentCode: string;

  /** The cluster this one continues (a cluster of the predecessor organiser, e.g. Bộ TTTT's Cụm 6 for Bộ KH&CN's). */
  @Column('varchar', { name: 'predecessor_id', length: 36, nullable: true }) predecessorId: string | null;

  @Column('integer') version: number;
  @Column('varchar', { name: 'created_at', length: 30 }) createdAt: string;
  @Column('varchar', { name: 'updated_at', length: 30 }) updatedAt: string;
}
