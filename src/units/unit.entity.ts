import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/** ORGANIZER: a body that organises clusters (Bộ TTTT); MEMBER: a unit that takes part (Sở TTTT tỉnh Gia Lai). */
export const UNIT_KINDS = ['ORGANIZER', 'MEMBER'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** Đơn vị. History is never rewritten: a merged unit gets activeTo and a successor. */
@Entity('units')
export class Unit {
  @PrimaryColumn('varchar', { length: 36 }) id: string;

  @Index('ux_units_code', { unique: true })
  @Column('varchar', { length: 40 })
  code: string;

  @Column('varchar', { length: 20 }) kind: UnitKind;
  @Column('varchar', { length: 300 }) name: string;
  @Column('varchar', { name: 'short_name', length: 120 }) shortName: string;
  @Column('varchar', { length: 100, nullable: true }) province: string | null;

  @Column('varchar', { name: 'parent_id', length: 36, nullable: true }) parentId: string | null;
  @ManyToOne(() => Unit, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_id', foreignKeyConstraintName: 'fk_units_parent' })
  parent?: Unit | null;

  @Column('varchar', { name: 'active_from', length: 10, nullable: true }) activeFrom: string | null;
  @Column('varchar', { name: 'active_to', length: 10, nullable: true }) activeTo: string | null;

  @Index('ix_units_successor')
  @Column('varchar', { name: 'successor_id', length: 36, nullable: true }) successorId: string | null;
  @ManyToOne(() => Unit, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'successor_id', foreignKeyConstraintName: 'fk_units_successor' })
  successor?: Unit | null;

  /** The legal text behind activeTo/successor (e.g. "Nghị quyết số 202/2025/QH15 …, Điều 1 khoản 15"). */
  @Column('varchar', { name: 'succession_basis', length: 600, nullable: true }) successionBasis: string | null;
  /** What the record assumes and why (shown wherever the unit's succession is shown). */
  @Column('varchar', { length: 1000, nullable: true }) note: string | null;

  /** Share of women in hundredths of a percent (7000 = 70 %): between equally qualified award candidates, a confirmed WOMEN_PREFERENCE of the legal catalogue favours it. */
  @Column('integer', { name: 'women_share_hundredths', nullable: true }) womenShareHundredths: number | null;

  /** Accent-folded text for search ("Đắk Lắk" → "dak lak"). */
  @Index('ix_units_search_key')
  @Column('varchar', { name: 'search_key', length: 800 })
  searchKey: string;

  @Column('integer') version: number;
  @Column('varchar', { name: 'created_at', length: 30 }) createdAt: string;
  @Column('varchar', { name: 'updated_at', length: 30 }) updatedAt: string;
}
