import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from './user.entity';

/** A one-time recovery code of an account's second factor, stored as its SHA-256 only. */
@Entity('mfa_recovery_codes')
export class MfaRecoveryCode {
  @PrimaryColumn('varchar', { length: 36 }) id: string;

  @Index('ix_mfa_recovery_codes_user')
  @Column('varchar', { name: 'user_id', length: 36 })
  userId: string;
  @ManyToOne(() => User, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_mfa_recovery_codes_user' })
  user?: User;

  @Column('varchar', { name: 'code_hash', length: 64 }) codeHash: string;
  @Column('varchar', { name: 'created_at', length: 30 }) createdAt: string;
  @Column('varchar', { name: 'used_at', length: 30, nullable: true }) usedAt: string | null;
}
