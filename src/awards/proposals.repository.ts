import { Injectable } from '@nestjs/common';
import { EntityManager, In, IsNull, Not } from 'typeorm';
import { AccessService } from '../access/access.service';
import type { Principal } from '../common/auth/principal';
import { Cluster } from '../clusters/cluster.entity';
import { updateVersioned } from '../database/unit-of-work';
import { AwardHistory, AwardProposal } from './award-proposal.entities';
import type { AwardCode } from './awards.rules';

/** What the proposals' list may be filtered by. */
export interface ProposalFilter {
  year?: number;
  clusterId?: string;
  award?: AwardCode;
  status?: string;
  statuses?: readonly string[];
  submittedBefore?: string;
  /** Those waiting for the ministry (sent, in review) first, then those returned, the drafts, and the decided. */
  waitingFirst?: boolean;
}

/** Award proposals and the award history their approvals write: the queries (within the caller's scope where asked) and the writes. */
@Injectable()
export class ProposalsRepository {
  constructor(private readonly access: AccessService) {}

  find(m: EntityManager, proposalId: string): Promise<AwardProposal | null> {
    return m.findOne(AwardProposal, { where: { id: proposalId } });
  }

  /** How many proposals of an award a cluster-year has that are not rejected (they count against the quota). */
  countActive(m: EntityManager, clusterId: string, year: number, award: AwardCode): Promise<number> {
    return m.count(AwardProposal, { where: { clusterId, year, awardCode: award, status: Not('REJECTED') } });
  }

  /** Whether the unit already has a proposal of this award from this cluster-year (whatever its status). */
  exists(m: EntityManager, clusterId: string, year: number, award: AwardCode, unitId: string): Promise<boolean> {
    return m.exists(AwardProposal, { where: { clusterId, year, awardCode: award, unitId } });
  }

  /** A cluster-year's proposals that are not rejected, by award (descending code) then votes, the most first. */
  activeOfClusterYear(m: EntityManager, clusterId: string, year: number): Promise<AwardProposal[]> {
    return m.find(AwardProposal, { where: { clusterId, year, status: Not('REJECTED') }, order: { awardCode: 'DESC', votesFor: 'DESC' } });
  }

  /**
   * The proposals of the clusters the caller may see, oldest submission first (then oldest creation, then id, so that
   * pages do not overlap), filtered; `submittedBefore` keeps those submitted at or before that instant (ISO);
   * `statuses` keeps those in any of them. With `page`, one page of them and how many there are in all.
   */
  async list(m: EntityManager, p: Principal, q: ProposalFilter, page?: { limit: number; offset: number }): Promise<{ rows: AwardProposal[]; total: number }> {
    const qb = m.createQueryBuilder(AwardProposal, 'ap').innerJoin(Cluster, 'c', 'c.id = ap.cluster_id');
    if (q.waitingFirst) {
      qb.addSelect(`CASE ap.status WHEN 'SUBMITTED' THEN 0 WHEN 'IN_REVIEW' THEN 0 WHEN 'RETURNED' THEN 1 WHEN 'DRAFT' THEN 2 ELSE 3 END`, 'waiting_rank').orderBy('waiting_rank', 'ASC');
    }
    qb.addOrderBy('ap.submittedAt', 'ASC').addOrderBy('ap.createdAt', 'ASC').addOrderBy('ap.id', 'ASC');
    this.access.scopeClusters(qb, 'c', p);
    if (q.year) qb.andWhere('ap.year = :year', { year: q.year });
    if (q.clusterId) qb.andWhere('ap.clusterId = :clusterId', { clusterId: q.clusterId });
    if (q.award) qb.andWhere('ap.awardCode = :award', { award: q.award });
    if (q.status) qb.andWhere('ap.status = :status', { status: q.status });
    if (q.statuses) qb.andWhere('ap.status IN (:...statuses)', { statuses: q.statuses });
    if (q.submittedBefore !== undefined) qb.andWhere('ap.submittedAt <= :cutoff', { cutoff: q.submittedBefore });
    if (!page) {
      const rows = await qb.getMany();
      return { rows, total: rows.length };
    }
    const total = await qb.getCount();
    return { rows: await qb.limit(page.limit).offset(page.offset).getMany(), total };
  }

  /** The proposals of the clusters the caller may see (of one year if given), in no particular order. */
  inScope(m: EntityManager, p: Principal, year?: number): Promise<AwardProposal[]> {
    const qb = m.createQueryBuilder(AwardProposal, 'ap').innerJoin(Cluster, 'c', 'c.id = ap.cluster_id');
    this.access.scopeClusters(qb, 'c', p);
    if (year) qb.andWhere('ap.year = :year', { year });
    return qb.getMany();
  }

  /** The approved proposals of a year in the clusters the caller may see. */
  /** A year's proposals with Bộ (sent, under review) or approved, within the caller's scope (what a draft decision may list). */
  withMinistryOrApproved(m: EntityManager, p: Principal, year: number): Promise<AwardProposal[]> {
    const qb = m.createQueryBuilder(AwardProposal, 'ap').innerJoin(Cluster, 'c', 'c.id = ap.cluster_id').where('ap.year = :year AND ap.status IN (:...statuses)', { year, statuses: ['SUBMITTED', 'IN_REVIEW', 'APPROVED'] });
    this.access.scopeClusters(qb, 'c', p);
    return qb.getMany();
  }

  async insert(m: EntityManager, proposal: AwardProposal): Promise<void> {
    await m.insert(AwardProposal, proposal);
  }

  /** The optimistic update of a proposal (a step of its workflow); answers it as written. */
  /**
   * Holds the proposal's row until the transaction ends (PostgreSQL; SQLite's write transactions are serial already):
   * concurrent steps on one proposal then run one after the other, each reading what the previous one committed.
   */
  async lockRow(m: EntityManager, id: string): Promise<void> {
    if (m.connection.options.type !== 'better-sqlite3') await m.query('SELECT id FROM award_proposals WHERE id = $1 FOR UPDATE', [id]);
  }

  update(m: EntityManager, proposal: AwardProposal, expectedVersion: number, changes: Partial<AwardProposal>): Promise<AwardProposal> {
    return updateVersioned(m, AwardProposal, proposal, expectedVersion, changes, 'đề nghị khen thưởng');
  }

  /**
   * Records the Tờ trình the proposals went with: those named (just sent), or every proposal of the cluster-year sent
   * and not yet linked (a Tờ trình issued after the sending, with the original's date).
   */
  async linkSubmission(m: EntityManager, documentId: string | null, to: { ids: string[] } | { clusterId: string; year: number }): Promise<void> {
    const where = 'ids' in to ? { id: In(to.ids) } : { clusterId: to.clusterId, year: to.year, status: Not('DRAFT'), submissionDocumentId: IsNull() };
    if ('ids' in to && !to.ids.length) return;
    await m.update(AwardProposal, where, { submissionDocumentId: documentId });
  }

  /** Records an award the unit received (an approved proposal). */
  async insertHistory(m: EntityManager, entry: AwardHistory): Promise<void> {
    await m.insert(AwardHistory, entry);
  }

  /** A unit's award history, the latest year first. */
  historyOfUnit(m: EntityManager, unitId: string): Promise<AwardHistory[]> {
    return m.find(AwardHistory, { where: { unitId }, order: { year: 'DESC' } });
  }

  /** The award history of several units (a unit and its predecessors), the latest year first. */
  historyOfUnits(m: EntityManager, unitIds: string[]): Promise<AwardHistory[]> {
    return m.find(AwardHistory, { where: { unitId: In(unitIds) }, order: { year: 'DESC', awardCode: 'ASC' } });
  }

  /** The award history of the clusters the caller may see (of one year if given), the latest year first. */
  historyInScope(m: EntityManager, p: Principal, year?: number): Promise<AwardHistory[]> {
    const qb = m.createQueryBuilder(AwardHistory, 'h').innerJoin(Cluster, 'c', 'c.id = h.cluster_id').orderBy('h.year', 'DESC');
    this.access.scopeClusters(qb, 'c', p);
    if (year) qb.andWhere('h.year = :year', { year });
    return qb.getMany();
  }
}
