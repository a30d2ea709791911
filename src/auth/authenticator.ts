import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { Request } from 'express';
import type { EntityManager } from 'typeorm';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-codes';
import { nowIso } from '../common/time';
import { SERVER_SECRET } from '../config/config.tokens';
import { rawQuery } from '../database/raw-sql';
import { UnitOfWork } from '../database/unit-of-work';
import { CSRF_HEADER, csrfTokenFor, sameToken, sessionCookieToken } from './cookies';
import type { Principal } from './principal';
import { Role } from './roles';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

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
 * Who is calling: the one place that turns a request into a principal (the global guard, and the public pages
 * that show a signed-in user's navigation). A token is accepted only while its session is open and its user
 * active, read on every request, so a logout, a password change or disabling the user ends it at once.
 */
@Injectable()
export class Authenticator {
  constructor(
    private readonly jwt: JwtService,
    private readonly uow: UnitOfWork,
    @Inject(SERVER_SECRET) private readonly secret: string,
  ) {}

  /**
   * The bearer token of an API client, or the session cookie of a browser. A browser's request that
   * changes something must also carry the session's CSRF token in the X-CSRF-Token header.
   */
  async authenticate(req: Request): Promise<Principal> {
    const bearer = bearerToken(req);
    const token = bearer ?? sessionCookieToken(req);
    if (!token) throw new AppException(ErrorCode.AuthRequired);
    let payload: TokenPayload;
    try {
      payload = await this.jwt.verifyAsync<TokenPayload>(token, { algorithms: ['HS256'] });
    } catch {
      throw new AppException(ErrorCode.SessionEnded);
    }
    if (typeof payload?.sid !== 'string' || typeof payload?.sub !== 'string') throw new AppException(ErrorCode.SessionEnded);
    if (!bearer && !SAFE_METHODS.has(req.method) && !sameToken(req.headers[CSRF_HEADER], csrfTokenFor(this.secret, payload.sid))) {
      throw new AppException(ErrorCode.CsrfRejected);
    }
    const principal = await this.uow.read((m) => loadPrincipal(m, payload.sid));
    if (!principal || principal.userId !== payload.sub) throw new AppException(ErrorCode.SessionEnded);
    return principal;
  }
}

/**
 * The principal of an open session of an active user, or null. One raw statement, as it runs on every
 * request: a secretary's clusters (assigned, and those the secretary's unit chairs or chaired: the
 * secretariat follows the chair) come along as one comma-separated column.
 */
export async function loadPrincipal(manager: EntityManager, sessionId: string): Promise<Principal | null> {
  const postgres = manager.connection.options.type === 'postgres';
  const aggregate = postgres ? "string_agg(x.cluster_id, ',')" : "group_concat(x.cluster_id, ',')";
  const [row] = await rawQuery<{
    expires_at: string;
    revoked_at: string | null;
    user_id: string;
    username: string;
    full_name: string;
    role: Role;
    unit_id: string | null;
    organizer_id: string | null;
    active: number | boolean;
    mfa_enabled_at: string | null;
    cluster_ids: string | null;
  }>(
    manager,
    `SELECT s.expires_at, s.revoked_at, u.id AS user_id, u.username, u.full_name, u.role, u.unit_id, u.organizer_id, u.active, u.mfa_enabled_at,
            CASE WHEN u.role = '${Role.ClusterSecretary}' THEN (
              SELECT ${aggregate} FROM (
                SELECT sc.cluster_id FROM user_cluster_scopes sc WHERE sc.user_id = u.id
                UNION SELECT lt.cluster_id FROM leadership_terms lt WHERE lt.chair_unit_id = COALESCE(u.unit_id, '')
              ) x
            ) END AS cluster_ids
       FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = ?`,
    [sessionId],
  );
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
    clusterIds,
    mfaEnrolled: !!row.mfa_enabled_at,
  };
}
