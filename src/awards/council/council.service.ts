import { Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AccessService } from '../../access/access.service';
import { canonicalJson } from '../../audit/audit-chain';
import { AuditService } from '../../audit/audit.service';
import type { Principal } from '../../common/auth/principal';
import { AppException } from '../../common/errors/app.exception';
import { ErrorCode } from '../../common/errors/error-codes';
import { nowIso, formatDateVi, todayInVietnam } from '../../common/time';
import { rawQuery } from '../../database/raw-sql';
import { UnitOfWork, requireVersion } from '../../database/unit-of-work';
import { councilMinutesRecord, renderCouncilMinutes } from '../../documents/pdf/council-minutes.pdf';
import { LAYOUT_VERSION } from '../../documents/pdf/decree30';
import { DocumentNumbersService } from '../../issued-documents/document-numbers.service';
import { IssuedDocumentsService } from '../../issued-documents/issued-documents.service';
import { LegalService } from '../../legal/legal.service';
import { councilShareOn, type CatalogueValue } from '../../legal/legal.rules';
import { ClustersRepository } from '../../clusters/clusters.repository';
import { UnitsRepository } from '../../units/units.repository';
import { AwardsRepository } from '../awards.repository';
import { AWARD_CODES, requirementText, type AwardCode } from '../awards.rules';
import { CloseCouncilMeetingDto, CouncilAttendanceDto, CouncilBallotsDto, CouncilMeetingView, CouncilMemberView, CreateCouncilMeetingDto, CreateCouncilMemberDto, UpdateCouncilMemberDto } from './council.dto';
import { COUNCIL_ATTENDANCE_LABELS, COUNCIL_ROLE_LABELS, CouncilMeeting, CouncilMember } from './council.entities';
import { CouncilRepository } from './council.repository';
import { COUNCIL, ballotProblem, councilListOrder, councilOutcome, quorumMet, shareBasis } from './council.rules';

export { COUNCIL };

/** What a member's term says on a meeting's day: who, as what, from when to when. */
type CouncilTerm = { name: string; position: string; role: string; fromDate: string; toDate: string | null };

/**
 * Hội đồng Thi đua – Khen thưởng of an organiser: its members by period, and its meeting on a year's proposals from
 * all clusters, with attendance, one ballot per proposal against the share of all members in the legal catalogue on
 * the meeting's date, the chair's vote on a tie, and its signed minutes. A Cờ is approved only after it passed here.
 */
@Injectable()
export class CouncilService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repo: CouncilRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly legal: LegalService,
    private readonly units: UnitsRepository,
    private readonly clusters: ClustersRepository,
    private readonly awards: AwardsRepository,
    private readonly numbers: DocumentNumbersService,
    private readonly documents: IssuedDocumentsService,
  ) {}

  private requireOrganizer(p: Principal, organizerId: string): void {
    if (!this.access.actsFor(p, organizerId)) throw AppException.notFound('cơ quan tổ chức', 'organizerId');
  }

  private memberView(x: CouncilMember): CouncilMemberView {
    return { id: x.id, organizerId: x.organizerId, name: x.name, position: x.position, role: x.role, roleLabel: COUNCIL_ROLE_LABELS[x.role], fromDate: x.fromDate, toDate: x.toDate, version: x.version };
  }

  /**
   * A change of composition must leave closed meetings as they were decided (who sat, in which role and position, as
   * their minutes name them), and the council one chair at a time. A term may still end, or begin, on a day no closed
   * meeting depends on (a member leaving after the last closed meeting is a new decision, not a rewrite).
   */
  private async checkComposition(m: EntityManager, organizerId: string, before: CouncilTerm | null, after: CouncilTerm, selfId: string | null): Promise<void> {
    await this.lockCouncil(m, organizerId);
    const holds = (x: CouncilTerm, day: string) => x.fromDate <= day && (x.toDate === null || day <= x.toDate);
    const renamed = !!before && (before.name !== after.name || before.position !== after.position || before.role !== after.role);
    const changes = (day: string) => (before ? holds(before, day) !== holds(after, day) || (holds(after, day) && renamed) : holds(after, day));
    const closed = (await this.repo.meetingsOf(m, [organizerId])).filter((x) => x.status === 'CLOSED' && changes(x.heldOn));
    // Said at the field that changed it: the role, the title or the name; else the date that moved.
    const field = !before ? 'fromDate' : before.role !== after.role ? 'role' : before.position !== after.position ? 'position' : before.name !== after.name ? 'name' : before.fromDate === after.fromDate ? 'toDate' : 'fromDate';
    if (closed.length) throw AppException.field(ErrorCode.BusinessRule, field, `Thay đổi này làm thay đổi thành phần Hội đồng tại cuộc họp đã chốt ngày ${formatDateVi(closed[0].heldOn)}: thành phần Hội đồng ngày đó không thay đổi được.`);
    if (after.role !== 'CHAIR') return;
    const other = (await this.repo.members(m, organizerId)).find((x) => x.id !== selfId && x.role === 'CHAIR' && x.fromDate <= (after.toDate ?? '9999-12-31') && after.fromDate <= (x.toDate ?? '9999-12-31'));
    if (other) throw AppException.field(ErrorCode.BusinessRule, 'role', `Đã có Chủ tịch Hội đồng trong thời gian này (${other.name}).`);
  }

  /**
   * A change of composition and the closing of a meeting of the same council take turns (PostgreSQL: a transaction
   * lock per organiser; SQLite has one writer): a term cannot end before a meeting's day while that meeting closes.
   */
  private async lockCouncil(m: EntityManager, organizerId: string): Promise<void> {
    if (!this.uow.isSqlite) await rawQuery(m, 'SELECT pg_advisory_xact_lock(hashtext(?))', [`thidua-council:${organizerId}`]);
  }

  members(p: Principal, organizerId: string): Promise<CouncilMemberView[]> {
    return this.uow.read(async (m) => {
      this.requireOrganizer(p, organizerId);
      return councilListOrder(await this.repo.members(m, organizerId), todayInVietnam()).map((x) => this.memberView(x));
    });
  }

  addMember(p: Principal, organizerId: string, dto: CreateCouncilMemberDto): Promise<CouncilMemberView> {
    return this.uow.write(async (m) => {
      this.requireOrganizer(p, organizerId);
      if (dto.toDate && dto.toDate < dto.fromDate) throw AppException.field(ErrorCode.ValidationFailed, 'toDate', 'Ngày kết thúc không được trước ngày bắt đầu.');
      await this.checkComposition(m, organizerId, null, { name: dto.name, position: dto.position, role: dto.role, fromDate: dto.fromDate, toDate: dto.toDate ?? null }, null);
      const now = nowIso();
      const row: CouncilMember = { id: randomUUID(), organizerId, name: dto.name.trim(), position: dto.position.trim(), role: dto.role, fromDate: dto.fromDate, toDate: dto.toDate ?? null, version: 1, createdAt: now, updatedAt: now };
      await this.repo.insertMember(m, row);
      await this.audit.record(m, { action: 'council_member.create', entityType: 'council_member', entityId: row.id, after: row, reason: dto.reason, organizerId });
      return this.memberView(row);
    });
  }

  updateMember(p: Principal, id: string, dto: UpdateCouncilMemberDto): Promise<CouncilMemberView> {
    return this.uow.write(async (m) => {
      const current = await this.repo.member(m, id);
      if (!current || !this.access.actsFor(p, current.organizerId)) throw AppException.notFound('thành viên Hội đồng');
      const next = { name: dto.name?.trim() ?? current.name, position: dto.position?.trim() ?? current.position, role: dto.role ?? current.role, fromDate: dto.fromDate ?? current.fromDate, toDate: dto.toDate === undefined ? current.toDate : dto.toDate };
      if (next.toDate && next.toDate < next.fromDate) throw AppException.field(ErrorCode.ValidationFailed, 'toDate', 'Ngày kết thúc không được trước ngày bắt đầu.');
      requireVersion(current.version, dto.version);
      await this.checkComposition(m, current.organizerId, current, next, current.id);
      const after = await this.repo.updateMember(m, current, dto.version, { ...next, updatedAt: nowIso() });
      await this.audit.record(m, { action: 'council_member.update', entityType: 'council_member', entityId: id, before: current, after, reason: dto.reason, organizerId: current.organizerId });
      return this.memberView(after);
    });
  }

  list(p: Principal): Promise<CouncilMeetingView[]> {
    return this.uow.read(async (m) => {
      const meetings = await this.repo.meetingsOf(m, null);
      return Promise.all(meetings.filter((x) => this.access.actsFor(p, x.organizerId)).map((x) => this.view(m, x)));
    });
  }

  createMeeting(p: Principal, dto: CreateCouncilMeetingDto): Promise<CouncilMeetingView> {
    return this.uow.write(async (m) => {
      this.requireOrganizer(p, dto.organizerId);
      if (await this.repo.meetingOf(m, dto.organizerId, dto.year)) throw AppException.field(ErrorCode.Duplicate, 'year', `Đã có cuộc họp ${COUNCIL} xét khen thưởng năm ${dto.year}.`);
      if (dto.heldOn.slice(0, 4) < String(dto.year)) throw AppException.field(ErrorCode.ValidationFailed, 'heldOn', `Ngày họp phải từ năm ${dto.year} trở đi.`);
      if (!(await this.repo.membersOn(m, dto.organizerId, dto.heldOn)).length) throw AppException.field(ErrorCode.BusinessRule, 'heldOn', `Chưa có thành viên ${COUNCIL} nào trong nhiệm kỳ vào ngày họp: hãy nhập thành viên Hội đồng trước.`);
      const now = nowIso();
      const meeting: CouncilMeeting = { id: randomUUID(), organizerId: dto.organizerId, year: dto.year, heldOn: dto.heldOn, place: dto.place.trim(), minutesBy: dto.minutesBy.trim(), status: 'OPEN', closedAt: null, conclusions: null, appliedShares: null, version: 1, createdAt: now, updatedAt: now };
      await this.repo.insertMeeting(m, meeting);
      await this.audit.record(m, { action: 'council_meeting.create', entityType: 'council_meeting', entityId: meeting.id, after: meeting, reason: dto.reason ?? null, organizerId: dto.organizerId });
      return this.view(m, meeting);
    });
  }

  get(p: Principal, id: string): Promise<CouncilMeetingView> {
    return this.uow.read(async (m) => this.view(m, await this.open(m, p, id)));
  }

  private async open(m: EntityManager, p: Principal, id: string): Promise<CouncilMeeting> {
    const meeting = await this.repo.meeting(m, id);
    if (!meeting || !this.access.actsFor(p, meeting.organizerId)) throw AppException.notFound('cuộc họp Hội đồng');
    return meeting;
  }

  private editable(meeting: CouncilMeeting, version: number): void {
    requireVersion(meeting.version, version);
    if (meeting.status === 'CLOSED') throw AppException.field(ErrorCode.BusinessRule, 'version', 'Biên bản họp Hội đồng đã chốt: không sửa được nữa.');
  }

  setAttendance(p: Principal, id: string, dto: CouncilAttendanceDto): Promise<CouncilMeetingView> {
    return this.uow.write(async (m) => {
      const meeting = await this.open(m, p, id);
      this.editable(meeting, dto.version);
      const members = new Set((await this.repo.membersOn(m, meeting.organizerId, meeting.heldOn)).map((x) => x.id));
      const bad = dto.entries.findIndex((e) => !members.has(e.memberId));
      if (bad >= 0) throw AppException.field(ErrorCode.InvalidReference, `entries.${bad}.memberId`, 'Không phải thành viên Hội đồng trong nhiệm kỳ vào ngày họp.');
      const twice = dto.entries.findIndex((e, i) => dto.entries.findIndex((x) => x.memberId === e.memberId) !== i);
      if (twice >= 0) throw AppException.field(ErrorCode.ValidationFailed, `entries.${twice}.memberId`, 'Mỗi thành viên chỉ được ghi một lần.');
      // The votes recorded must still fit the members voting (more "for" than voters would pass a Cờ that was not).
      const voting = dto.entries.filter((e) => e.status !== 'ABSENT').length;
      const [over] = (await this.repo.ballots(m, id)).filter((b) => ballotProblem(b.votesFor, voting)).sort((a, b) => b.votesFor - a.votesFor);
      if (over) throw AppException.field(ErrorCode.BusinessRule, 'entries', `Đã ghi ${over.votesFor} phiếu đồng ý cho một đề nghị, nhiều hơn ${voting} thành viên tham gia biểu quyết theo thành phần này: sửa kết quả biểu quyết trước.`);
      const updated = await this.repo.updateMeeting(m, meeting, dto.version, { updatedAt: nowIso() });
      await this.repo.replaceAttendance(m, id, dto.entries.map((e) => ({ meetingId: id, memberId: e.memberId, status: e.status })));
      await this.audit.record(m, { action: 'council_meeting.attendance', entityType: 'council_meeting', entityId: id, after: dto.entries, reason: dto.reason ?? null, organizerId: meeting.organizerId });
      return this.view(m, updated);
    });
  }

  setBallots(p: Principal, id: string, dto: CouncilBallotsDto): Promise<CouncilMeetingView> {
    return this.uow.write(async (m) => {
      const meeting = await this.open(m, p, id);
      this.editable(meeting, dto.version);
      const byId = new Map((await this.repo.proposalsOf(m, meeting.organizerId, meeting.year)).map((x) => [x.id, x]));
      const proposals = new Set(byId.keys());
      const attendance = await this.repo.attendance(m, id);
      if (!attendance.length && dto.ballots.length) throw new AppException(ErrorCode.BusinessRule, 'Chưa lưu thành phần tham dự: chỉnh ô “Tham dự” của từng thành viên rồi bấm “Lưu thành phần” trước khi ghi phiếu.');
      const voting = attendance.filter((a) => a.status !== 'ABSENT').length;
      for (const [i, b] of dto.ballots.entries()) {
        if (!proposals.has(b.proposalId)) throw AppException.field(ErrorCode.InvalidReference, `ballots.${i}.proposalId`, `Không phải đề nghị khen thưởng năm ${meeting.year} gửi Bộ.`);
        const problem = ballotProblem(b.votesFor, voting);
        if (problem) throw AppException.field(ErrorCode.ValidationFailed, `ballots.${i}.votesFor`, problem);
        // The council considers what the cluster decided: not before the cluster's review meeting.
        const held = await this.repo.clusterMeetingDay(m, byId.get(b.proposalId)!.clusterId, meeting.year);
        if (held && held > meeting.heldOn) throw AppException.field(ErrorCode.BusinessRule, `ballots.${i}.proposalId`, `Hội nghị bình xét của cụm họp ngày ${formatDateVi(held)}, sau ngày họp Hội đồng: chưa thể biểu quyết đề nghị này.`);
      }
      const twice = dto.ballots.findIndex((b, i) => dto.ballots.findIndex((x) => x.proposalId === b.proposalId) !== i);
      if (twice >= 0) throw AppException.field(ErrorCode.ValidationFailed, `ballots.${twice}.proposalId`, 'Mỗi đề nghị chỉ có một kết quả biểu quyết.');
      const updated = await this.repo.updateMeeting(m, meeting, dto.version, { updatedAt: nowIso() });
      await this.repo.replaceBallots(m, id, dto.ballots.map((b) => ({ meetingId: id, proposalId: b.proposalId, votesFor: b.votesFor, chairFor: b.chairFor ?? false })));
      await this.audit.record(m, { action: 'council_meeting.ballots', entityType: 'council_meeting', entityId: id, after: dto.ballots, reason: dto.reason ?? null, organizerId: meeting.organizerId });
      return this.view(m, updated);
    });
  }

  close(p: Principal, id: string, dto: CloseCouncilMeetingDto): Promise<CouncilMeetingView> {
    return this.uow.write(async (m) => {
      const meeting = await this.open(m, p, id);
      this.editable(meeting, dto.version);
      await this.lockCouncil(m, meeting.organizerId);
      const view = await this.view(m, meeting);
      if (!view.quorumMet) throw AppException.field(ErrorCode.BusinessRule, 'version', 'Cuộc họp chưa đủ số thành viên có mặt theo quy định: chưa chốt được biên bản.');
      const missing = view.ballots.find((b) => b.votesFor === null && b.proposalStatus !== 'APPROVED');
      if (missing) throw AppException.field(ErrorCode.BusinessRule, 'version', `Chưa biểu quyết đề nghị ${missing.awardLabel} cho ${missing.unitName}.`);
      const now = nowIso();
      // The shares it is decided against are kept with it: a later edit of the catalogue does not change a closed result.
      const kept = ({ amount, strictlyAbove, quorum, label, article, textRef, assumption }: CatalogueValue) => ({ amount, strictlyAbove, quorum, label, article, textRef, assumption });
      const appliedShares = JSON.stringify(Object.fromEntries([...(await this.sharesOf(m, meeting))].map(([a, v]) => [a, v && kept(v)])));
      const closed = await this.repo.updateMeeting(m, meeting, dto.version, { status: 'CLOSED', closedAt: now, conclusions: dto.conclusions?.trim() || null, appliedShares, updatedAt: now });
      await this.audit.record(m, { action: 'council_meeting.close', entityType: 'council_meeting', entityId: id, after: { ballots: view.ballots.map((b) => ({ proposalId: b.proposalId, votesFor: b.votesFor, passed: b.passed })) }, reason: dto.reason, organizerId: meeting.organizerId });
      return this.view(m, closed);
    });
  }

  /** The share of each award: as kept when the meeting closed, else the catalogue's on its day. */
  private async sharesOf(m: EntityManager, meeting: CouncilMeeting): Promise<Map<AwardCode, CatalogueValue | null>> {
    if (meeting.appliedShares) return new Map(Object.entries(JSON.parse(meeting.appliedShares) as Record<AwardCode, CatalogueValue | null>) as Array<[AwardCode, CatalogueValue | null]>);
    const values = (await this.legal.catalogue(m)).values;
    return new Map(AWARD_CODES.map((a) => [a, councilShareOn(values, a, meeting.heldOn)]));
  }

  async view(m: EntityManager, meeting: CouncilMeeting): Promise<CouncilMeetingView> {
    const members = await this.repo.membersOn(m, meeting.organizerId, meeting.heldOn);
    const attendance = new Map((await this.repo.attendance(m, meeting.id)).map((a) => [a.memberId, a.status]));
    const ballots = new Map((await this.repo.ballots(m, meeting.id)).map((b) => [b.proposalId, b]));
    const proposals = await this.repo.proposalsOf(m, meeting.organizerId, meeting.year);
    const units = await this.units.byIds(m, proposals.map((x) => x.unitId));
    const clusters = new Map((await this.clusters.byIds(m, [...new Set(proposals.map((x) => x.clusterId))])).map((c) => [c.id, c]));
    const labels = await this.awards.labels(m);
    const share = await this.sharesOf(m, meeting);
    const present = members.filter((x) => attendance.get(x.id) === 'PRESENT').length;
    const voting = members.filter((x) => ['PRESENT', 'WRITTEN'].includes(attendance.get(x.id) ?? '')).length;
    const quorum = [...share.values()].find((s) => s?.quorum != null)?.quorum ?? null;
    const organizer = await this.units.asOf(m, meeting.organizerId, meeting.heldOn);
    return {
      id: meeting.id, organizerId: meeting.organizerId, organizerName: organizer.name, year: meeting.year, heldOn: meeting.heldOn, place: meeting.place, minutesBy: meeting.minutesBy,
      status: meeting.status, conclusions: meeting.conclusions, version: meeting.version,
      memberCount: members.length, presentCount: present, votingCount: voting,
      quorumMet: present > 0 && quorumMet(present, members.length, quorum),
      members: members.map((x) => ({ ...this.memberView(x), status: attendance.get(x.id) ?? null, statusLabel: attendance.has(x.id) ? COUNCIL_ATTENDANCE_LABELS[attendance.get(x.id)!] : null })),
      shares: AWARD_CODES.map((a) => {
        const s = share.get(a) ?? null;
        return { award: a, requiredText: s ? requirementText(s.amount!, s.strictlyAbove) : null, basisText: shareBasis(labels[a], s), assumption: s?.assumption ?? null };
      }),
      ballots: proposals.map((x) => {
        const b = ballots.get(x.id);
        const s = share.get(x.awardCode as AwardCode) ?? null;
        const o = b ? councilOutcome({ members: members.length, voting, present, votesFor: b.votesFor, chairFor: b.chairFor, share: s ? { amount: s.amount!, strictlyAbove: s.strictlyAbove, quorum: s.quorum } : null }) : null;
        return {
          proposalId: x.id, unitName: units.get(x.unitId)?.name ?? '', clusterName: clusters.get(x.clusterId)?.name ?? '', award: x.awardCode, awardLabel: labels[x.awardCode], proposalStatus: x.status,
          votesFor: b?.votesFor ?? null, chairFor: b?.chairFor ?? false, ratioText: o?.ratioText ?? null, requiredText: o?.requiredText ?? (s ? requirementText(s.amount!, s.strictlyAbove) : null), passed: o?.passed ?? null, byChair: o?.byChair ?? false,
        };
      }),
    };
  }

  /** The council's minutes as a signed PDF, numbered in the organiser's series of the meeting's year. */
  async minutesPdf(p: Principal, id: string): Promise<{ fileName: string; content: Buffer; documentId: string }> {
    const { view, meeting } = await this.uow.read(async (m) => {
      const found = await this.open(m, p, id);
      return { view: await this.view(m, found), meeting: found };
    });
    if (view.status !== 'CLOSED') throw AppException.field(ErrorCode.BusinessRule, 'id', 'Biên bản chỉ phát hành sau khi chốt kết quả họp Hội đồng.');
    const organizer = await this.uow.read((m) => this.units.asOf(m, view.organizerId, view.heldOn));
    const number = await this.numbers.numberFor(view.organizerId, `HĐTĐKT`, Number(view.heldOn.slice(0, 4)), 'BB', view.id);
    const chair = view.members.find((x) => x.role === 'CHAIR');
    const content = {
      organizerName: organizer.name, issuerCode: organizer.code, number, year: view.year, heldOn: view.heldOn, place: view.place, chairName: chair?.name ?? '', minutesBy: view.minutesBy,
      members: view.members.map((x) => ({ name: x.name, position: x.position, roleLabel: x.roleLabel, statusLabel: x.statusLabel ?? 'Vắng' })),
      memberCount: view.memberCount, presentCount: view.presentCount, votingCount: view.votingCount,
      shareLines: await this.uow.read(async (m) => {
        const [labels, shares] = [await this.awards.labels(m), await this.sharesOf(m, meeting)];
        return AWARD_CODES.filter((a) => view.ballots.some((b) => b.award === a)).map((a) => shareBasis(labels[a], shares.get(a) ?? null, true));
      }),
      rows: view.ballots.filter((b) => b.votesFor !== null).map((b) => ({
        unitName: b.unitName, clusterName: b.clusterName, awardLabel: b.awardLabel, votesText: `${b.votesFor}/${view.memberCount}`, ratioText: b.ratioText ?? '',
        resultText: b.passed === null ? 'Ghi nhận' : b.passed ? (b.byChair ? 'Đạt (Chủ tịch quyết định)' : 'Đạt') : 'Không đạt',
      })),
      conclusions: view.conclusions,
    };
    const contentKey = createHash('sha256').update(canonicalJson({ kind: 'COUNCIL_MINUTES', layout: LAYOUT_VERSION, ...content })).digest('hex');
    const issued = await this.documents.issue({
      kind: 'COUNCIL_MINUTES', clusterId: null, organizerId: view.organizerId, issuerName: `${COUNCIL} ${organizer.name}`, year: view.year, sourceId: view.id, sourceVersion: view.version, contentKey,
      title: `Biên bản họp ${COUNCIL} xét khen thưởng năm ${view.year}`, statusLabel: `Số ${number}`,
      signature: { name: `${COUNCIL} ${organizer.name}`, reason: `Biên bản họp Hội đồng năm ${view.year}`, location: view.place },
      record: councilMinutesRecord(content),
      render: (documentId, verifyUrl) => renderCouncilMinutes({ ...content, documentId, verifyUrl }),
    });
    return { fileName: `Bien-ban-Hoi-dong-TDKT-${view.year}.pdf`, content: issued.content, documentId: issued.document.id };
  }
}
