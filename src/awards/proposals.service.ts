import { RatingsService } from './ratings/ratings.service';
import { CouncilApprovals } from './council/council-approvals';
import { Injectable } from '@nestjs/common';
import { UnitsRepository } from '../units/units.repository';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service';
import { Permission } from '../access/access.policy';
import type { Principal } from '../common/auth/principal';
import { AuditService } from '../audit/audit.service';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-codes';
import { addDays, formatDateVi, nowIso, todayInVietnam } from '../common/time';
import { Cluster } from '../clusters/cluster.entity';
import { ClustersRepository } from '../clusters/clusters.repository';
import { UnitOfWork } from '../database/unit-of-work';
import { unitRef } from '../units/unit-ref';
import { AwardProposal } from './award-proposal.entities';
import { AwardsRepository } from './awards.repository';
import { AwardCode, ratioText } from './awards.rules';
import { organizerWord } from '../common/cluster-label';
import { ProposalAction, StepInput, proposalStatusLabel, basisNote, decisionDateProblem, proposalRefusal, transition } from './proposals.rules';
import { ProposalFilter, ProposalsRepository } from './proposals.repository';
import { AGE_BANDS, AgeingRow, WAITING_STATUSES, ageingTable, daysSince } from './queue-ageing.rules';
import { ReviewMeetingsService } from './review-meetings.service';
import { ProposalStepNotices } from './proposal-step-notices';
import { overServiceLevel } from '../notifications/reminders.rules';
import { ServiceLevels } from '../notifications/service-levels';
import type { ProposalView } from './proposal-view';
import { ScoringConfigsRepository } from '../scoring/scoring-configs.repository';
import { requireNoOpenBallot, requirePublishedResults } from './published-results';
import { DossierCompleteness } from './dossier-completeness';

export type { ProposalView } from './proposal-view';

/** What the list of proposals may be filtered by (the query of GET /api/proposals), and how it is ordered. */
export interface ProposalQuery extends Pick<ProposalFilter, 'year' | 'clusterId' | 'award' | 'status' | 'waitingFirst'> {
  olderThanDays?: number;
}

/** Đề nghị khen thưởng from the meeting's results, and the ministry reviewers' workflow. */
@Injectable()
export class ProposalsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly meetings: ReviewMeetingsService,
    private readonly repo: ProposalsRepository,
    private readonly awards: AwardsRepository,
    private readonly clusters: ClustersRepository,
    private readonly units: UnitsRepository,
    private readonly council: CouncilApprovals,
    private readonly ratings: RatingsService,
    private readonly notices: ProposalStepNotices,
    private readonly serviceLevels: ServiceLevels,
    private readonly completeness: DossierCompleteness,
    private readonly configs: ScoringConfigsRepository,
  ) {}

  /** What the system suggests: the units the meeting selected, per award. */
  suggestions(p: Principal, clusterId: string, year: number) {
    return this.uow.read(async (m) => {
      await this.access.require(m, p, Permission.ClusterRead, clusterId);
      const { members, results } = await this.meetings.outcome(m, await this.meetings.find(m, clusterId, year));
      const byId = new Map(members.map((u) => [u.id, u]));
      const labels = await this.awards.labels(m);
      const ref = (id: string) => unitRef(byId.get(id), id);
      return results.map((r) => ({ award: r.award, awardLabel: labels[r.award], quota: r.quota, units: r.candidates.filter((c) => c.selected).map((c) => ref(c.unitId)), tiedAtLastPlace: r.tiedAtLastPlace.map(ref) }));
    });
  }

  /** The secretariat confirms a proposal; refused over the quota, below the threshold, ineligible or not a member (proposals.rules). */
  create(p: Principal, clusterId: string, year: number, award: AwardCode, unitId: string, reason?: string): Promise<ProposalView> {
    return this.uow.write(async (m) => {
      const cluster = await this.access.require(m, p, Permission.AwardsManage, clusterId, year);
      await requirePublishedResults(m, this.configs, clusterId, year, 'xác nhận đề nghị');
      const { results } = await this.meetings.outcome(m, await this.meetings.find(m, clusterId, year));
      const result = results.find((r) => r.award === award)!;
      const taken = await this.repo.countActive(m, clusterId, year, award);
      const refusal = proposalRefusal({ year, awardLabel: (await this.awards.labels(m))[award], result, unitId, taken });
      if (refusal) throw AppException.field(ErrorCode.BusinessRule, refusal.field, refusal.message);
      // Discipline, inspection findings or a complaint being verified: not proposed while it lasts.
      const blocked = await this.ratings.refusalOn(m, unitId, todayInVietnam());
      if (blocked) throw AppException.field(ErrorCode.BusinessRule, 'unitId', blocked);
      if (await this.repo.exists(m, clusterId, year, award, unitId)) {
        throw AppException.field(ErrorCode.Duplicate, 'unitId', 'Đã có đề nghị này.');
      }
      const candidate = result.candidates.find((c) => c.unitId === unitId)!;
      const now = nowIso();
      const proposal: AwardProposal = {
        id: randomUUID(),
        clusterId,
        year,
        awardCode: award,
        unitId,
        status: 'DRAFT',
        votesFor: candidate.votesFor,
        approval: candidate.ratio,
        basisNote: basisNote(candidate),
        createdByUserId: p.userId,
        reviewerUserId: null,
        reviewNote: null,
        decisionNumber: null,
        decisionDate: null,
        submittedAt: null,
        version: 1,
        createdAt: now,
        updatedAt: now,
      };
      await this.repo.insert(m, proposal);
      await this.audit.record(m, { action: 'proposal.create', entityType: 'award_proposal', entityId: proposal.id, after: { award, unitId, votesFor: candidate.votesFor }, reason, organizerId: cluster.organizerId, clusterId });
      return (await this.views(m, [proposal]))[0];
    });
  }

  /** One proposal the caller may read (out of scope answers 404). */
  get(p: Principal, proposalId: string): Promise<ProposalView> {
    return this.uow.read(async (m) => (await this.views(m, [(await this.readable(m, p, proposalId)).proposal]))[0]);
  }

  private async readable(m: EntityManager, p: Principal, proposalId: string): Promise<{ proposal: AwardProposal; cluster: Cluster }> {
    const proposal = await this.repo.find(m, proposalId);
    if (!proposal) throw AppException.notFound('đề nghị khen thưởng');
    return { proposal, cluster: await this.access.require(m, p, Permission.ClusterRead, proposal.clusterId) };
  }

  /** A step of the workflow; every transition is audited with its reason. */
  act(p: Principal, proposalId: string, action: ProposalAction, input: StepInput): Promise<ProposalView> {
    return this.uow.write((m) => this.step(m, p, proposalId, action, input));
  }

  /** The cluster sends confirmed proposals of a cluster-year together (all or none): one sending, one Tờ trình. */
  sendAll(p: Principal, clusterId: string, year: number, items: Array<{ id: string; version: number }>, issuedOn?: string): Promise<ProposalView[]> {
    return this.uow.write(async (m) => {
      await this.access.require(m, p, Permission.AwardsManage, clusterId, year);
      const heldOn = (await this.meetings.find(m, clusterId, year)).heldOn;
      if (issuedOn && issuedOn < heldOn) throw AppException.field(ErrorCode.ValidationFailed, 'issuedOn', `Ngày ban hành không được trước ngày họp bình xét (${formatDateVi(heldOn)}).`);
      // Every draft of this cluster-year still without its report is named at once (the steps stop at the first), once
      // the results it rests on are published (the steps' first rule).
      await requirePublishedResults(m, this.configs, clusterId, year, 'gửi đề nghị khen thưởng');
      await this.completeness.requireReports(m, { clusterId, year, items }, todayInVietnam());
      const views: ProposalView[] = [];
      for (const { id, version } of items) {
        const proposal = await this.repo.find(m, id);
        if (proposal && (proposal.clusterId !== clusterId || proposal.year !== year)) throw AppException.field(ErrorCode.BusinessRule, 'proposals', `Đề nghị ${id} không thuộc cụm và năm ${year} này.`);
        views.push(await this.step(m, p, id, 'submit', { version }));
      }
      return views;
    });
  }

  private async step(m: EntityManager, p: Principal, proposalId: string, action: ProposalAction, input: StepInput): Promise<ProposalView> {
    // One step at a time per proposal: without the row lock a step that lost a race on PostgreSQL could read the
    // proposal before the winner's commit and the council's ballots after it, and answer that state's rule (422).
    await this.repo.lockRow(m, proposalId);
    const { proposal, cluster } = await this.readable(m, p, proposalId);
    // A stale version answers 409 before any rule.
    if (proposal.version !== input.version) throw AppException.stale(proposal.version);
    const step = transition(proposal.status, action);
    if ('problem' in step) throw new AppException(ErrorCode.IllegalTransition, step.problem);
    if (step.by === 'cluster') {
      await this.access.require(m, p, Permission.AwardsManage, proposal.clusterId, proposal.year);
      if (action === 'submit' || action === 'resubmit') {
        await requirePublishedResults(m, this.configs, proposal.clusterId, proposal.year, 'gửi đề nghị khen thưởng');
        await requireNoOpenBallot(m, proposal.clusterId, proposal.year, proposal.awardCode);
      }
    } else {
      if (!this.access.actsFor(p, cluster.organizerId)) throw AppException.forbidden('Chỉ cán bộ thẩm định của Bộ được thẩm định đề nghị.');
      if (proposal.createdByUserId === p.userId) throw AppException.forbidden('Không được thẩm định đề nghị do chính mình lập.');
      if (action !== 'claim' && proposal.reviewerUserId && proposal.reviewerUserId !== p.userId) throw AppException.forbidden('Đề nghị đang do cán bộ thẩm định khác xử lý.');
    }
    if (step.reasonRequired && !input.reason) throw AppException.field(ErrorCode.ValidationFailed, 'reason', step.reasonRequired);
    if (input.resubmitBy && action !== 'return') throw AppException.field(ErrorCode.ValidationFailed, 'resubmitBy', 'Hạn gửi bổ sung chỉ ghi khi trả lại hồ sơ để bổ sung.');
    if (input.resubmitBy && input.resubmitBy > addDays(todayInVietnam(), 365)) {
      throw AppException.field(ErrorCode.ValidationFailed, 'resubmitBy', `Hạn gửi bổ sung không được quá một năm kể từ hôm nay (đến ${formatDateVi(addDays(todayInVietnam(), 365))}).`);
    }
    if (action === 'approve' && (!input.decisionNumber || !input.decisionDate)) {
      // Each missing field is named where the form shows it.
      const missingFields = [...(input.decisionNumber ? [] : [{ field: 'decisionNumber', message: 'Cần ghi số của quyết định khen thưởng.' }]), ...(input.decisionDate ? [] : [{ field: 'decisionDate', message: 'Cần ghi ngày của quyết định khen thưởng.' }])];
      throw new AppException(ErrorCode.ValidationFailed, 'Cần ghi số và ngày của quyết định khen thưởng.', missingFields.map((x) => ({ ...x, code: 'required' })));
    }
    if (action === 'approve') {
      const heldOn = (await this.meetings.find(m, proposal.clusterId, proposal.year)).heldOn;
      const blocked = decisionDateProblem(input.decisionDate!, heldOn, await this.units.find(m, cluster.organizerId)) ?? (await this.ratings.refusalOn(m, proposal.unitId, input.decisionDate!));
      if (blocked) throw AppException.field(ErrorCode.BusinessRule, 'decisionDate', blocked);
    }
    const missing = action === 'submit' || action === 'resubmit' || action === 'approve' ? await this.completeness.missingReport(m, proposal, action, input.decisionDate ?? todayInVietnam()) : null;
    if (missing) throw AppException.field(ErrorCode.BusinessRule, 'reports', missing);
    // A Cờ follows the emulation council's result: its closed meeting of the year must have passed the proposal.
    if (action === 'approve' && proposal.awardCode === 'EMULATION_FLAG') {
      const refusal = await this.council.approvalRefusal(m, cluster.organizerId, proposal);
      if (refusal) throw AppException.field(ErrorCode.BusinessRule, 'award', refusal);
    }
    // A decision that rests on the council's minutes is not dated before its meeting.
    if (action === 'approve') {
      const early = await this.council.decisionBeforeMeeting(m, cluster.organizerId, proposal, input.decisionDate!);
      if (early) throw AppException.field(ErrorCode.BusinessRule, 'decisionDate', early);
    }
    const now = nowIso();
    const changes: Partial<AwardProposal> = { status: step.to, updatedAt: now };
    if (action === 'submit' || action === 'resubmit') changes.submittedAt = now;
    if (action === 'claim') changes.reviewerUserId = p.userId;
    if (action === 'reject' || action === 'return') changes.reviewNote = input.reason!;
    // A return gives its own date to resend by, or none (the year's deadline then stands); a later step clears it.
    if (action === 'return' || proposal.resubmitBy) changes.resubmitBy = action === 'return' ? (input.resubmitBy ?? null) : null;
    if (action === 'resubmit') changes.supplementNote = input.reason!;
    if (action === 'approve') Object.assign(changes, { decisionNumber: input.decisionNumber!.trim(), decisionDate: input.decisionDate! });
    const updated = await this.repo.update(m, proposal, input.version, changes);
    if (action === 'approve') {
      await this.repo.insertHistory(m, { id: randomUUID(), unitId: proposal.unitId, year: proposal.year, awardCode: proposal.awardCode, clusterId: proposal.clusterId, decisionNumber: updated.decisionNumber!, decisionDate: updated.decisionDate!, proposalId: proposal.id, createdAt: now });
    }
    await this.audit.record(m, { action: `proposal.${action}`, entityType: 'award_proposal', entityId: proposal.id, before: { status: proposal.status }, after: { status: step.to, decisionNumber: updated.decisionNumber, ...(action === 'approve' ? { decisionDate: updated.decisionDate } : {}), ...(updated.resubmitBy ? { resubmitBy: updated.resubmitBy } : {}) }, reason: input.reason ?? null, organizerId: cluster.organizerId, clusterId: proposal.clusterId });
    const [view] = await this.views(m, [updated]);
    await this.notices.afterStep(m, cluster, proposal, view, action);
    return view;
  }

  /** The reviewers' queue (and the secretariat's list), within the caller's scope, oldest submission first. */
  async list(p: Principal, q: ProposalQuery): Promise<ProposalView[]> {
    return (await this.page(p, q)).items;
  }

  /** One page of the queue (all of it without `limit`) and how many proposals match in all. */
  page(p: Principal, q: ProposalQuery & { limit?: number; offset?: number }): Promise<{ items: ProposalView[]; total: number; limit: number | null; offset: number }> {
    return this.uow.read(async (m) => {
      const { limit, offset = 0, ...filter } = q;
      const { rows, total } = await this.repo.list(m, p, await this.filter(m, p, filter), limit ? { limit, offset } : undefined);
      return { items: await this.views(m, rows), total, limit: limit ?? null, offset: limit ? offset : 0 };
    });
  }

  /**
   * The queue's ageing: of the proposals matching the filter that wait for someone (sent, under review, returned), how
   * many have been in their status for how long, per status and age band (queue-ageing.rules).
   */
  ageing(p: Principal, q: ProposalQuery): Promise<{ asOf: string; bands: string[]; rows: AgeingRow[] }> {
    return this.uow.read(async (m) => {
      const { rows } = await this.repo.list(m, p, { ...(await this.filter(m, p, q)), statuses: WAITING_STATUSES });
      const today = todayInVietnam();
      return { asOf: today, bands: AGE_BANDS.map((b) => b.label), rows: ageingTable(rows.map((x) => ({ status: x.status, since: x.updatedAt })), today) };
    });
  }

  private async filter(m: EntityManager, p: Principal, q: ProposalQuery): Promise<ProposalFilter> {
    // A cluster named in the query must be one the caller may read: out of scope answers 404, not an empty list.
    if (q.clusterId) await this.access.require(m, p, Permission.ClusterRead, q.clusterId);
    const { olderThanDays, ...filter } = q;
    const submittedBefore = olderThanDays !== undefined ? new Date(Date.now() - olderThanDays * 86_400_000).toISOString() : undefined;
    return { ...filter, submittedBefore };
  }

  private async views(m: EntityManager, proposals: AwardProposal[]): Promise<ProposalView[]> {
    if (!proposals.length) return [];
    const clusters = new Map((await this.clusters.byIds(m, [...new Set(proposals.map((x) => x.clusterId))])).map((c) => [c.id, c]));
    // The organisers too: a proposal is "Đã gửi Bộ" or "Đã gửi Sở" as its cluster's organiser is.
    const units = await this.units.byIds(m, [...proposals.map((x) => x.unitId), ...[...clusters.values()].map((c) => c.organizerId)]);
    const organizerOf = (x: AwardProposal) => units.get(clusters.get(x.clusterId)?.organizerId ?? '')?.name;
    const labels = await this.awards.labels(m);
    const today = todayInVietnam();
    const levels = await this.serviceLevels.all(m);
    const levelOf = (x: AwardProposal) => levels.get(clusters.get(x.clusterId)?.organizerId ?? '') ?? null;
    return proposals.map((x) => ({
      id: x.id,
      clusterId: x.clusterId,
      clusterName: clusters.get(x.clusterId)?.name ?? '',
      year: x.year,
      award: x.awardCode,
      awardLabel: labels[x.awardCode],
      unit: unitRef(units.get(x.unitId), x.unitId),
      status: x.status,
      statusLabel: proposalStatusLabel(x.status, organizerOf(x)),
      sentTo: organizerWord(organizerOf(x) ?? ''),
      votesFor: x.votesFor,
      approvalText: ratioText(x.approval),
      basisNote: x.basisNote,
      reviewNote: x.reviewNote,
      resubmitBy: x.status === 'RETURNED' ? (x.resubmitBy ?? null) : null,
      supplementNote: x.supplementNote ?? null,
      decisionNumber: x.decisionNumber,
      decisionDate: x.decisionDate,
      submittedAt: x.submittedAt,
      daysSinceSubmitted: x.submittedAt ? daysSince(x.submittedAt, today) : null,
      daysInStatus: daysSince(x.updatedAt, today),
      serviceLevelDays: levelOf(x),
      overServiceLevel: levelOf(x) === null || (x.status !== 'SUBMITTED' && x.status !== 'IN_REVIEW') ? null : overServiceLevel(daysSince(x.updatedAt, today), levelOf(x)),
      version: x.version,
      updatedAt: x.updatedAt,
    }));
  }
}
