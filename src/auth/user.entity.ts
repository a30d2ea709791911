import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Unit } from '../units/unit.entity';
import { Role } from '../common/auth/roles';

@Entity('users')
export class User {
  @PrimaryColumn('varchar', { length: 36 }) id: string;

  @Index('ux_users_username', { unique: true })
  @Column('varchar', { length: 50 })
  username: string;

  @Column('varchar', { name: 'full_name', length: 200 }) fullName: string;
  @Column('varchar', { length: 30 }) role: Role;

  /** The unit the person works for (required for unit officers). */
  @Column('varchar', { name: 'unit_id', length: 36, nullable: true }) unitId: string | null;
  @ManyToOne(() => Unit, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'fk_users_unit' })
  unit?: Unit | null;

  /** The organiser a ministry reviewer works for. */
  @Column('varchar', { name: 'organizer_id', length: 36, nullable: true }) organizerId: string | null;
  @ManyToOne(() => Unit, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organizer_id', foreignKeyConstraintName: 'fk_users_organizer' })
  organizer?: Unit | null;

  @Column('varchar', { name: 'password_hash', length: 200 }) passwordHash: string;
  @Column('boolean') active: boolean;
  @Column('varchar', { name: 'password_changed_at', length: 30 }) passwordChangedAt: string;

  /** The TOTP secret, encrypted with the server's key (never stored or logged in clear); null without MFA. */
  @Column('varchar', { name: 'mfa_secret', length: 300, nullable: true }) mfaSecret?: string | null;
  /** When the owner confirmed the enrolment with a first code; MFA is required from then on. */
  @Column('varchar', { name: 'mfa_enabled_at', length: 30, nullable: true }) mfaEnabledAt?: string | null;
  /** The last TOTP time step accepted: a code is accepted once (RFC 6238 §5.2). */
  @Column('integer', { name: 'mfa_last_step', nullable: true }) mfaLastStep?: number | null;

  /** Where reminders are e-mailed (null: none; the notifications in the app remain). */
  @Column('varchar', { length: 200, nullable: true }) email?: string | null;
  /** false: the person turned e-mail off (the notifications in the app remain). */
  @Column('boolean', { name: 'email_notifications', default: true }) emailNotifications?: boolean;

  @Column('integer') version: number;
  @Column('varchar', { name: 'created_at', length: 30 }) createdAt: string;
  @Column('varchar', { name: 'updated_at', length: 30 }) updatedAt: string;
}
