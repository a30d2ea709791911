import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import { nowIso, todayInVietnam } from '../common/time';
import { executeRaw, rawQuery } from '../database/raw-sql';
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
  /** The account's unit and its predecessors (by succession), comma-separated, own first. */
  unit_ids: string | null;
  /** The account's organiser and its predecessors, comma-separated, own first. */
  organizer_ids: string | null;
  unit_active_to: string | null;
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
  /** Deletes the sessions that ended (expired or revoked) before `cutoff`; answers how many. */
  async deleteEndedBefore(m: EntityManager, cutoff: string): Promise<number> {
    return executeRaw(m, 'DELETE FROM sessions WHERE expires_at < ? OR revoked_at < ?', [cutoff, cutoff]);
  }

  async revokeAllOfUser(m: EntityManager, userId: string): Promise<void> {
    await m.update(Session, { userId, revokedAt: IsNull() }, { revokedAt: nowIso() });
  }

  /**
   * The session (open or not) with its account, or undefined. One raw statement, as it runs on every request:
   * a secretary's clusters (assigned, and those the secretary's unit chairs or chaired: the secretariat follows
   * the chair) come along as one comma-separated column. A unit acts for those it succeeded once they ended (a merger
   * recorded ahead of its date, or a successor set on a unit still active, gives nothing before then).
   */
  async withAccount(m: EntityManager, sessionId: string): Promise<SessionAccountRow | undefined> {
    const postgres = m.connection.options.type === 'postgres';
    const aggregate = postgres ? "string_agg(x.cluster_id, ',')" : "group_concat(x.cluster_id, ',')";
    const ordered = (alias: string) => (postgres ? `string_agg(${alias}.id, ',' ORDER BY ${alias}.depth)` : `group_concat(${alias}.id, ',')`);
    // Predecessors by succession (a merged unit's successor_id names the unit that took it over), bounded depth.
    const [row] = await rawQuery<SessionAccountRow>(
      m,
      `WITH RECURSIVE acct AS (
              SELECT s.expires_at, s.revoked_at, u.id AS user_id, u.username, u.full_name, u.role, u.unit_id, u.organizer_id, u.active, u.mfa_enabled_at
                FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = ?),
            lin(id, depth) AS (
              SELECT unit_id, 0 FROM acct WHERE unit_id IS NOT NULL
              UNION ALL SELECT p.id, lin.depth + 1 FROM units p JOIN lin ON p.successor_id = lin.id WHERE lin.depth < 10 AND p.active_to < ?),
            olin(id, depth) AS (
              SELECT organizer_id, 0 FROM acct WHERE organizer_id IS NOT NULL
              UNION ALL SELECT p.id, olin.depth + 1 FROM units p JOIN olin ON p.successor_id = olin.id WHERE olin.depth < 10 AND p.active_to < ?)
       SELECT acct.*,
              (SELECT ${ordered('l')} FROM (SELECT id, depth FROM lin ORDER BY depth) l) AS unit_ids,
              (SELECT ${ordered('o')} FROM (SELECT id, depth FROM olin ORDER BY depth) o) AS organizer_ids,
              (SELECT uu.active_to FROM units uu WHERE uu.id = acct.unit_id) AS unit_active_to,
              CASE WHEN acct.role = '${Role.ClusterSecretary}' THEN (
                SELECT ${aggregate} FROM (
                  SELECT sc.cluster_id FROM user_cluster_scopes sc WHERE sc.user_id = acct.user_id
                  UNION SELECT lt.cluster_id FROM leadership_terms lt WHERE lt.chair_unit_id IN (SELECT id FROM lin)
                ) x
              ) END AS cluster_ids
         FROM acct`,
      [sessionId, todayInVietnam(), todayInVietnam()],
    );
    return row;
  }
}
