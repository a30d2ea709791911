import type { EntityManager } from 'typeorm';
import { Role } from '../common/auth/roles';
import { rawQuery } from '../database/raw-sql';
import { todayInVietnam } from '../common/time';

const list = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/** Who is told about what: the active accounts of units, of a cluster's secretariat, of an organiser's reviewers. */
export const recipients = {
  /** The unit officers of these member units. */
  async unitOfficers(m: EntityManager, unitIds: string[]): Promise<string[]> {
    if (!unitIds.length) return [];
    const rows = await rawQuery<{ id: string }>(m, `SELECT id FROM users WHERE role = ? AND unit_id IN (${list(unitIds.length)}) ORDER BY id`, [Role.UnitOfficer, ...unitIds]);
    return rows.map((r) => r.id);
  },

  /**
   * The unit officers who act for these member units today: those of the unit while it is active, and those of the
   * units that took it over (a successor after a merger scores and corrects sheets for the unit it took over). An
   * ended unit's account only reads its history (the auth guard refuses its writes): it is not asked to act.
   */
  async actingOfficers(m: EntityManager, unitIds: string[], today = todayInVietnam()): Promise<string[]> {
    if (!unitIds.length) return [];
    const rows = await rawQuery<{ id: string }>(
      m,
      `WITH RECURSIVE chain(id, depth) AS (
              SELECT id, 0 FROM units WHERE id IN (${list(unitIds.length)})
              UNION ALL SELECT u.successor_id, chain.depth + 1 FROM units u JOIN chain ON u.id = chain.id WHERE u.successor_id IS NOT NULL AND chain.depth < 10)
       SELECT DISTINCT us.id FROM users us JOIN units un ON un.id = us.unit_id
        WHERE us.role = ? AND us.unit_id IN (SELECT id FROM chain) AND (un.active_to IS NULL OR un.active_to >= ?) ORDER BY us.id`,
      [...unitIds, Role.UnitOfficer, today],
    );
    return rows.map((r) => r.id);
  },

  /**
   * The cluster's secretaries, as the access policy counts them (the sessions' cluster_ids): those assigned to it, and
   * those of a unit that chaired it (or took over, by merger, a unit that did): a successor cluster run by a secretary
   * of its chair unit is told too.
   */
  async secretariat(m: EntityManager, clusterId: string): Promise<string[]> {
    const rows = await rawQuery<{ id: string }>(
      m,
      `WITH RECURSIVE chairs(id, depth) AS (
              SELECT chair_unit_id, 0 FROM leadership_terms WHERE cluster_id = ?
              UNION ALL SELECT u.successor_id, chairs.depth + 1 FROM units u JOIN chairs ON u.id = chairs.id WHERE u.successor_id IS NOT NULL AND chairs.depth < 10)
       SELECT u.id FROM users u
        WHERE u.role = ? AND (u.id IN (SELECT user_id FROM user_cluster_scopes WHERE cluster_id = ?) OR u.unit_id IN (SELECT id FROM chairs))
        ORDER BY u.id`,
      [clusterId, Role.ClusterSecretary, clusterId],
    );
    return rows.map((r) => r.id);
  },

  /** The ministry reviewers working for the organiser or for its successors (Bộ KH&CN's reviewers hold Bộ TTTT's clusters). */
  async reviewers(m: EntityManager, organizerId: string): Promise<string[]> {
    const chain = [organizerId];
    for (let id: string | null = organizerId; id && chain.length < 10; ) {
      const [row]: Array<{ successor_id: string | null }> = await rawQuery<{ successor_id: string | null }>(m, 'SELECT successor_id FROM units WHERE id = ?', [id]);
      id = row?.successor_id ?? null;
      if (id && !chain.includes(id)) chain.push(id);
    }
    const rows = await rawQuery<{ id: string }>(m, `SELECT id FROM users WHERE role = ? AND organizer_id IN (${list(chain.length)}) ORDER BY id`, [Role.MinistryReviewer, ...chain]);
    return rows.map((r) => r.id);
  },
};
