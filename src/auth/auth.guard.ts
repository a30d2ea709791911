import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-codes';
import { setActor } from '../common/request-context';
import { ACCESS_KEY, AccessRule, MFA_SETUP_KEY } from '../common/auth/auth.decorators';
import { Authenticator } from './authenticator';
import type { Principal } from '../common/auth/principal';
import { MFA_REQUIRED_ROLES } from '../common/auth/roles';

/**
 * The global guard: every route is closed unless it says @Public() or @Auth(...roles).
 * A token is accepted only while its session is open and its user active, checked on every request,
 * so a logout, a password change or disabling the user ends it at once.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger(AuthGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_KEY, [context.getHandler(), context.getClass()]);
    if (!rule) {
      this.logger.warn(`Route without access rule refused: ${context.getClass().name}.${context.getHandler().name}`);
      throw AppException.forbidden();
    }
    if (rule.public) return true;

    const req = context.switchToHttp().getRequest<Request & { principal?: Principal }>();
    const principal = await this.authenticator.authenticate(req);
    req.principal = principal;
    setActor({ userId: principal.userId, username: principal.username });
    if (!rule.roles.includes(principal.role)) throw AppException.forbidden();
    if (!principal.mfaEnrolled && MFA_REQUIRED_ROLES.includes(principal.role)) {
      const setupRoute = this.reflector.getAllAndOverride<boolean | undefined>(MFA_SETUP_KEY, [context.getHandler(), context.getClass()]);
      if (!setupRoute) throw new AppException(ErrorCode.MfaEnrolmentRequired);
    }
    return true;
  }
}
