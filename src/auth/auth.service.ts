import { Inject, Injectable, Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import { EntityManager, IsNull } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-codes';
import { setActor } from '../common/request-context';
import { nowIso } from '../common/time';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.tokens';
import { UnitOfWork } from '../database/unit-of-work';
import { TokenView } from './auth.dto';
import { LoginThrottle } from './login-throttle';
import { PasswordService, passwordProblem } from './password.service';
import type { Principal } from './principal';
import { Session } from './session.entity';
import { User } from './user.entity';

export interface ClientInfo {
  ip?: string;
  userAgent?: string;
}

@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);
  private readonly throttle: LoginThrottle;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly uow: UnitOfWork,
    private readonly jwt: JwtService,
    private readonly passwords: PasswordService,
    private readonly audit: AuditService,
  ) {
    this.throttle = new LoginThrottle(config.loginMaxFailures, config.loginWindowSeconds * 1000);
  }

  async login(usernameInput: string, password: string, client: ClientInfo): Promise<TokenView> {
    const username = usernameInput.trim().toLowerCase();
    const userKey = `user:${username}`;
    const ipKey = `ip:${client.ip ?? 'unknown'}`;
    const wait = Math.max(
      this.throttle.retryAfterSeconds(userKey),
      this.throttle.retryAfterSeconds(ipKey, this.config.loginMaxFailures * 4),
    );
    if (wait > 0) {
      throw new AppException(
        ErrorCode.TooManyLoginAttempts,
        `Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ${wait} giây.`,
        [],
        { 'Retry-After': String(wait) },
      );
    }
    const user = await this.uow.read((m) => m.findOne(User, { where: { username } }));
    const valid = await this.passwords.verify(user?.passwordHash, password);
    if (!user || !valid || !user.active) {
      this.throttle.fail(userKey);
      this.throttle.fail(ipKey);
      this.logger.warn(`Failed login for "${username.slice(0, 50)}" from ${client.ip ?? 'unknown'}`);
      throw new AppException(ErrorCode.InvalidCredentials);
    }
    this.throttle.clear(userKey);
    setActor({ userId: user.id, username: user.username });
    return this.uow.write((m) => this.openSession(m, user, client, 'session.login'));
  }

  async logout(p: Principal): Promise<void> {
    await this.uow.write(async (m) => {
      await m.update(Session, { id: p.sessionId, revokedAt: IsNull() }, { revokedAt: nowIso() });
      await this.audit.record(m, { action: 'session.logout', entityType: 'session', entityId: p.sessionId });
    });
  }

  /** Changes the caller's password, ends all their sessions, and opens a new one for this client. */
  async changePassword(p: Principal, current: string, next: string, client: ClientInfo): Promise<TokenView> {
    const problem = passwordProblem(next, p.username);
    if (problem) throw AppException.field(ErrorCode.ValidationFailed, 'newPassword', problem);
    if (current === next) {
      throw AppException.field(ErrorCode.ValidationFailed, 'newPassword', 'Mật khẩu mới phải khác mật khẩu hiện tại.');
    }
    const user = await this.uow.read((m) => m.findOneOrFail(User, { where: { id: p.userId } }));
    if (!(await this.passwords.verify(user.passwordHash, current))) {
      throw AppException.field(ErrorCode.WrongCurrentPassword, 'currentPassword', 'Mật khẩu hiện tại không đúng.');
    }
    const hash = await this.passwords.hash(next);
    return this.uow.write(async (m) => {
      const now = nowIso();
      const result = await m
        .createQueryBuilder()
        .update(User)
        .set({ passwordHash: hash, passwordChangedAt: now, updatedAt: now, version: () => 'version + 1' })
        .where('id = :id AND version = :version', { id: user.id, version: user.version })
        .execute();
      if (result.affected !== 1) throw new AppException(ErrorCode.VersionConflict);
      await this.revokeAllSessions(m, user.id);
      await this.audit.record(m, { action: 'user.password_change', entityType: 'user', entityId: user.id });
      return this.openSession(m, user, client, 'session.login');
    });
  }

  /** Ends every open session of a user (password change, reset, disabling). */
  async revokeAllSessions(m: EntityManager, userId: string): Promise<void> {
    await m.update(Session, { userId, revokedAt: IsNull() }, { revokedAt: nowIso() });
  }

  private async openSession(m: EntityManager, user: User, client: ClientInfo, action: string): Promise<TokenView> {
    const now = new Date();
    const expiresAt = new Date(now.getTime() + this.config.sessionTtlMinutes * 60_000).toISOString();
    const session: Session = {
      id: randomUUID(),
      userId: user.id,
      createdAt: now.toISOString(),
      expiresAt,
      revokedAt: null,
      ip: client.ip?.slice(0, 64) ?? null,
      userAgent: client.userAgent?.slice(0, 300) ?? null,
    };
    await m.insert(Session, session);
    await this.audit.record(m, {
      action,
      entityType: 'session',
      entityId: session.id,
      after: { userId: user.id, expiresAt, ip: session.ip },
    });
    const accessToken = await this.jwt.signAsync(
      { sub: user.id, sid: session.id },
      { algorithm: 'HS256', expiresIn: this.config.sessionTtlMinutes * 60 },
    );
    return { accessToken, tokenType: 'Bearer', expiresAt };
  }
}
