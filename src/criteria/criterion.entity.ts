import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import type { CriterionKind } from './criteria.rules';
import { CriteriaSet } from './criteria-set.entity';

/** Tiêu chí (or a sub-item of one) in a criteria set version. */
@Entity('criteria')
@Unique('uq_criteria_code', ['setId', 'code'])
@Index('ix_criteria_set', ['setId'])
export class Criterion {
  @PrimaryColumn('varchar', { length: 36 }) id: string;

  @Column('varchar', { name: 'set_id', length: 36 }) setId: string;
  @ManyToOne(() => CriteriaSet, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'set_id', foreignKeyConstraintName: 'fk_criteria_set' })
  set?: CriteriaSet;

  @Column('varchar', { name: 'parent_id', length: 36, nullable: true }) parentId: string | null;
  @ManyToOne(() => Criterion, { nullable: true, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'parent_id', foreignKeyConstraintName: 'fk_criteria_parent' })
  parent?: Criterion | null;

  /** Order among siblings. */
  @Column('integer') position: number;
  @Column('varchar', { length: 20 }) code: string;
  @Column('text') text: string;
  @Column('text', { nullable: true }) guidance: string | null;
  @Column('integer', { name: 'max_points' }) maxPoints: number;
  @Column('varchar', { length: 10 }) kind: CriterionKind;
  @Column('boolean', { name: 'evidence_required' }) evidenceRequired: boolean;
}
