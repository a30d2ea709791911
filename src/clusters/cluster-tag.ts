import type { EntityManager } from 'typeorm';
import { rawQuery } from '../database/raw-sql';

/**
 * How a notice names its cluster: the cluster's name and its organiser's short name ("Cụm thi đua số 6 – Bộ KH&CN"),
 * for two organisers may each have a "Cụm thi đua số 6" (Bộ TTTT's, and Bộ KH&CN's that continues it since 2025).
 */
export const clusterTag = (clusterName: string, organizerShortName: string): string => `${clusterName} – ${organizerShortName}`;

/** The join that lets a query on clusters `c` select the organiser's short name (`org.short_name`). */
export const ORGANIZER_SHORT_JOIN = 'JOIN units org ON org.id = c.organizer_id';

/** A cluster's tag, read in the caller's transaction; `asNamed` replaces the cluster's name (as a document issued it). */
export async function clusterTagOf(m: EntityManager, clusterId: string, asNamed?: string | null): Promise<string> {
  const [row] = await rawQuery<{ name: string; organizer_short: string }>(m, `SELECT c.name, org.short_name AS organizer_short FROM clusters c ${ORGANIZER_SHORT_JOIN} WHERE c.id = ?`, [clusterId]);
  if (!row) throw new Error(`Cluster ${clusterId} not found for its tag.`);
  return clusterTag(asNamed ?? row.name, row.organizer_short);
}
