import { EntityManager, IsNull } from 'typeorm';
import { User } from '../auth/user.entity';
import type { Cluster } from '../clusters/cluster.entity';
import type { ClustersRepository } from '../clusters/clusters.repository';
import { Membership } from '../clusters/membership.entity';
import { compareVi } from '../common/text';
import { CriteriaSet } from '../criteria/criteria-set.entity';
import type { LeadershipTerm } from '../leadership/leadership-term.entity';
import type { LeadershipRepository } from '../leadership/leadership.repository';
import { unitRef } from '../units/unit-ref';
import { Unit } from '../units/unit.entity';
import { PLEDGE_STATUS_LABELS, Pledge } from './pledge.entity';
import { PledgeSignature } from './pledge-signature.entity';
import type { PledgeView, SignatoryView } from './pledges.dto';

/** A pledge with everything around it: cluster, organiser, members of the year, leadership, signatures. */
export interface PledgeState {
  pledge: Pledge;
  cluster: Cluster;
  organizer: Unit;
  members: Unit[];
  term: LeadershipTerm | null;
  signatures: PledgeSignature[];
  criteriaSet: CriteriaSet;
  signers: Map<string, string>;
}

export async function loadPledgeState(m: EntityManager, pledge: Pledge, clusters: ClustersRepository, leadership: LeadershipRepository): Promise<PledgeState> {
  const cluster = await clusters.findReferenced(m, pledge.clusterId);
  const organizer = await m.findOneOrFail(Unit, { where: { id: cluster.organizerId } });
  const memberships = await m.find(Membership, { where: { clusterId: pledge.clusterId, year: pledge.year }, relations: { unit: true } });
  const term = await leadership.term(m, pledge.clusterId, pledge.year);
  const signatures = await m.find(PledgeSignature, { where: { pledgeId: pledge.id, withdrawnAt: IsNull() } });
  const users = signatures.length ? await m.findBy(User, signatures.map((s) => ({ id: s.signedByUserId }))) : [];
  const rank = (u: Unit) => (u.id === term?.chairUnitId ? 0 : u.id === term?.viceChairUnitId ? 1 : 2);
  const members = memberships.map((ms) => ms.unit!).sort((a, b) => rank(a) - rank(b) || compareVi(a.name, b.name));
  return {
    pledge,
    cluster,
    organizer,
    members,
    term,
    signatures,
    criteriaSet: await m.findOneOrFail(CriteriaSet, { where: { id: pledge.criteriaSetId } }),
    signers: new Map(users.map((u) => [u.id, u.username])),
  };
}

export function markOf(state: Pick<PledgeState, 'term'>, unitId: string): string | null {
  if (state.term?.chairUnitId === unitId) return 'Cụm trưởng';
  if (state.term?.viceChairUnitId === unitId) return 'Cụm phó';
  return null;
}

export function pledgeView(s: PledgeState): PledgeView {
  const byUnit = new Map(s.signatures.map((sig) => [sig.unitId, sig]));
  const signatories: SignatoryView[] = s.members.map((u) => {
    const sig = byUnit.get(u.id);
    return {
      unit: unitRef(u, u.id),
      mark: markOf(s, u.id),
      signed: !!sig,
      signerName: sig?.signerName ?? null,
      signerTitle: sig?.signerTitle ?? null,
      signedAt: sig?.signedAt ?? null,
      signedBy: sig ? (s.signers.get(sig.signedByUserId) ?? null) : null,
    };
  });
  const p = s.pledge;
  return {
    id: p.id,
    clusterId: p.clusterId,
    year: p.year,
    status: p.status,
    statusLabel: PLEDGE_STATUS_LABELS[p.status],
    documentNumber: p.documentNumber,
    title: p.title,
    theme: p.theme,
    legalBases: JSON.parse(p.legalBases) as string[],
    purpose: p.purpose,
    implementation: p.implementation,
    signingPlace: p.signingPlace,
    signingDate: p.signingDate,
    criteriaSetId: p.criteriaSetId,
    criteriaVersionNo: s.criteriaSet.versionNo,
    openedAt: p.openedAt,
    completedAt: p.completedAt,
    signedCount: signatories.filter((x) => x.signed).length,
    memberCount: signatories.length,
    signatories,
    version: p.version,
    updatedAt: p.updatedAt,
  };
}
