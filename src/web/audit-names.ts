import { In } from 'typeorm';
import type { AuditEntryView } from '../audit/audit.dto';
import { User } from '../auth/user.entity';
import { Cluster } from '../clusters/cluster.entity';
import { clusterTag } from '../common/cluster-label';
import { UnitOfWork } from '../database/unit-of-work';
import { Unit } from '../units/unit.entity';
import { AwardProposal } from '../awards/award-proposal.entities';
import { Award } from '../awards/award.entities';
import { CouncilMeeting } from '../awards/council/council.entities';
import { IssuedDocument } from '../issued-documents/issued-document.entity';
import { dateVi } from './format';
import { idsIn } from './audit-fields';

/**
 * The names of the units, clusters, accounts, proposals, council meetings and issued documents that a page of the
 * trail mentions by id (in its records' before and
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
    const [units, clusters, users, proposals, meetings, documents] = await Promise.all([
      m.find(Unit, { select: { id: true, name: true }, where: { id: wanted } }),
      m.find(Cluster, { select: { id: true, name: true, organizerId: true }, where: { id: wanted } }),
      m.find(User, { select: { id: true, username: true, fullName: true }, where: { id: wanted } }),
      m.find(AwardProposal, { select: { id: true, unitId: true, awardCode: true, year: true }, where: { id: wanted } }),
      m.find(CouncilMeeting, { select: { id: true, year: true, heldOn: true }, where: { id: wanted } }),
      m.find(IssuedDocument, { select: { id: true, title: true }, where: { id: wanted } }),
    ]);
    // The units and organisers named by the clusters and proposals, beyond those the records name themselves.
    const more = [...clusters.map((c) => c.organizerId), ...proposals.map((x) => x.unitId)];
    const others = new Map((await m.find(Unit, { select: { id: true, name: true }, where: { id: In([...new Set(more)]) } })).map((u) => [u.id, u.name]));
    const awards = proposals.length ? new Map((await m.find(Award, { select: { code: true, name: true } })).map((a) => [a.code as string, a.name])) : new Map<string, string>();
    const names = new Map<string, string>();
    for (const u of units) names.set(u.id, u.name);
    for (const c of clusters) names.set(c.id, clusterTag(c.name, others.get(c.organizerId) ?? ''));
    for (const u of users) names.set(u.id, `${u.fullName} (${u.username})`);
    for (const x of proposals) names.set(x.id, `${awards.get(x.awardCode) ?? x.awardCode} cho ${others.get(x.unitId) ?? ''}, năm ${x.year}`);
    for (const x of meetings) names.set(x.id, `Cuộc họp Hội đồng Thi đua – Khen thưởng xét năm ${x.year}, ngày ${dateVi(x.heldOn)}`);
    for (const x of documents) names.set(x.id, x.title);
    return names;
  });
}
