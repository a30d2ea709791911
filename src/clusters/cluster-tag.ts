import type { EntityManager } from 'typeorm';
import { clusterHeading, clusterTag } from '../common/cluster-label';
import { rawQuery } from '../database/raw-sql';

/** The join that lets a query on clusters `c` select the organiser's names (`org.short_name`, `org.name`). */
export const ORGANIZER_SHORT_JOIN = 'JOIN units org ON org.id = c.organizer_id';

type Names = { name: string; organizerName: string; organizerShort: string };

/** Each cluster's name and its organiser's names, by id, read in the caller's transaction. */
async function namesOf(m: EntityManager, ids: string[]): Promise<Map<string, Names>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await rawQuery<{ id: string; name: string; organizer_name: string; organizer_short: string }>(
    m,
    `SELECT c.id, c.name, org.name AS organizer_name, org.short_name AS organizer_short FROM clusters c ${ORGANIZER_SHORT_JOIN} WHERE c.id IN (${unique.map(() => '?').join(', ')})`,
    unique,
  );
  return new Map(rows.map((r) => [r.id, { name: r.name, organizerName: r.organizer_name, organizerShort: r.organizer_short }]));
}

async function oneOf(m: EntityManager, clusterId: string): Promise<Names> {
  const names = (await namesOf(m, [clusterId])).get(clusterId);
  if (!names) throw new Error(`Cluster ${clusterId} not found for its name.`);
  return names;
}

/** A cluster's tag with its organiser's short name ("Cụm thi đua số 6 – Bộ KH&CN", for notices); `asNamed` replaces the cluster's name (as a document issued it). */
export async function clusterTagOf(m: EntityManager, clusterId: string, asNamed?: string | null): Promise<string> {
  const names = await oneOf(m, clusterId);
  return clusterTag(asNamed ?? names.name, names.organizerShort);
}

/** A workbook's title line naming the cluster and its organiser in full. */
export async function clusterHeadingOf(m: EntityManager, clusterId: string): Promise<string> {
  const names = await oneOf(m, clusterId);
  return clusterHeading(names.name, names.organizerName);
}

/** Each cluster named with its organiser in full ("Cụm thi đua số 6 – Bộ Thông tin và Truyền thông"), by id. */
export async function clusterTagsOf(m: EntityManager, ids: string[]): Promise<Map<string, string>> {
  return new Map([...(await namesOf(m, ids))].map(([id, n]) => [id, clusterTag(n.name, n.organizerName)]));
}
