import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { actingUnit } from '../../access/acting-unit';
import { Permission } from '../../access/access.policy';
import type { Principal } from '../../common/auth/principal';
import { AuditService } from '../../audit/audit.service';
import { AppException } from '../../common/errors/app.exception';
import { ErrorCode } from '../../common/errors/error-codes';
import { nowIso } from '../../common/time';
import { UnitOfWork } from '../../database/unit-of-work';
import { UnitsRepository } from '../../units/units.repository';
import { BallotSessionsService } from './ballot-sessions.service';
import { BallotTally, choiceProblems, differingFigures, paperProblems, receiptCode } from './ballot.rules';
import { BallotSessionView, CastBallotDto, PaperCountDto, ReceiptView } from './ballots.dto';
import { BallotsRepository } from './ballots.repository';
import { BallotViews } from './ballot-views';

/**
 * Casting ballots: a unit of the roll votes once, from its own account (or its successor's), and gets a receipt
 * code shown once. The roll learns that it voted, the box gets the ballot under the receipt; nothing joins the two,
 * and the audit entry says who voted, never how. Paper ballots: two people enter the counts, accepted when equal.
 */
@Injectable()
export class BallotCastingService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly sessions: BallotSessionsService,
    private readonly repo: BallotsRepository,
    private readonly views: BallotViews,
    private readonly units: UnitsRepository,
  ) {}

  vote(p: Principal, id: string, dto: CastBallotDto): Promise<ReceiptView> {
    return this.uow.write(async (m) => {
      const { session, meeting, cluster } = await this.sessions.load(m, p, id, Permission.ClusterRead);
      if (session.mode !== 'ONLINE') throw new AppException(ErrorCode.BusinessRule, 'Phiên này bỏ phiếu giấy: không bỏ phiếu trên hệ thống.');
      if (session.status !== 'OPEN') throw new AppException(ErrorCode.BusinessRule, 'Phiên bỏ phiếu đã đóng.');
      const roll = await this.repo.roll(m, session.id);
      const unitId = actingUnit(p, roll.map((r) => r.unitId), dto.unitId);
      if (!unitId) throw AppException.forbidden('Đơn vị của bạn không có trong danh sách đại biểu biểu quyết của phiên này (chỉ đơn vị có mặt tại hội nghị).');
      const problems = choiceProblems(dto.choices, JSON.parse(session.candidates) as string[], session.quota);
      if (problems.length) throw new AppException(ErrorCode.BusinessRule, problems[0].message, problems.map((x) => ({ ...x, code: 'invalid' })));
      if (!(await this.repo.markVoted(m, session.id, unitId))) throw AppException.field(ErrorCode.AlreadySigned, 'choices', 'Đơn vị đã bỏ phiếu trong phiên này: mỗi đơn vị chỉ bỏ phiếu một lần.');
      const receipt = receiptCode(randomBytes(10));
      await this.repo.dropBallot(m, { receipt, sessionId: session.id, choices: JSON.stringify([...dto.choices].sort()) });
      // Who voted, never how: no choice, no receipt.
      await this.audit.record(m, { action: 'ballot.voted', entityType: 'ballot_session', entityId: session.id, after: { unitId }, organizerId: cluster.organizerId, clusterId: meeting.clusterId });
      return { receipt };
    });
  }

  /**
   * One entry of a paper ballot's counts. The first is kept unseen; the second, by another account, is accepted only
   * when every figure equals the first. One that differs discards the first as well (audited), and is answered with
   * the figures that differ: both count the ballots again and enter anew — retrying the second alone would in the end
   * reveal the first.
   */
  async enterCounts(p: Principal, id: string, dto: PaperCountDto): Promise<BallotSessionView> {
    const outcome = await this.uow.write(async (m): Promise<BallotSessionView | { differ: string[] }> => {
      const { session, meeting, cluster } = await this.sessions.load(m, p, id, Permission.AwardsManage);
      if (session.mode !== 'PAPER') throw new AppException(ErrorCode.BusinessRule, 'Phiên này bỏ phiếu trên hệ thống: không nhập kết quả phiếu giấy.');
      if (session.status !== 'OPEN') throw new AppException(ErrorCode.BusinessRule, 'Phiên bỏ phiếu đã đóng: kết quả không thể thay đổi.');
      const candidates = JSON.parse(session.candidates) as string[];
      const figures: BallotTally = { issued: dto.issued, returned: dto.returned, valid: dto.valid, invalid: dto.invalid, votes: Object.fromEntries(candidates.map((c) => [c, 0])) };
      const twice = dto.votes.findIndex((v, i) => dto.votes.findIndex((x) => x.unitId === v.unitId) !== i);
      if (twice >= 0) throw AppException.field(ErrorCode.ValidationFailed, `votes.${twice}.unitId`, 'Mỗi ứng viên chỉ ghi một lần.');
      for (const v of dto.votes) figures.votes[v.unitId] = v.votes;
      const present = (await this.sessions.presentCount(m, meeting.id));
      const problems = paperProblems(figures, candidates, session.quota, present);
      if (problems.length) throw new AppException(ErrorCode.BusinessRule, problems[0].message, problems.map((x) => ({ field: x.field.startsWith('votes.') ? `votes.${dto.votes.findIndex((v) => `votes.${v.unitId}` === x.field)}.votes` : x.field, code: 'invalid', message: x.message })));
      const entries = await this.repo.countEntries(m, session.id);
      if (entries.length >= 2) throw new AppException(ErrorCode.BusinessRule, 'Kết quả kiểm phiếu đã được hai người nhập khớp nhau.');
      if (entries.length === 1) {
        if (entries[0].enteredBy === p.userId) throw new AppException(ErrorCode.BusinessRule, 'Lần nhập thứ hai phải do một người khác nhập, độc lập với lần thứ nhất.');
        const names = new Map([...(await this.units.byIds(m, candidates)).values()].map((u) => [u.id, u.shortName]));
        const differ = differingFigures(JSON.parse(entries[0].figures) as BallotTally, figures, names);
        if (differ.length) {
          await this.repo.deleteCountEntries(m, session.id);
          await this.audit.record(m, { action: 'ballot.paper_count_mismatch', entityType: 'ballot_session', entityId: session.id, before: { first: JSON.parse(entries[0].figures) as unknown }, after: { second: figures }, organizerId: cluster.organizerId, clusterId: meeting.clusterId });
          return { differ };
        }
      }
      await this.repo.insertCountEntry(m, { sessionId: session.id, turn: entries.length + 1, enteredBy: p.userId, figures: JSON.stringify(figures), enteredAt: nowIso() });
      await this.audit.record(m, { action: 'ballot.paper_count', entityType: 'ballot_session', entityId: session.id, after: { turn: entries.length + 1, ...(entries.length === 1 ? { figures } : {}) }, organizerId: cluster.organizerId, clusterId: meeting.clusterId });
      return this.views.view(m, session, meeting);
    });
    if ('differ' in outcome) {
      const { differ } = outcome;
      throw new AppException(ErrorCode.BusinessRule, `Hai lần nhập không khớp nhau: ${differ.join('; ')}. Cả hai lần nhập đã được hủy: kiểm lại phiếu, rồi hai người nhập lại.`, differ.map((d) => ({ field: 'votes', code: 'mismatch', message: d })));
    }
    return outcome;
  }
}
