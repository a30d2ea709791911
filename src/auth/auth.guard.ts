import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { Request } from 'express';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-codes';
import { setActor } from '../common/request-context';
import { nowIso } from '../common/time';
import { UnitOfWork } from '../database/unit-of-work';
import { ACCESS_KEY, AccessRule } from './auth.decorators';
import type { Principal } from './principal';
import { Session } from './session.entity';
import { LeadershipTerm } from '../leadership/leadership-term.entity';
import { Role } from './roles';
import { UserClusterScope } from './user-cluster-scope.entity';
import { User } from './user.entity';

export interface TokenPayload {
  sub: string;
  sid: string;
}

/** Reads the bearer token of a request. */
export function bearerToken(req: Request): string | undefined {
  const header = req.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer\s+([A-Za-z0-9._~+/=-]+)$/i.exec(header.trim());
  return match?.[1];
}

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
    private readonly jwt: JwtService,
    private readonly uow: UnitOfWork,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_KEY, [context.getHandler(), context.getClass()]);
    if (!rule) {
      this.logger.warn(`Route without access rule refused: ${context.getClass().name}.${context.getHandler().name}`);
      throw AppException.forbidden();
    }
    if (rule.public) return true;

    const req = context.switchToHttp().getRequest<Request & { principal?: Principal }>();
    const principal = await this.authenticate(req);
    req.principal = principal;
    setActor({ userId: principal.userId, username: principal.username });
    if (!rule.roles.includes(principal.role)) throw AppException.forbidden();
    return true;
  }

  async authenticate(req: Request): Promise<Principal> {
    const token = bearerToken(req);
    if (!token) throw new AppException(ErrorCode.AuthRequired);
    let payload: TokenPayload;
    try {
      payload = await this.jwt.verifyAsync<TokenPayload>(token, { algorithms: ['HS256'] });
    } catch {
      throw new AppException(ErrorCode.SessionEnded);
    }
    if (typeof payload?.sid !== 'string' || typeof payload?.sub !== 'string') throw new AppException(ErrorCode.SessionEnded);
    const principal = await this.uow.read((m) => loadPrincipal(m, payload.sid));
    if (!principal || principal.userId !== payload.sub) throw new AppException(ErrorCode.SessionEnded);
    return principal;
  }
}

/** The principal of an open session of an active user, or null. */
export async function loadPrincipal(
  manager: import('typeorm').EntityManager,
  sessionId: string,
): Promise<Principal | null> {
  const session = await manager.findOne(Session, { where: { id: sessionId } });
  if (!session || session.revokedAt || session.expiresAt <= nowIso()) return null;
  const user = await manager.findOne(User, { where: { id: session.userId } });
  if (!user || !user.active) return null;
  const scopes = await manager.find(UserClusterScope, { where: { userId: user.id } });
  const clusterIds = new Set(scopes.map((s) => s.clusterId));
  if (user.role === Role.ClusterSecretary && user.unitId) {
    // The secretariat follows the chair unit: clusters the unit chairs or chaired are in scope.
    const chaired = await manager.find(LeadershipTerm, { where: { chairUnitId: user.unitId }, select: { clusterId: true } });
    for (const t of chaired) clusterIds.add(t.clusterId);
  }
  return {
    userId: user.id,
    username: user.username,
    fullName: user.fullName,
    role: user.role,
    sessionId: session.id,
    unitId: user.unitId,
    organizerId: user.organizerId,
    clusterIds: [...clusterIds].sort(),
  };
}
