import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../auth/user.entity';
import { Unit } from '../units/unit.entity';
import { Pledge } from './pledge.entity';

/**
 * A member unit's signature of the pledge: who, when, from where. Withdrawn signatures stay
 * (with their reason); at most one active signature per unit (a partial unique index).
 */
@Entity('pledge_signatures')
@Index('ux_pledge_signatures_active', ['pledgeId', 'unitId'], { unique: true, where: 'withdrawn_at IS NULL' })
export class PledgeSignature {
  @PrimaryColumn('varchar', { length: 36 }) id: string;

  @Column('varchar', { name: 'pledge_id', length: 36 }) pledgeId: string;
  @ManyToOne(() => Pledge, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'pledge_id', foreignKeyConstraintName: 'fk_pledge_signatures_pledge' })
  pledge?: Pledge;

  @Column('varchar', { name: 'unit_id', length: 36 }) unitId: string;
  @ManyToOne(() => Unit, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'fk_pledge_signatures_unit' })
  unit?: Unit;

  /** The leader who signs for the unit, and the title printed under the unit's name. */
  @Column('varchar', { name: 'signer_name', length: 120 }) signerName: string;
  @Column('varchar', { name: 'signer_title', length: 120 }) signerTitle: string;

  @Column('varchar', { name: 'signed_by_user_id', length: 36 }) signedByUserId: string;
  @ManyToOne(() => User, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'signed_by_user_id', foreignKeyConstraintName: 'fk_pledge_signatures_user' })
  signedBy?: User;

  @Column('varchar', { name: 'signed_at', length: 30 }) signedAt: string;
  /**
   * Signed on paper on this day (at the signing conference, or a past year entered later): the secretariat recorded
   * it, signedBy and signedAt saying who recorded it and when. Null: signed in the system by the unit itself.
   */
  @Column('varchar', { name: 'paper_signed_on', length: 10, nullable: true }) paperSignedOn: string | null;
  @Column('varchar', { length: 64, nullable: true }) ip: string | null;
  @Column('varchar', { name: 'user_agent', length: 300, nullable: true }) userAgent: string | null;

  @Column('varchar', { name: 'withdrawn_at', length: 30, nullable: true }) withdrawnAt: string | null;
  @Column('varchar', { name: 'withdrawn_reason', length: 500, nullable: true }) withdrawnReason: string | null;
}
