import { In } from 'typeorm';
import type { AuditEntryView } from '../audit/audit.dto';
import { User } from '../auth/user.entity';
import { Cluster } from '../clusters/cluster.entity';
import { UnitOfWork } from '../database/unit-of-work';
import { Unit } from '../units/unit.entity';
import { idsIn } from './audit-fields';

/**
 * The names of the units, clusters and accounts that a page of the trail mentions by id (in its records' before and
 * after, and as the record changed): a reader sees "Sở Thông tin và Truyền thông tỉnh Gia Lai", not its id. The trail
 * itself keeps ids, which do not change when a unit is renamed.
 */
export async function auditNames(uow: UnitOfWork, entries: readonly AuditEntryView[]): Promise<Map<string, string>> {
  const ids = new Set<string>();
  for (const e of entries) {
    idsIn(e.before, ids);
    idsIn(e.after, ids);
    idsIn(e.entityId, ids);
  }
  if (!ids.size) return new Map();
  const wanted = In([...ids]);
  return uow.read(async (m) => {
    const [units, clusters, users] = await Promise.all([
      m.find(Unit, { select: { id: true, name: true }, where: { id: wanted } }),
      m.find(Cluster, { select: { id: true, name: true, organizerId: true }, where: { id: wanted } }),
      m.find(User, { select: { id: true, username: true, fullName: true }, where: { id: wanted } }),
    ]);
    const organizers = new Map((await m.find(Unit, { select: { id: true, name: true }, where: { id: In([...new Set(clusters.map((c) => c.organizerId))]) } })).map((u) => [u.id, u.name]));
    const names = new Map<string, string>();
    for (const u of units) names.set(u.id, u.name);
    for (const c of clusters) names.set(c.id, `${c.name} – ${organizers.get(c.organizerId) ?? ''}`);
    for (const u of users) names.set(u.id, `${u.fullName} (${u.username})`);
    return names;
  });
}
