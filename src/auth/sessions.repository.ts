import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import { nowIso } from '../common/time';
import { rawQuery } from '../database/raw-sql';
import { Role } from '../common/auth/roles';
import { Session } from './session.entity';

/** A session with its account, as one row: what every request's authentication reads. */
export interface SessionAccountRow {
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
  /** A secretary's clusters, comma-separated (null for other roles, or none). */
  cluster_ids: string | null;
}

/** Sessions: opening and revoking them, and the session with its account that authenticates a request. */
@Injectable()
export class SessionsRepository {
  async insert(m: EntityManager, session: Session): Promise<void> {
    await m.insert(Session, session);
  }

  /** Revokes the session, if it is still open. */
  async revoke(m: EntityManager, sessionId: string): Promise<void> {
    await m.update(Session, { id: sessionId, revokedAt: IsNull() }, { revokedAt: nowIso() });
  }

  /** Revokes every open session of the account (password change, reset, disabling). */
  async revokeAllOfUser(m: EntityManager, userId: string): Promise<void> {
    await m.update(Session, { userId, revokedAt: IsNull() }, { revokedAt: nowIso() });
  }

  /**
   * The session (open or not) with its account, or undefined. One raw statement, as it runs on every request:
   * a secretary's clusters (assigned, and those the secretary's unit chairs or chaired: the secretariat follows
   * the chair) come along as one comma-separated column.
   */
  async withAccount(m: EntityManager, sessionId: string): Promise<SessionAccountRow | undefined> {
    const postgres = m.connection.options.type === 'postgres';
    const aggregate = postgres ? "string_agg(x.cluster_id, ',')" : "group_concat(x.cluster_id, ',')";
    const [row] = await rawQuery<SessionAccountRow>(
      m,
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
    return row;
  }
}
