import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AccessService } from '../../access/access.service';
import { Permission } from '../../access/access.policy';
import type { Principal } from '../../common/auth/principal';
import { AuditService } from '../../audit/audit.service';
import { AppException } from '../../common/errors/app.exception';
import { ErrorCode } from '../../common/errors/error-codes';
import { nowIso } from '../../common/time';
import { UnitOfWork, requireVersion } from '../../database/unit-of-work';
import { MembershipsRepository } from '../../clusters/memberships.repository';
import { ScoringConfigsRepository } from '../../scoring/scoring-configs.repository';
import { requireNotSent, requirePublishedResults } from '../published-results';
import { ScoringService } from '../../scoring/scoring.service';
import { RatingsService } from '../ratings/ratings.service';
import { ReviewMeetingsService } from '../review-meetings.service';
import { ReviewMeetingsRepository } from '../review-meetings.repository';
import { AwardCode, eligibility, meetsShare, ratioText } from '../awards.rules';
import { ReviewMeeting } from '../award.entities';
import { BallotSession, WrittenOpinion } from './ballot.entities';
import { BallotTally, tallyOnline, withWrittenOpinions, writtenOpinionsRule } from './ballot.rules';
import { RegulationsService } from '../regulations/regulations.service';
import { BallotSessionView, CloseBallotDto, OpenBallotDto, TieDecisionDto } from './ballots.dto';
import { BallotsRepository } from './ballots.repository';
import { BallotViews } from './ballot-views';

/**
 * Phiên bỏ phiếu kín at the review meeting: opened by the secretariat for the candidates the rules allow, with the
 * units present as voters, once the regulation's quorum is met; closed with the counting committee, its tally then
 * the meeting's result for the award, never changed after; a tie at the last place decided by the chair, with reason.
 */
@Injectable()
export class BallotSessionsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly meetings: ReviewMeetingsService,
    private readonly meetingRows: ReviewMeetingsRepository,
    private readonly memberships: MembershipsRepository,
    private readonly scoring: ScoringService,
    private readonly configs: ScoringConfigsRepository,
    private readonly ratings: RatingsService,
    private readonly repo: BallotsRepository,
    private readonly views: BallotViews,
    private readonly regulations: RegulationsService,
  ) {}

  list(p: Principal, clusterId: string, year: number): Promise<BallotSessionView[]> {
    return this.uow.read(async (m) => {
      await this.access.require(m, p, Permission.ClusterRead, clusterId);
      const meeting = await this.meetings.find(m, clusterId, year);
      return Promise.all((await this.repo.sessions(m, meeting.id)).map((s) => this.views.view(m, s, meeting)));
    });
  }

  get(p: Principal, id: string): Promise<BallotSessionView> {
    return this.uow.read(async (m) => {
      const { session, meeting } = await this.load(m, p, id, Permission.ClusterRead);
      return this.views.view(m, session, meeting);
    });
  }

  open(p: Principal, clusterId: string, year: number, dto: OpenBallotDto): Promise<BallotSessionView> {
    return this.uow.write(async (m) => {
      const cluster = await this.access.require(m, p, Permission.AwardsManage, clusterId, year);
      const meeting = await this.meetings.find(m, clusterId, year);
      if ((await this.repo.sessions(m, meeting.id)).some((s) => s.awardCode === dto.award)) throw AppException.field(ErrorCode.Duplicate, 'award', 'Danh hiệu này đã có phiên bỏ phiếu tại hội nghị.');
      await requirePublishedResults(m, this.configs, clusterId, year, 'mở phiên bỏ phiếu');
      await requireNotSent(m, clusterId, year, dto.award, 'mở phiên bỏ phiếu');
      const members = await this.memberships.members(m, clusterId, year);
      const present = (await this.meetingRows.attendance(m, meeting.id)).filter((a) => a.status === 'PRESENT').map((a) => a.unitId);
      if (!present.length) throw AppException.field(ErrorCode.BusinessRule, 'award', 'Chưa ghi nhận thành viên có mặt tại hội nghị: không thể mở phiên bỏ phiếu.');
      const rule = await this.meetings.rule(m, meeting);
      if (rule?.quorum != null && !meetsShare(present.length, members.length, rule.quorum, false)) {
        throw AppException.field(ErrorCode.BusinessRule, 'award', `Chưa đủ số thành viên có mặt theo quy chế hoạt động của cụm (có mặt ${present.length}/${members.length}, cần từ ${ratioText(rule.quorum)} trở lên): không thể mở phiên bỏ phiếu.`);
      }
      const quotas = await this.meetings.quotas(m, clusterId, year);
      const candidates = await this.candidates(m, clusterId, year, members.map((u) => u.id), dto.award, quotas);
      if (!candidates.length) throw AppException.field(ErrorCode.BusinessRule, 'award', 'Không có đơn vị nào đủ điều kiện xét danh hiệu này theo kết quả xếp hạng và xếp loại.');
      const session: BallotSession = { id: randomUUID(), meetingId: meeting.id, awardCode: dto.award, mode: dto.mode, status: 'OPEN', quota: quotas[dto.award], candidates: JSON.stringify(candidates), tally: null, countingCommittee: null, tieReason: null, openedAt: nowIso(), closedAt: null, version: 1 };
      await this.repo.insertSession(m, session, dto.mode === 'ONLINE' ? present : []);
      await this.audit.record(m, { action: 'ballot.open', entityType: 'ballot_session', entityId: session.id, after: { award: dto.award, mode: dto.mode, quota: session.quota, candidates, voters: dto.mode === 'ONLINE' ? [...present].sort() : [] }, organizerId: cluster.organizerId, clusterId });
      return this.views.view(m, session, meeting);
    });
  }

  close(p: Principal, id: string, dto: CloseBallotDto): Promise<BallotSessionView> {
    return this.uow.write(async (m) => {
      const { session, meeting, cluster } = await this.load(m, p, id, Permission.AwardsManage);
      requireVersion(session.version, dto.version);
      if (session.status !== 'OPEN') throw new AppException(ErrorCode.BusinessRule, 'Phiên bỏ phiếu đã đóng: kết quả không thể thay đổi.');
      await requirePublishedResults(m, this.configs, meeting.clusterId, meeting.year, 'đóng phiên bỏ phiếu');
      await requireNotSent(m, meeting.clusterId, meeting.year, session.awardCode, 'đóng phiên bỏ phiếu');
      const committee = dto.countingCommittee.map((s) => s.trim()).filter(Boolean);
      if (!committee.length) throw AppException.field(ErrorCode.ValidationFailed, 'countingCommittee', 'Cần ghi tên thành viên Ban kiểm phiếu.');
      const opinions = (await m.find(WrittenOpinion, { where: { sessionId: session.id } })).map((o) => JSON.parse(o.choices) as string[]);
      const tally = withWrittenOpinions(await this.tally(m, session), opinions, writtenOpinionsRule(await this.regulations.inForce(m, meeting.clusterId, meeting.heldOn)).counted);
      const closed = await this.repo.update(m, session, dto.version, { status: 'CLOSED', tally: JSON.stringify(tally), countingCommittee: JSON.stringify(committee), closedAt: nowIso() });
      await this.repo.recordResult(m, meeting, session.awardCode, tally.votes);
      await this.audit.record(m, { action: 'ballot.close', entityType: 'ballot_session', entityId: session.id, after: { tally, countingCommittee: committee }, organizerId: cluster.organizerId, clusterId: meeting.clusterId });
      return this.views.view(m, closed, await this.meetings.find(m, meeting.clusterId, meeting.year));
    });
  }

  /** The chair's decision of a tie at the last place within the quota (closed ballot only), recorded with its reason, once. */
  decideTie(p: Principal, id: string, dto: TieDecisionDto): Promise<BallotSessionView> {
    return this.uow.write(async (m) => {
      const { session, meeting, cluster } = await this.load(m, p, id, Permission.AwardsManage);
      if (session.status !== 'CLOSED') throw new AppException(ErrorCode.BusinessRule, 'Chỉ quyết định trường hợp đồng phiếu sau khi đóng phiên bỏ phiếu.');
      if (session.tieReason) throw new AppException(ErrorCode.BusinessRule, 'Chủ trì đã quyết định trường hợp đồng phiếu của phiên này: không thể thay đổi.');
      await requireNotSent(m, meeting.clusterId, meeting.year, session.awardCode, 'ghi quyết định của chủ trì');
      const result = (await this.meetings.outcome(m, meeting)).results.find((r) => r.award === session.awardCode)!;
      const tied = result.tiedAtLastPlace;
      const places = result.quota - result.candidates.filter((c) => c.selected).length;
      if (!tied.length) throw new AppException(ErrorCode.BusinessRule, 'Không có trường hợp đồng phiếu ở vị trí cuối trong chỉ tiêu.');
      if (dto.unitIds.length !== places || dto.unitIds.some((u) => !tied.includes(u)) || new Set(dto.unitIds).size !== dto.unitIds.length) {
        throw AppException.field(ErrorCode.BusinessRule, 'unitIds', `Chủ trì chọn đúng ${places} đơn vị trong số các đơn vị đồng phiếu.`);
      }
      const decisions = { ...(JSON.parse(meeting.tieDecisions) as Record<string, string[]>), [session.awardCode]: dto.unitIds };
      const updated = await this.repo.update(m, session, session.version, { tieReason: dto.reason.trim() });
      await this.repo.recordResult(m, meeting, session.awardCode, (JSON.parse(session.tally!) as BallotTally).votes, JSON.stringify(decisions));
      await this.audit.record(m, { action: 'ballot.tie_decision', entityType: 'ballot_session', entityId: session.id, after: { unitIds: dto.unitIds }, reason: dto.reason, organizerId: cluster.organizerId, clusterId: meeting.clusterId });
      return this.views.view(m, updated, await this.meetings.find(m, meeting.clusterId, meeting.year));
    });
  }

  /** The session with its meeting, the caller holding `permission` on the cluster (404 outside its read scope). */
  async load(m: EntityManager, p: Principal, id: string, permission: Permission) {
    const session = await this.repo.session(m, id);
    if (!session) throw AppException.notFound('phiên bỏ phiếu');
    const meeting = await m.findOneOrFail(ReviewMeeting, { where: { id: session.meetingId } });
    const cluster = await this.access.require(m, p, permission, meeting.clusterId, meeting.year);
    return { session, meeting, cluster };
  }

  /** Members present at the meeting: the most paper ballots that can be issued. */
  async presentCount(m: EntityManager, meetingId: string): Promise<number> {
    return (await this.meetingRows.attendance(m, meetingId)).filter((a) => a.status === 'PRESENT').length;
  }

  /** The tally as it stands: online from the box, on paper the two entries that agreed. */
  private async tally(m: EntityManager, session: BallotSession): Promise<BallotTally> {
    const candidates = JSON.parse(session.candidates) as string[];
    if (session.mode === 'ONLINE') {
      const roll = await this.repo.roll(m, session.id);
      return tallyOnline((await this.repo.box(m, session.id)).map((b) => JSON.parse(b.choices) as string[]), candidates, roll.length);
    }
    const entries = await this.repo.countEntries(m, session.id);
    if (entries.length < 2) throw new AppException(ErrorCode.BusinessRule, 'Kết quả kiểm phiếu giấy chưa được hai người nhập khớp nhau: chưa thể đóng phiên.');
    return JSON.parse(entries[1].figures) as BallotTally;
  }

  /** The members the rules allow as candidates for the award (ranking, quotas, ratings by decision), in member order. */
  private async candidates(m: EntityManager, clusterId: string, year: number, memberIds: string[], award: AwardCode, quotas: Record<AwardCode, number>): Promise<string[]> {
    const ranking = await this.scoring.computeRanking(m, clusterId, year, await this.configs.get(m, clusterId, year));
    const rank = new Map(ranking.rows.map((r) => [r.unit.id, r.rank]));
    const excellent = await this.ratings.excellent(m, memberIds, year);
    return memberIds.filter(
      (unitId) =>
        eligibility({ award, member: true, rank: rank.get(unitId) ?? null, flagQuota: quotas.EMULATION_FLAG, meritQuota: quotas.CERTIFICATE_OF_MERIT, excellentThisYear: excellent.thisYear.has(unitId), excellentLastYear: excellent.lastYear.has(unitId) }).eligible,
    );
  }
}
