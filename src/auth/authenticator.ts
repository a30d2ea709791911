import { Inject, Injectable } from '@nestjs/common';
import { JwtService, TokenExpiredError } from '@nestjs/jwt';
import type { HttpRequest } from '../common/http';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-codes';
import { nowIso, todayInVietnam } from '../common/time';
import { SERVER_SECRET } from '../config/config.tokens';
import { UnitOfWork } from '../database/unit-of-work';
import { CSRF_HEADER, csrfTokenFor, sameToken, sessionCookieToken } from './cookies';
import type { Principal } from '../common/auth/principal';
import { Role } from '../common/auth/roles';
import { SessionAccountRow, SessionsRepository } from './sessions.repository';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface TokenPayload {
  sub: string;
  sid: string;
}

/** Reads the bearer token of a request. */
export function bearerToken(req: HttpRequest): string | undefined {
  const header = req.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer\s+([A-Za-z0-9._~+/=-]+)$/i.exec(header.trim());
  return match?.[1];
}

/**
 * Who is calling: the one place that turns a request into a principal (the global guard, and the public pages
 * that show a signed-in user's navigation). A token is accepted only while its session is open and its user
 * active, read on every request, so a logout, a password change or disabling the user ends it at once.
 */
@Injectable()
export class Authenticator {
  constructor(
    private readonly jwt: JwtService,
    private readonly uow: UnitOfWork,
    private readonly sessions: SessionsRepository,
    @Inject(SERVER_SECRET) private readonly secret: string,
  ) {}

  /**
   * The bearer token of an API client, or the session cookie of a browser. A browser's request that
   * changes something must also carry the session's CSRF token in the X-CSRF-Token header.
   */
  async authenticate(req: HttpRequest): Promise<Principal> {
    const bearer = bearerToken(req);
    const token = bearer ?? sessionCookieToken(req);
    if (!token) throw new AppException(ErrorCode.AuthRequired);
    let payload: TokenPayload;
    try {
      payload = await this.jwt.verifyAsync<TokenPayload>(token, { algorithms: ['HS256'] });
    } catch (e) {
      // An expired token is a session that ended; anything else (malformed, a wrong signature) is not a session at all.
      throw new AppException(e instanceof TokenExpiredError ? ErrorCode.SessionEnded : ErrorCode.TokenInvalid);
    }
    if (typeof payload?.sid !== 'string' || typeof payload?.sub !== 'string') throw new AppException(ErrorCode.SessionEnded);
    if (!bearer && !SAFE_METHODS.has(req.method) && !sameToken(req.headers[CSRF_HEADER], csrfTokenFor(this.secret, payload.sid))) {
      throw new AppException(ErrorCode.CsrfRejected);
    }
    const principal = openSessionPrincipal(await this.uow.read((m) => this.sessions.withAccount(m, payload.sid)), payload.sid);
    if (!principal || principal.userId !== payload.sub) throw new AppException(ErrorCode.SessionEnded);
    return principal;
  }
}

/** The principal of an open session of an active user, or null (revoked, expired, or the user disabled). */
export function openSessionPrincipal(row: SessionAccountRow | undefined, sessionId: string): Principal | null {
  if (!row || row.revoked_at || row.expires_at <= nowIso() || !row.active) return null;
  const clusterIds = row.role === Role.ClusterSecretary && row.cluster_ids ? row.cluster_ids.split(',').sort() : [];
  return {
    userId: row.user_id,
    username: row.username,
    fullName: row.full_name,
    role: row.role,
    sessionId,
    unitId: row.unit_id,
    organizerId: row.organizer_id,
    unitIds: row.unit_ids ? row.unit_ids.split(',') : [],
    organizerIds: row.organizer_ids ? row.organizer_ids.split(',') : [],
    unitEndedOn: row.unit_active_to && row.unit_active_to < todayInVietnam() ? row.unit_active_to : null,
    clusterIds,
    mfaEnrolled: !!row.mfa_enabled_at,
  };
}
