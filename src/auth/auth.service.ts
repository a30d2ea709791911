import { Inject, Injectable, Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AppException } from '../common/errors/app.exception';
import { ERROR_CATALOGUE, ErrorCode } from '../common/errors/error-codes';
import { setActor } from '../common/request-context';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG, SERVER_KEYS } from '../config/config.tokens';
import type { ServerKeys } from '../config/secrets';
import { UnitOfWork } from '../database/unit-of-work';
import { TokenView } from './auth.dto';
import { AccountChecks } from './account-checks';
import { LoginAttemptsRepository } from './login-attempts.repository';
import { LoginAttempts, ThrottleKey } from './login-throttle';
import { acceptTotp, decryptSecret, deviceIdFor, hashRecoveryCode, isRemembered, looksLikeRecoveryCode, newDeviceToken, newRememberToken } from './mfa';
import { MfaRepository } from './mfa.repository';
import { PasswordService, passwordProblem } from './password.service';
import type { Principal } from '../common/auth/principal';
import { Session } from './session.entity';
import { SessionsRepository } from './sessions.repository';
import { User } from './user.entity';
import { UsersRepository } from './users.repository';

export interface ClientInfo {
  ip?: string;
  userAgent?: string;
  /** The known-device cookie this browser presented, if any. */
  deviceToken?: string;
  /** The remembered-device (MFA) cookie this browser presented, if any. */
  rememberToken?: string;
}

/** The second factor sent with a login, when the account has one. */
export interface SecondFactor {
  code?: string;
  rememberDevice?: boolean;
}

/** A cookie the caller should set: the controllers (API and pages) write them. */
export interface IssuedCookie {
  name: 'thidua_device' | 'thidua_mfa';
  value: string;
  maxAgeSeconds: number;
}

export const DEVICE_COOKIE = 'thidua_device';
export const REMEMBER_COOKIE = 'thidua_mfa';
const DEVICE_COOKIE_DAYS = 365;
export const REMEMBER_DEVICE_DAYS = 30;


@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);
  private readonly attempts: LoginAttempts;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(SERVER_KEYS) private readonly keys: ServerKeys,
    private readonly uow: UnitOfWork,
    private readonly jwt: JwtService,
    private readonly passwords: PasswordService,
    private readonly audit: AuditService,
    private readonly users: UsersRepository,
    private readonly sessions: SessionsRepository,
    private readonly mfa: MfaRepository,
    attempts: LoginAttemptsRepository,
    private readonly checks: AccountChecks,
  ) {
    this.attempts = new LoginAttempts(attempts, config.loginWindowSeconds * 1000);
  }

  /**
   * Signs in (policy in the README, "Sign-in throttling"). An attempt is reserved against the account and the
   * address, or, from a browser the account signed in from before, against that device only, before the
   * password is checked; past the limit the answer is 429 without checking anything. A wrong password or code
   * settles it as failed; success clears the account's failures.
   */
  async login(usernameInput: string, password: string, client: ClientInfo, factor: SecondFactor = {}): Promise<{ token: TokenView; cookies: IssuedCookie[] }> {
    const username = usernameInput.trim().toLowerCase();
    const userKey = `user:${username}`;
    const deviceId = deviceIdFor(client.deviceToken, username, this.keys.device);
    const keys: ThrottleKey[] = deviceId
      ? [{ key: `device:${deviceId}`, limit: this.config.loginMaxFailures }]
      : [
          { key: userKey, limit: this.config.loginMaxFailures },
          { key: `ip:${client.ip ?? 'unknown'}`, limit: this.config.loginMaxFailures * 4 },
        ];
    const reserved = await this.uow.write((m) => this.attempts.reserve(m, keys, !this.uow.isSqlite));
    if ('wait' in reserved) {
      throw new AppException(ErrorCode.TooManyLoginAttempts, `Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ${reserved.wait} giây.`, [], {
        'Retry-After': String(reserved.wait),
      });
    }
    let settled = false;
    const fail = async (error: AppException, counts = true): Promise<never> => {
      settled = true;
      await this.uow.write((m) => this.attempts.settle(m, reserved.ids, !counts));
      throw error;
    };
    try {
      const user = await this.uow.read((m) => this.users.findByUsername(m, username));
      const valid = await this.passwords.verify(user?.passwordHash, password);
      if (!user || !valid || !user.active) {
        this.logger.warn(`Failed login for "${username.slice(0, 50)}" from ${client.ip ?? 'unknown'}`);
        return await fail(new AppException(ErrorCode.InvalidCredentials));
      }
      const cookies: IssuedCookie[] = [];
      let mfaStep: number | null = null;
      let recoveryCodeId: string | null = null;
      if (user.mfaEnabledAt && !isRemembered(client.rememberToken, user.id, user.mfaEnabledAt, this.keys.device)) {
        // The right password without its code is not a failure: the page asks for the code next.
        if (!factor.code?.trim()) return await fail(AppException.field(ErrorCode.MfaRequired, 'code', ERROR_CATALOGUE[ErrorCode.MfaRequired].message), false);
        const checked = await this.checkSecondFactor(user, factor.code.trim());
        if (!checked) return await fail(AppException.field(ErrorCode.MfaInvalid, 'code', ERROR_CATALOGUE[ErrorCode.MfaInvalid].message));
        ({ step: mfaStep, recoveryCodeId } = checked);
        if (factor.rememberDevice) {
          const expires = Date.now() + REMEMBER_DEVICE_DAYS * 86_400_000;
          cookies.push({ name: REMEMBER_COOKIE, value: newRememberToken(user.id, user.mfaEnabledAt, expires, this.keys.device), maxAgeSeconds: REMEMBER_DEVICE_DAYS * 86_400 });
        }
      }
      cookies.push({ name: DEVICE_COOKIE, value: deviceId ? client.deviceToken! : newDeviceToken(username, this.keys.device), maxAgeSeconds: DEVICE_COOKIE_DAYS * 86_400 });
      setActor({ userId: user.id, username: user.username });
      settled = true;
      const token = await this.uow.write(async (m) => {
        await this.attempts.settle(m, reserved.ids, true, [userKey, ...(deviceId ? [`device:${deviceId}`] : [])]);
        if (mfaStep !== null) {
          // A code is accepted once: the step moves forward only (a concurrent login with the same code loses).
          if (!(await this.mfa.advanceLastStep(m, user.id, mfaStep))) throw AppException.field(ErrorCode.MfaInvalid, 'code', ERROR_CATALOGUE[ErrorCode.MfaInvalid].message);
        }
        if (recoveryCodeId) {
          if (!(await this.mfa.useCode(m, recoveryCodeId))) throw AppException.field(ErrorCode.MfaInvalid, 'code', ERROR_CATALOGUE[ErrorCode.MfaInvalid].message);
          await this.audit.record(m, { action: 'mfa.recovery_code_used', entityType: 'user', entityId: user.id });
        }
        return this.openSession(m, user, client, 'session.login');
      });
      return { token, cookies };
    } finally {
      // A check that ended in an unexpected error still settles its reservation (as failed).
      if (!settled) await this.uow.write((m) => this.attempts.settle(m, reserved.ids, false)).catch(() => undefined);
    }
  }

  /** The TOTP step of a valid code, or the id of an unused recovery code; null when neither. */
  private async checkSecondFactor(user: User, code: string): Promise<{ step: number | null; recoveryCodeId: string | null } | null> {
    const secret = user.mfaSecret ? decryptSecret(user.mfaSecret, this.keys.mfa) : null;
    if (secret && /^\d{6}$/.test(code)) {
      const step = acceptTotp(secret, code, user.mfaLastStep);
      return step === null ? null : { step, recoveryCodeId: null };
    }
    if (looksLikeRecoveryCode(code)) {
      const found = await this.uow.read((m) => this.mfa.findUnusedCode(m, user.id, hashRecoveryCode(code)));
      return found ? { step: null, recoveryCodeId: found.id } : null;
    }
    return null;
  }

  async logout(p: Principal): Promise<void> {
    await this.uow.write(async (m) => {
      await this.sessions.revoke(m, p.sessionId);
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
    const user = await this.uow.read((m) => this.users.get(m, p.userId));
    await this.checks.guard(user.id, async () => {
      if (!(await this.passwords.verify(user.passwordHash, current))) throw AppException.field(ErrorCode.WrongCurrentPassword, 'currentPassword', 'Mật khẩu hiện tại không đúng.');
    });
    const hash = await this.passwords.hash(next);
    return this.uow.write(async (m) => {
      await this.users.setPassword(m, user, hash);
      await this.sessions.revokeAllOfUser(m, user.id);
      await this.audit.record(m, { action: 'user.password_change', entityType: 'user', entityId: user.id });
      return this.openSession(m, user, client, 'session.login');
    });
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
    await this.sessions.insert(m, session);
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
