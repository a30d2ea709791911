import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { HttpRequest } from '../common/http';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-codes';
import { setActor } from '../common/request-context';
import { ACCESS_KEY, AccessRule, MFA_SETUP_KEY } from '../common/auth/auth.decorators';
import { Authenticator } from './authenticator';
import { MFA_REQUIRED_ROLES, ROLE_LABELS, Role } from '../common/auth/roles';
import { formatDateVi } from '../common/time';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

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

    const req = context.switchToHttp().getRequest<HttpRequest>();
    const principal = await this.authenticator.authenticate(req);
    req.principal = principal;
    setActor({ userId: principal.userId, username: principal.username });
    // The refusal names who the page or action is for, so a person who followed a link knows it is not theirs.
    if (!rule.roles.includes(principal.role)) {
      throw AppException.forbidden(`Chức năng này dành cho ${rule.roles.map((r) => ROLE_LABELS[r]).join(', ')}; tài khoản của bạn là ${ROLE_LABELS[principal.role]}.`);
    }
    const accountRoute = this.reflector.getAllAndOverride<boolean | undefined>(MFA_SETUP_KEY, [context.getHandler(), context.getClass()]);
    if (!principal.mfaEnrolled && MFA_REQUIRED_ROLES.includes(principal.role) && !accountRoute) throw new AppException(ErrorCode.MfaEnrolmentRequired);
    // A unit that ended (merged into another) no longer acts: its officers keep reading its history, and their own account.
    if (principal.unitEndedOn && (principal.role === Role.UnitOfficer || principal.role === Role.ClusterSecretary) && !READ_METHODS.has(req.method) && !accountRoute) {
      throw AppException.forbidden(
        `Đơn vị của tài khoản đã kết thúc hoạt động ngày ${formatDateVi(principal.unitEndedOn)}: tài khoản chỉ còn quyền xem lịch sử của đơn vị. Việc của đơn vị nay do đơn vị kế thừa thực hiện.`,
      );
    }
    return true;
  }
}
