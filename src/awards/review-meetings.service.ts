import { RegulationsService } from './regulations/regulations.service';
import { LegalService } from '../legal/legal.service';
import { valueOn } from '../legal/legal.rules';
import { RatingsService } from './ratings/ratings.service';
import { Injectable } from '@nestjs/common';
import { MembershipsRepository } from '../clusters/memberships.repository';
import { ScoringConfigsRepository } from '../scoring/scoring-configs.repository';
import { randomUUID } from 'node:crypto';
import { EntityManager, Not } from 'typeorm';
import { AwardProposal } from './award-proposal.entities';
import { UnitsRepository } from '../units/units.repository';
import { AccessService } from '../access/access.service';
import { Permission } from '../access/access.policy';
import type { Principal } from '../common/auth/principal';
import { AuditService } from '../audit/audit.service';
import { AppException, ErrorDetail } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-codes';
import { nowIso, formatDateVi } from '../common/time';
import { UnitOfWork, requireVersion } from '../database/unit-of-work';
import { fromHundredths, toHundredths } from '../units/units.rules';
import { unitRef } from '../units/unit-ref';
import { ScoringService } from '../scoring/scoring.service';
import type { RankingView } from '../scoring/scoring.dto';
import type { Unit } from '../units/unit.entity';
import { ATTENDANCE_LABELS, ReviewMeeting } from './award.entities';
import { AwardsRepository, quotaSetVersion } from './awards.repository';
import { AWARD_CODES, AwardCode, AwardResult, MeetingInput, RuleVersion, WomenShares, meetingResults, ratioText, requirementText, ruleForYear } from './awards.rules';
import { AttendanceDto, BallotsDto, CreateMeetingDto, ElectionDto, MeetingView, QuotasDto, QuotasView } from './awards.dto';
import { LeadershipService } from '../leadership/leadership.service';
import type { TermView } from '../leadership/leadership.dto';
import { ReviewMeetingsRepository } from './review-meetings.repository';
import { requirePublishedResults } from './published-results';

export const DEFAULT_QUOTAS: Record<AwardCode, number> = { EMULATION_FLAG: 2, CERTIFICATE_OF_MERIT: 2 };

/** What the meeting decided by the rules, with what it was decided from. */
export interface MeetingOutcome {
  members: Unit[];
  rule: RuleVersion | null;
  ranking: RankingView;
  results: AwardResult[];
}

/** Họp bình xét: attendance, ballots and their results against the rules, quotas and the ranking. */
@Injectable()
export class ReviewMeetingsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly scoring: ScoringService,
    private readonly leadership: LeadershipService,
    private readonly repo: ReviewMeetingsRepository,
    private readonly awards: AwardsRepository,
    private readonly configs: ScoringConfigsRepository,
    private readonly memberships: MembershipsRepository,
    private readonly ratings: RatingsService,
    private readonly legal: LegalService,
    private readonly regulations: RegulationsService,
    private readonly units: UnitsRepository,
  ) {}

  /** Bầu Cụm trưởng, Cụm phó năm sau at the meeting: recorded as next year's leadership term (election). */
  electNext(p: Principal, clusterId: string, year: number, dto: ElectionDto): Promise<TermView> {
    return this.uow.write(async (m) => {
      const cluster = await this.access.require(m, p, Permission.AwardsManage, clusterId, year);
      const meeting = await this.find(m, clusterId, year);
      return this.leadership.saveTerm(
        m,
        cluster,
        year + 1,
        {
          chairUnitId: dto.chairUnitId,
          viceChairUnitId: dto.viceChairUnitId ?? null,
          hostUnitId: dto.hostUnitId ?? null,
          method: 'ELECTION',
          decisionNumber: null,
          decisionDate: null,
          note: `Bầu tại hội nghị bình xét năm ${year} ngày ${formatDateVi(meeting.heldOn)}.`,
        },
        dto.version,
        dto.reason,
        'leadership.create',
      );
    });
  }

  /** A cluster-year's quotas, the defaults where none is set. */
  async quotas(m: EntityManager, clusterId: string, year: number): Promise<Record<AwardCode, number>> {
    const rows = await this.awards.quotas(m, clusterId, year);
    return Object.fromEntries(AWARD_CODES.map((code) => [code, rows.find((r) => r.awardCode === code)?.quota ?? DEFAULT_QUOTAS[code]])) as Record<AwardCode, number>;
  }

  getQuotas(p: Principal, clusterId: string, year: number): Promise<QuotasView> {
    return this.uow.read(async (m) => {
      await this.access.require(m, p, Permission.ClusterRead, clusterId);
      return { ...(await this.quotas(m, clusterId, year)), version: quotaSetVersion(await this.awards.quotas(m, clusterId, year)) }; // 0 while the defaults apply
    });
  }

  /** Quotas are set by the organiser's reviewers (configuration, not code). */
  putQuotas(p: Principal, clusterId: string, year: number, dto: QuotasDto): Promise<QuotasView> {
    return this.uow.write(async (m) => {
      const cluster = await this.access.require(m, p, Permission.ClusterOrganize, clusterId);
      const before = await this.quotas(m, clusterId, year);
      const next = Object.fromEntries(AWARD_CODES.map((code) => [code, dto.quotas.find((q) => q.award === code)?.quota ?? before[code]])) as Record<AwardCode, number>;
      const version = await this.awards.replaceQuotas(m, clusterId, year, dto.version, next);
      const after = await this.quotas(m, clusterId, year);
      await this.audit.record(m, { action: 'award.quotas', entityType: 'award_quota', entityId: `${clusterId}:${year}`, before, after: { ...after, version }, reason: dto.reason, organizerId: cluster.organizerId, clusterId });
      return { ...after, version };
    });
  }

  get(p: Principal, clusterId: string, year: number): Promise<MeetingView> {
    return this.uow.read(async (m) => {
      await this.access.require(m, p, Permission.ClusterRead, clusterId);
      return this.view(m, await this.find(m, clusterId, year));
    });
  }

  /** Whether the cluster's review meeting of the year is recorded (without working out its results). */
  recorded(p: Principal, clusterId: string, year: number): Promise<boolean> {
    return this.uow.read(async (m) => {
      await this.access.require(m, p, Permission.ClusterRead, clusterId);
      return this.repo.exists(m, clusterId, year);
    });
  }

  create(p: Principal, clusterId: string, year: number, dto: CreateMeetingDto): Promise<MeetingView> {
    return this.uow.write(async (m) => {
      const cluster = await this.access.require(m, p, Permission.AwardsManage, clusterId, year);
      if ((await this.memberships.members(m, clusterId, year)).length === 0) throw AppException.field(ErrorCode.NoMembership, 'year', `Cụm chưa có thành viên trong năm ${year}.`);
      if (await this.repo.exists(m, clusterId, year)) throw AppException.field(ErrorCode.Duplicate, 'year', `Đã có hội nghị bình xét năm ${year}.`);
      await requirePublishedResults(m, this.configs, clusterId, year, 'tạo cuộc họp');
      const now = nowIso();
      const meeting: ReviewMeeting = { id: randomUUID(), clusterId, year, heldOn: dto.heldOn, place: dto.place.trim(), chairedBy: dto.chairedBy.trim(), minutesBy: dto.minutesBy.trim(), tieDecisions: '{}', conclusions: dto.conclusions?.trim() ?? null, version: 1, createdAt: now, updatedAt: now };
      await this.repo.insert(m, meeting);
      await this.audit.record(m, { action: 'review_meeting.create', entityType: 'review_meeting', entityId: meeting.id, after: dto, reason: dto.reason, organizerId: cluster.organizerId, clusterId });
      return this.view(m, meeting);
    });
  }

  setAttendance(p: Principal, clusterId: string, year: number, dto: AttendanceDto): Promise<MeetingView> {
    return this.uow.write(async (m) => {
      const cluster = await this.access.require(m, p, Permission.AwardsManage, clusterId, year);
      const meeting = await this.find(m, clusterId, year);
      // A stale version answers 409 before the entries are checked; the write checks it again, atomically.
      requireVersion(meeting.version, dto.version);
      // Final means final: the attendance is the base of every vote share of the proposals already sent.
      if ((await this.sentProposals(m, clusterId, year)).length) {
        throw new AppException(ErrorCode.BusinessRule, `Đã gửi đề nghị khen thưởng năm ${year} dựa trên kết quả hội nghị: không thể sửa thành phần tham dự.`, [{ field: 'entries', code: 'final', message: 'Thành phần tham dự đã là căn cứ của đề nghị khen thưởng đã gửi.' }]);
      }
      if (await this.repo.ballotHeld(m, meeting.id)) throw AppException.field(ErrorCode.BusinessRule, 'entries', 'Đã mở phiên bỏ phiếu kín: thành phần tham dự là căn cứ của danh sách đại biểu biểu quyết, không thể sửa.');
      await requirePublishedResults(m, this.configs, clusterId, year, 'ghi thành phần tham dự');
      const members = new Set((await this.memberships.members(m, clusterId, year)).map((u) => u.id));
      const problems: ErrorDetail[] = dto.entries.flatMap((e, i) => (members.has(e.unitId) ? [] : [{ field: `entries.${i}.unitId`, code: 'notMember', message: `Đơn vị không phải thành viên của cụm năm ${year}.` }]));
      if (problems.length) throw new AppException(ErrorCode.InvalidReference, problems[0].message, problems);
      const twice = dto.entries.findIndex((e, i) => dto.entries.findIndex((x) => x.unitId === e.unitId) !== i);
      if (twice >= 0) throw AppException.field(ErrorCode.ValidationFailed, `entries.${twice}.unitId`, 'Mỗi đơn vị chỉ được ghi một lần.');
      // The votes recorded must still fit the members voting (more "for" than voters would pass a candidate that was not).
      const [over] = (await this.repo.ballots(m, meeting.id)).filter((b) => b.votesFor > dto.entries.filter((e) => e.status !== 'ABSENT').length).sort((a, b) => b.votesFor - a.votesFor);
      if (over) throw AppException.field(ErrorCode.BusinessRule, 'entries', `Đã ghi ${over.votesFor} phiếu đồng ý cho một ứng viên, nhiều hơn số thành viên biểu quyết theo thành phần này: sửa kết quả bỏ phiếu trước.`);
      const before = await this.repo.attendance(m, meeting.id);
      const updated = await this.repo.replaceAttendance(m, meeting, dto.version, dto.entries.map((e) => ({ unitId: e.unitId, status: e.status, representative: e.representative?.trim() || null, womenShareHundredths: e.womenShare == null ? null : toHundredths(e.womenShare) })));
      await this.audit.record(m, { action: 'review_meeting.attendance', entityType: 'review_meeting', entityId: meeting.id, before, after: dto.entries, reason: dto.reason, organizerId: cluster.organizerId, clusterId });
      return this.view(m, updated);
    });
  }

  /** Records the ballot results (votes for, per candidate and award) and the chair's tie decisions. */
  setBallots(p: Principal, clusterId: string, year: number, dto: BallotsDto): Promise<MeetingView> {
    return this.uow.write(async (m) => {
      const cluster = await this.access.require(m, p, Permission.AwardsManage, clusterId, year);
      const meeting = await this.find(m, clusterId, year);
      requireVersion(meeting.version, dto.version);
      // Typed counts stay for meetings recorded before the secret ballot; a meeting that voted takes its results from the ballot.
      if (await this.repo.ballotHeld(m, meeting.id)) throw AppException.field(ErrorCode.BusinessRule, 'ballots', 'Hội nghị đã bỏ phiếu kín trên hệ thống: kết quả lấy từ phiên bỏ phiếu, không nhập tay.');
      await requirePublishedResults(m, this.configs, clusterId, year, 'ghi kết quả bỏ phiếu');
      const members = new Set((await this.memberships.members(m, clusterId, year)).map((u) => u.id));
      const attendance = await this.repo.attendance(m, meeting.id);
      const voters = attendance.filter((a) => a.status !== 'ABSENT').length;
      const problems: ErrorDetail[] = [];
      dto.ballots.forEach((b, i) => {
        if (!members.has(b.unitId)) problems.push({ field: `ballots.${i}.unitId`, code: 'notMember', message: `Ứng viên không phải thành viên của cụm năm ${year}.` });
        if (b.votesFor > voters) problems.push({ field: `ballots.${i}.votesFor`, code: 'tooMany', message: `Số phiếu đồng ý (${b.votesFor}) vượt số thành viên biểu quyết (${voters}: có mặt hoặc có ý kiến bằng văn bản).` });
      });
      const keys = dto.ballots.map((b) => `${b.award}:${b.unitId}`);
      if (new Set(keys).size !== keys.length) problems.push({ field: 'ballots', code: 'duplicate', message: 'Mỗi ứng viên chỉ có một kết quả cho mỗi danh hiệu.' });
      // Final means final: a result a sent proposal rests on stays as it was (other candidates may still be recorded).
      const stored = await this.repo.ballots(m, meeting.id);
      for (const sent of await this.sentProposals(m, clusterId, year)) {
        const before = stored.find((b) => b.awardCode === sent.awardCode && b.unitId === sent.unitId);
        const after = dto.ballots.findIndex((b) => b.award === sent.awardCode && b.unitId === sent.unitId);
        if (before && (after < 0 || dto.ballots[after].votesFor !== before.votesFor)) {
          const unit = await this.units.get(m, sent.unitId);
          problems.push({ field: after < 0 ? 'ballots' : `ballots.${after}.votesFor`, code: 'final', message: `Kết quả bỏ phiếu của ${unit.shortName} là căn cứ của đề nghị khen thưởng đã gửi: không thể sửa hoặc xóa.` });
        }
      }
      if (problems.length) throw new AppException(ErrorCode.BusinessRule, problems[0].message, problems);
      const ties = Object.fromEntries((dto.tieDecisions ?? []).map((t) => [t.award, t.unitIds]));
      const updated = await this.repo.replaceBallots(m, meeting, dto.version, JSON.stringify(ties), dto.ballots.map((b) => ({ awardCode: b.award, unitId: b.unitId, votesFor: b.votesFor })));
      await this.audit.record(m, { action: 'review_meeting.ballots', entityType: 'review_meeting', entityId: meeting.id, after: { ballots: dto.ballots, tieDecisions: ties }, reason: dto.reason, organizerId: cluster.organizerId, clusterId });
      return this.view(m, updated);
    });
  }

  /** The proposals of the cluster-year that left the secretariat (sent, in review, returned or decided). */
  private sentProposals(m: EntityManager, clusterId: string, year: number): Promise<AwardProposal[]> {
    return m.find(AwardProposal, { where: { clusterId, year, status: Not('DRAFT') } });
  }

  async find(m: EntityManager, clusterId: string, year: number): Promise<ReviewMeeting> {
    const meeting = await this.repo.find(m, clusterId, year);
    if (!meeting) throw AppException.notFound(`hội nghị bình xét năm ${year} của cụm này`, 'year');
    return meeting;
  }

  /** The rule of the cluster's vote: its regulation in force on the meeting's date, else the system's default shares for the year (said to be such, not a decree's). */
  async rule(m: EntityManager, meeting: ReviewMeeting): Promise<RuleVersion | null> {
    const regulation = await this.regulations.inForce(m, meeting.clusterId, meeting.heldOn);
    if (regulation) {
      return {
        basis: regulation.title,
        validFrom: regulation.effectiveFrom,
        validTo: null,
        minApproval: { EMULATION_FLAG: regulation.flagShare, CERTIFICATE_OF_MERIT: regulation.meritShare },
        strictlyAbove: { EMULATION_FLAG: regulation.flagStrictlyAbove, CERTIFICATE_OF_MERIT: regulation.meritStrictlyAbove },
        quorum: regulation.quorum,
      };
    }
    const rows = await this.awards.ruleVersions(m);
    const fallback = ruleForYear(rows.map((r) => ({ basis: r.basis, validFrom: r.validFrom, validTo: r.validTo, minApproval: { EMULATION_FLAG: r.flagMinApproval, CERTIFICATE_OF_MERIT: r.meritMinApproval }, strictlyAbove: { EMULATION_FLAG: r.flagStrictlyAbove, CERTIFICATE_OF_MERIT: r.meritStrictlyAbove } })), meeting.year);
    return fallback ? { ...fallback, basis: 'mức áp dụng chung khi cụm chưa ghi nhận quy chế hoạt động' } : null;
  }

  /** The meeting's results as awards.rules decides them, from its ballots, the rule in force, the quotas and the ranking. */
  async outcome(m: EntityManager, meeting: ReviewMeeting): Promise<MeetingOutcome> {
    const { clusterId, year } = meeting;
    const members = await this.memberships.members(m, clusterId, year);
    const ballots = await this.repo.ballots(m, meeting.id);
    const attendance = await this.repo.attendance(m, meeting.id);
    const ranking = await this.scoring.computeRanking(m, clusterId, year, await this.configs.get(m, clusterId, year));
    const memberIds = members.map((u) => u.id);
    const input: MeetingInput = {
      memberIds,
      ballots: ballots.map((b) => ({ award: b.awardCode, unitId: b.unitId, votesFor: b.votesFor })),
      rule: await this.rule(m, meeting),
      presentCount: attendance.filter((a) => a.status === 'PRESENT').length,
      quotas: await this.quotas(m, clusterId, year),
      standings: new Map(ranking.rows.map((r) => [r.unit.id, { rank: r.rank, bandCode: r.bandCode }])),
      tieDecisions: JSON.parse(meeting.tieDecisions) as Partial<Record<AwardCode, string[]>>,
      // The legal ratings by decision (not the cluster's points band) for the "two consecutive years" route.
      excellent: await this.ratings.excellent(m, memberIds, year),
      women: await this.womenShares(m, attendance, meeting.heldOn),
    };
    return { members, rule: input.rule, ranking, results: meetingResults(input) };
  }

  /** The shares of women the meeting recorded, against a confirmed WOMEN_PREFERENCE on its date (an assumption is never applied as law: null). */
  private async womenShares(m: EntityManager, attendance: Array<{ unitId: string; womenShareHundredths: number | null }>, date: string): Promise<WomenShares | null> {
    const rule = valueOn((await this.legal.catalogue(m)).values, 'WOMEN_PREFERENCE', '', date);
    if (!rule || rule.assumption || rule.amount === null) return null;
    const recorded = attendance.filter((a) => a.womenShareHundredths !== null);
    return { recorded: new Set(recorded.map((a) => a.unitId)), preferred: new Set(recorded.filter((a) => a.womenShareHundredths! >= rule.amount!).map((a) => a.unitId)) };
  }

  /** The meeting with its results (the outcome, when the caller already has it). */
  async view(m: EntityManager, meeting: ReviewMeeting, known?: MeetingOutcome): Promise<MeetingView> {
    const { members, rule, results } = known ?? (await this.outcome(m, meeting));
    const byId = new Map(members.map((u) => [u.id, u]));
    const order = new Map(members.map((u, i) => [u.id, i]));
    const attendance = (await this.repo.attendance(m, meeting.id)).sort((a, b) => (order.get(a.unitId) ?? 0) - (order.get(b.unitId) ?? 0));
    const labels = await this.awards.labels(m);
    return {
      id: meeting.id,
      clusterId: meeting.clusterId,
      year: meeting.year,
      heldOn: meeting.heldOn,
      place: meeting.place,
      chairedBy: meeting.chairedBy,
      minutesBy: meeting.minutesBy,
      conclusions: meeting.conclusions,
      ruleBasis: rule?.basis ?? null,
      ruleInForce: rule !== null,
      memberCount: members.length,
      voters: attendance.filter((a) => a.status !== 'ABSENT').length,
      attendance: attendance.map((a) => ({ unit: unitRef(byId.get(a.unitId), a.unitId), status: a.status, statusLabel: ATTENDANCE_LABELS[a.status], representative: a.representative, womenShare: fromHundredths(a.womenShareHundredths) })),
      results: results.map((r) => ({
        award: r.award,
        awardLabel: labels[r.award],
        quota: r.quota,
        quorumMet: r.quorumMet ?? true,
        requiredText: rule ? requirementText(rule.minApproval[r.award], rule.strictlyAbove?.[r.award] ?? false) : null,
        candidates: r.candidates.map((c) => ({ unit: unitRef(byId.get(c.unitId), c.unitId), votesFor: c.votesFor, ratio: c.ratio, ratioText: ratioText(c.ratio), required: c.required, requiredText: c.required === null ? null : requirementText(c.required, c.strictly), passed: c.passed, eligible: c.eligible, eligibilityReason: c.eligibilityReason, selected: c.selected })),
        tiedAtLastPlace: r.tiedAtLastPlace.map((id) => unitRef(byId.get(id), id)),
      })),
      version: meeting.version,
    };
  }
}
