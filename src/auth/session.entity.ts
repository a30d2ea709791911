import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from './user.entity';

/** A login. Tokens name their session; revoking it (logout, password change, disabling) ends the token at once. */
@Entity('sessions')
@Index('ix_sessions_user', ['userId'])
export class Session {
  @PrimaryColumn('varchar', { length: 36 }) id: string;

  @Column('varchar', { name: 'user_id', length: 36 }) userId: string;
  @ManyToOne(() => User, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_sessions_user' })
  user?: User;

  @Column('varchar', { name: 'created_at', length: 30 }) createdAt: string;
  @Column('varchar', { name: 'expires_at', length: 30 }) expiresAt: string;
  @Column('varchar', { name: 'revoked_at', length: 30, nullable: true }) revokedAt: string | null;
  @Column('varchar', { length: 64, nullable: true }) ip: string | null;
  @Column('varchar', { name: 'user_agent', length: 300, nullable: true }) userAgent: string | null;
}
