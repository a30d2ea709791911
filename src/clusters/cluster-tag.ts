import type { EntityManager } from 'typeorm';
import { clusterHeading, clusterTag } from '../common/cluster-label';
import { rawQuery } from '../database/raw-sql';

/** The join that lets a query on clusters `c` select the organiser's names (`org.short_name`, `org.name`). */
export const ORGANIZER_SHORT_JOIN = 'JOIN units org ON org.id = c.organizer_id';

/** A cluster's tag with its organiser's short name ("Cụm thi đua số 6 – Bộ KH&CN", for notices), read in the caller's transaction; `asNamed` replaces the cluster's name (as a document issued it). */
export async function clusterTagOf(m: EntityManager, clusterId: string, asNamed?: string | null): Promise<string> {
  const [row] = await rawQuery<{ name: string; organizer_short: string }>(m, `SELECT c.name, org.short_name AS organizer_short FROM clusters c ${ORGANIZER_SHORT_JOIN} WHERE c.id = ?`, [clusterId]);
  if (!row) throw new Error(`Cluster ${clusterId} not found for its tag.`);
  return clusterTag(asNamed ?? row.name, row.organizer_short);
}

/** A workbook's title line naming the cluster and its organiser in full, read in the caller's transaction. */
export async function clusterHeadingOf(m: EntityManager, clusterId: string): Promise<string> {
  const [row] = await rawQuery<{ name: string; organizer_name: string }>(m, `SELECT c.name, org.name AS organizer_name FROM clusters c ${ORGANIZER_SHORT_JOIN} WHERE c.id = ?`, [clusterId]);
  if (!row) throw new Error(`Cluster ${clusterId} not found for its heading.`);
  return clusterHeading(row.name, row.organizer_name);
}

/** Each cluster named with its organiser in full ("Cụm thi đua số 6 – Bộ Thông tin và Truyền thông"), by id. */
export async function clusterTagsOf(m: EntityManager, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await rawQuery<{ id: string; name: string; organizer_name: string }>(m, `SELECT c.id, c.name, org.name AS organizer_name FROM clusters c ${ORGANIZER_SHORT_JOIN} WHERE c.id IN (${unique.map(() => '?').join(', ')})`, unique);
  return new Map(rows.map((r) => [r.id, clusterTag(r.name, r.organizer_name)]));
}
