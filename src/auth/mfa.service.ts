import { Inject, Injectable } from '@nestjs/common';
import { qrcode } from '../documents/libraries';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-codes';
import { nowIso } from '../common/time';
import { SERVER_KEYS } from '../config/config.tokens';
import type { ServerKeys } from '../config/secrets';
import { UnitOfWork } from '../database/unit-of-work';
import { MFA_REQUIRED_ROLES } from '../common/auth/roles';
import { acceptTotp, decryptSecret, encryptSecret, hashRecoveryCode, newRecoveryCodes, newTotpSecret, totpCode, totpUri } from './mfa';
import { MfaRepository } from './mfa.repository';
import { AccountChecks } from './account-checks';
import { PasswordService } from './password.service';
import type { Principal } from '../common/auth/principal';
import { UsersRepository } from './users.repository';

export interface MfaStatus {
  enabled: boolean;
  enabledAt: string | null;
  required: boolean;
  recoveryCodesLeft: number;
}

export interface MfaSetup {
  secret: string;
  otpauthUri: string;
  /** The QR code of otpauthUri as an SVG document. */
  qrSvg: string;
}

/** Enrolment and management of an account's second factor (TOTP with recovery codes). */
@Injectable()
export class MfaService {
  constructor(
    @Inject(SERVER_KEYS) private readonly keys: ServerKeys,
    private readonly uow: UnitOfWork,
    private readonly passwords: PasswordService,
    private readonly audit: AuditService,
    private readonly users: UsersRepository,
    private readonly mfa: MfaRepository,
    private readonly checks: AccountChecks,
  ) {}

  /** The stored (encrypted) form of a TOTP secret, as setup() writes it; the seed enrols its demo accounts with it. */
  sealSecret(secretBase32: string): string {
    return encryptSecret(secretBase32, this.keys.mfa);
  }

  /** The current code of a published demo secret: the demo scenario signs its MFA accounts in with it. */
  demoCode(secretBase32: string): string {
    return totpCode(secretBase32);
  }

  status(p: Principal): Promise<MfaStatus> {
    return this.uow.read(async (m) => {
      const user = await this.users.get(m, p.userId);
      const left = await this.mfa.unusedCodeCount(m, p.userId);
      return { enabled: !!user.mfaEnabledAt, enabledAt: user.mfaEnabledAt ?? null, required: MFA_REQUIRED_ROLES.includes(p.role), recoveryCodesLeft: user.mfaEnabledAt ? left : 0 };
    });
  }

  /** A new secret, not yet in force: the owner confirms it with a first code (enable). */
  async setup(p: Principal): Promise<MfaSetup> {
    const secret = newTotpSecret();
    await this.uow.write(async (m) => {
      const user = await this.users.get(m, p.userId);
      if (user.mfaEnabledAt) throw new AppException(ErrorCode.BusinessRule, 'Xác thực hai lớp đang bật: hãy tắt trước khi đăng ký ứng dụng mới.');
      await this.mfa.setPendingSecret(m, p.userId, encryptSecret(secret, this.keys.mfa));
      await this.audit.record(m, { action: 'mfa.setup', entityType: 'user', entityId: p.userId });
    });
    const otpauthUri = totpUri(secret, p.username);
    return { secret, otpauthUri, qrSvg: await qrcode().toString(otpauthUri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }) };
  }

  /** Confirms the pending secret with a code; answers the recovery codes, shown this once. */
  enable(p: Principal, code: string): Promise<{ recoveryCodes: string[] }> {
    return this.checks.guard(p.userId, () => this.uow.write(async (m) => {
      const user = await this.users.get(m, p.userId);
      if (user.mfaEnabledAt) throw new AppException(ErrorCode.BusinessRule, 'Xác thực hai lớp đã được bật.');
      const secret = user.mfaSecret ? decryptSecret(user.mfaSecret, this.keys.mfa) : null;
      if (!secret) throw AppException.field(ErrorCode.BusinessRule, 'code', 'Chưa đăng ký ứng dụng xác thực: hãy bấm "Đăng ký" trước.');
      const step = acceptTotp(secret, code.trim(), user.mfaLastStep);
      if (step === null) throw AppException.field(ErrorCode.MfaInvalid, 'code', 'Mã xác thực không đúng hoặc đã hết hạn.');
      const now = nowIso();
      await this.mfa.enable(m, p.userId, step, now);
      const recoveryCodes = await this.replaceRecoveryCodes(m, p.userId);
      await this.audit.record(m, { action: 'mfa.enable', entityType: 'user', entityId: p.userId, after: { enabledAt: now } });
      return { recoveryCodes };
    }));
  }

  /** New recovery codes (the old ones stop working), after a current code. */
  regenerateRecoveryCodes(p: Principal, code: string): Promise<{ recoveryCodes: string[] }> {
    return this.checks.guard(p.userId, () => this.uow.write(async (m) => {
      await this.requireCode(m, p, code);
      const recoveryCodes = await this.replaceRecoveryCodes(m, p.userId);
      await this.audit.record(m, { action: 'mfa.recovery_codes', entityType: 'user', entityId: p.userId });
      return { recoveryCodes };
    }));
  }

  /** Turns MFA off for oneself: with the password and a current code; not for roles that require it. */
  async disable(p: Principal, password: string, code: string): Promise<void> {
    if (MFA_REQUIRED_ROLES.includes(p.role)) throw AppException.forbidden('Tài khoản quản trị và thẩm định bắt buộc dùng xác thực hai lớp.');
    await this.checks.guard(p.userId, async () => {
      const user = await this.uow.read((m) => this.users.get(m, p.userId));
      if (!(await this.passwords.verify(user.passwordHash, password))) throw AppException.field(ErrorCode.WrongCurrentPassword, 'password', 'Mật khẩu hiện tại không đúng.');
      await this.uow.write(async (m) => {
        await this.requireCode(m, p, code);
        await this.mfa.clear(m, p.userId);
        await this.audit.record(m, { action: 'mfa.disable', entityType: 'user', entityId: p.userId });
      });
    });
  }

  /** An administrator resets a user's second factor (lost phone and codes); the user enrols again. */
  reset(m: EntityManager, userId: string): Promise<void> {
    return this.mfa.clear(m, userId);
  }

  private async requireCode(m: EntityManager, p: Principal, code: string): Promise<void> {
    const user = await this.users.get(m, p.userId);
    const secret = user.mfaEnabledAt && user.mfaSecret ? decryptSecret(user.mfaSecret, this.keys.mfa) : null;
    if (!secret) throw new AppException(ErrorCode.BusinessRule, 'Xác thực hai lớp chưa được bật.');
    const step = acceptTotp(secret, code.trim(), user.mfaLastStep);
    if (step === null) throw AppException.field(ErrorCode.MfaInvalid, 'code', 'Mã xác thực không đúng hoặc đã hết hạn.');
    await this.mfa.setLastStep(m, p.userId, step);
  }

  private async replaceRecoveryCodes(m: EntityManager, userId: string): Promise<string[]> {
    const codes = newRecoveryCodes();
    await this.mfa.replaceCodes(m, userId, codes.map((c) => hashRecoveryCode(c)));
    return codes;
  }
}
