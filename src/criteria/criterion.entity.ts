import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import type { CriterionKind } from './criteria.rules';
import type { Formula, Measure } from './measure.rules';
import { CriteriaSet } from './criteria-set.entity';
import { Unit } from '../units/unit.entity';

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
  /** How the points follow (measure.rules): POINTS as given, or from a fact the scorer enters. */
  @Column('varchar', { length: 14, default: 'POINTS' }) measure: Measure;
  @Column('varchar', { length: 20, nullable: true }) formula: Formula | null;
  /** PER_COUNT: points per occurrence, hundredths. */
  @Column('integer', { name: 'per_count', nullable: true }) perCount: number | null;
  /** BANDED: JSON [{from, points}] in hundredths. */
  @Column('varchar', { length: 2000, nullable: true }) bands: string | null;
  @Column('varchar', { name: 'fact_unit', length: 30, nullable: true }) factUnit: string | null;
}

/** A unit's target for a quantitative criterion of a set, or the criterion marked not applicable to it with the reason. */
@Entity('criterion_targets')
@Index('ux_criterion_targets', ['setId', 'criterionCode', 'unitId'], { unique: true })
export class CriterionTarget {
  @PrimaryColumn('varchar', { length: 36 }) id: string;
  @Column('varchar', { name: 'set_id', length: 36 }) setId: string;
  @ManyToOne(() => CriteriaSet, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'set_id', foreignKeyConstraintName: 'fk_criterion_targets_set' })
  set?: CriteriaSet;
  @Column('varchar', { name: 'criterion_code', length: 20 }) criterionCode: string;
  @Column('varchar', { name: 'unit_id', length: 36 }) unitId: string;
  @ManyToOne(() => Unit, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'fk_criterion_targets_unit' })
  unit?: Unit;
  /** Hundredths of the criterion's fact unit; null when only marked not applicable. */
  @Column('integer', { nullable: true }) target: number | null;
  @Column('varchar', { name: 'not_applicable_reason', length: 500, nullable: true }) notApplicableReason: string | null;
  @Column('varchar', { name: 'updated_at', length: 30 }) updatedAt: string;
}
