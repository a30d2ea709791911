import { EntityManager } from 'typeorm';
import { Injectable } from '@nestjs/common';
import { UnitsRepository } from '../units/units.repository';
import { MembershipsRepository } from '../clusters/memberships.repository';
import { UsersRepository } from '../auth/users.repository';
import type { Cluster } from '../clusters/cluster.entity';
import { ClustersRepository } from '../clusters/clusters.repository';
import { compareVi } from '../common/text';
import type { CriteriaSet } from '../criteria/criteria-set.entity';
import { CriteriaRepository } from '../criteria/criteria.repository';
import type { LeadershipTerm } from '../leadership/leadership-term.entity';
import { LeadershipRepository } from '../leadership/leadership.repository';
import { unitRef } from '../units/unit-ref';
import { Unit } from '../units/unit.entity';
import { PLEDGE_STATUS_LABELS, Pledge } from './pledge.entity';
import type { PledgeSignature } from './pledge-signature.entity';
import { PledgesRepository } from './pledges.repository';
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

/** Reads a pledge's state through the repositories of the data around it. */
@Injectable()
export class PledgeStates {
  constructor(
    private readonly criteriaSets: CriteriaRepository,
    private readonly users: UsersRepository,
    private readonly pledges: PledgesRepository,
    private readonly clusters: ClustersRepository,
    private readonly leadership: LeadershipRepository,
    private readonly units: UnitsRepository,
    private readonly memberships: MembershipsRepository,
  ) {}

  load(m: EntityManager, pledge: Pledge): Promise<PledgeState> {
    return loadPledgeState(m, pledge, this.sources());
  }

  private sources(): Sources {
    return { criteriaSets: this.criteriaSets, users: this.users, pledges: this.pledges, clusters: this.clusters, leadership: this.leadership, units: this.units, memberships: this.memberships };
  }
}

interface Sources {
  criteriaSets: CriteriaRepository;
  users: UsersRepository;
  pledges: PledgesRepository;
  clusters: ClustersRepository;
  leadership: LeadershipRepository;
  units: UnitsRepository;
  memberships: MembershipsRepository;
}

async function loadPledgeState(m: EntityManager, pledge: Pledge, sources: Sources): Promise<PledgeState> {
  const cluster = await sources.clusters.findReferenced(m, pledge.clusterId);
  const organizer = await sources.units.get(m, cluster.organizerId);
  const memberships = await sources.memberships.withUnits(m, pledge.clusterId, pledge.year);
  const term = await sources.leadership.term(m, pledge.clusterId, pledge.year);
  const signatures = await sources.pledges.activeSignatures(m, pledge.id);
  const signers = await sources.users.usernames(m, signatures.map((s) => s.signedByUserId));
  const rank = (u: Unit) => (u.id === term?.chairUnitId ? 0 : u.id === term?.viceChairUnitId ? 1 : 2);
  const members = memberships.map((ms) => ms.unit!).sort((a, b) => rank(a) - rank(b) || compareVi(a.name, b.name));
  return {
    pledge,
    cluster,
    organizer,
    members,
    term,
    signatures,
    criteriaSet: await sources.criteriaSets.get(m, pledge.criteriaSetId),
    signers,
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
      paperSignedOn: sig?.paperSignedOn ?? null,
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
