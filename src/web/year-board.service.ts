import { Injectable } from '@nestjs/common';
import { ReviewMeetingsService } from '../awards/review-meetings.service';
import { ProposalsService } from '../awards/proposals.service';
import type { YearView } from '../clusters/clusters.dto';
import { MembershipsService } from '../clusters/memberships.service';
import { scoringWindow } from '../clusters/phases.rules';
import type { Principal } from '../common/auth/principal';
import { Role } from '../common/auth/roles';
import { todayInVietnam } from '../common/time';
import { PledgesService } from '../pledges/pledges.service';
import { ScoreSheetsService } from '../scoring/score-sheets.service';
import { ScoringService } from '../scoring/scoring.service';
import { AccessService } from '../access/access.service';
import { Permission } from '../access/access.policy';
import { AwardReportsService } from '../awards/award-reports.service';
import { UnitOfWork } from '../database/unit-of-work';
import { dateVi } from './format';
import type { YearQuotas } from './views/quotas.view';
import { orNull } from './page-response';
import type { YearBoard } from './views/clusters.view';

/** The board's next action when there is none. */
const NOTHING = 'Không có việc cần làm ngay.';

/** The year page's board: where a cluster-year stands and the next action, read through the same services as the API. */
@Injectable()
export class YearBoardService {
  constructor(
    private readonly members: MembershipsService,
    private readonly pledges: PledgesService,
    private readonly sheets: ScoreSheetsService,
    private readonly scoring: ScoringService,
    private readonly meetings: ReviewMeetingsService,
    private readonly proposals: ProposalsService,
    private readonly awards: AwardReportsService,
    private readonly uow: UnitOfWork,
    private readonly access: AccessService,
  ) {}

  /** The year's award quotas with their labels, and whether the caller (the organiser's side) may set them. */
  async quotas(p: Principal, id: string, year: number): Promise<YearQuotas> {
    const [q, catalogue, canSet] = await Promise.all([
      this.meetings.getQuotas(p, id, year),
      this.awards.catalogue(),
      this.uow.read((m) => this.access.can(m, p, Permission.ClusterOrganize, id)),
    ]);
    const items = catalogue.awards.filter((a) => a.code in q).map((a) => ({ code: a.code, label: a.name, quota: q[a.code] }));
    return { items, version: q.version, canSet };
  }

  /** Where the cluster-year stands and the next action for the person looking (the year page's board). */
  async board(p: Principal, id: string, y: YearView, canManage: boolean): Promise<YearBoard> {
    const year = y.year;
    const today = todayInVietnam();
    const members = (await this.members.list(p, id, year)).filter((m) => !m.leftOn).map((m) => m.unit);
    const [pledge, sheets, config, meeting, proposals, assignments] = await Promise.all([
      orNull(this.pledges.get(p, id, year)),
      this.sheets.list(p, id, year, {}),
      this.scoring.getConfig(p, id, year),
      orNull(this.meetings.get(p, id, year)),
      this.proposals.list(p, { clusterId: id, year }),
      orNull(this.scoring.assignments(p, id, year)),
    ]);
    const published = !!config.publishedAt;
    // Before publication a member reads only the sheets it scores (ScoreSheetsService.list): its own rows only.
    const ownOnly = p.role === Role.UnitOfficer && !published;
    const ranking = published ? ((await orNull(this.scoring.ranking(p, id, year)))?.rows ?? []) : [];
    const label = (kind: string, target: string) => sheets.find((s) => s.kind === kind && s.target.id === target)?.statusLabel ?? null;
    const unsigned = pledge ? pledge.signatories.filter((s) => !s.signed).map((s) => s.unit.shortName) : [];
    const window = scoringWindow(year, y, today);
    const mineUnsigned = pledge?.status === 'OPEN' && pledge.signatories.some((s) => !s.signed && p.unitIds.includes(s.unit.id));
    const mySelf = sheets.find((s) => s.kind === 'SELF' && p.unitIds.includes(s.target.id));
    const returned = proposals.filter((x) => x.status === 'RETURNED');
    let next = NOTHING;
    const scoringBegun = published || !!(y.scoringOpensOn && today >= y.scoringOpensOn);
    if (p.role === Role.UnitOfficer) {
      if (mineUnsigned) next = `Ký giao ước thi đua năm ${year} cho đơn vị của bạn${y.pledgeSigningOn ? ` (hạn ${dateVi(y.pledgeSigningOn)})` : ''}.`;
      else if (window.open && !published && (!mySelf || mySelf.status === 'DRAFT' || mySelf.status === 'RETURNED')) next = `Tự chấm và nộp phiếu${y.scoringClosesOn ? ` trước ${dateVi(y.scoringClosesOn)}` : ''}, rồi chấm chéo các đơn vị được phân công.`;
      else if (window.open && !published) {
        // Its own sheet handed in: the peers it was assigned and has not yet handed in a sheet for.
        const handedIn = new Set(sheets.filter((s) => s.kind === 'PEER' && p.unitIds.includes(s.scorer?.id ?? '') && (s.status === 'SUBMITTED' || s.status === 'LOCKED')).map((s) => s.target.id));
        const owed = (assignments ?? []).filter((a) => p.unitIds.includes(a.scorer.id)).flatMap((a) => a.targets).filter((t) => !handedIn.has(t.id));
        if (owed.length) next = `Chấm chéo và nộp phiếu cho ${owed.length} đơn vị còn lại (${owed.map((t) => t.shortName).join(', ')})${y.scoringClosesOn ? ` trước ${dateVi(y.scoringClosesOn)}` : ''}.`;
      }
    } else if (canManage || p.role === Role.MinistryReviewer || p.role === Role.Admin) {
      if (!pledge) next = `Soạn bản giao ước thi đua năm ${year}.`;
      else if (pledge.status === 'DRAFT') next = 'Mở bản giao ước cho các đơn vị ký.';
      // A unit late to sign does not hide the scoring once it has begun: the pledge is said after it.
      else if (pledge.status === 'OPEN' && !scoringBegun) next = `Theo dõi ký giao ước: còn ${unsigned.length} đơn vị chưa ký (${unsigned.join(', ')}).`;
      else if (!published && (!y.scoringClosesOn || today > y.scoringClosesOn)) next = 'Rà soát phiếu chấm, chốt và công bố kết quả.';
      else if (!published) next = `Các đơn vị đang chấm điểm${y.scoringClosesOn ? ` đến ${dateVi(y.scoringClosesOn)}` : ''}; theo dõi phiếu chưa nộp.`;
      else if (!meeting) next = `Ghi nhận hội nghị bình xét${y.reviewMeetingOn ? ` (dự kiến ${dateVi(y.reviewMeetingOn)})` : ''}.`;
      else if (returned.length) next = `Bổ sung hồ sơ bị trả lại: ${returned.map((x) => x.unit.shortName).join(', ')}.`;
      else if (!proposals.length) next = `Lập và gửi đề nghị khen thưởng${y.proposalDeadline ? ` trước ${dateVi(y.proposalDeadline)}` : ''}.`;
      if (pledge?.status === 'OPEN' && scoringBegun && unsigned.length) {
        const late = `Giao ước còn ${unsigned.length} đơn vị chưa ký (${unsigned.join(', ')})${y.pledgeSigningOn && today > y.pledgeSigningOn ? `, đã quá hạn ký ${dateVi(y.pledgeSigningOn)}` : ''}.`;
        next = next === NOTHING ? late : `${next} ${late}`;
      }
    } else if (returned.length && (await this.uow.read((m) => this.access.can(m, p, Permission.AwardsManage, id, year)))) {
      // The next year's secretariat runs this year's review (AwardsManage) without managing the year itself.
      next = `Bổ sung hồ sơ bị trả lại: ${returned.map((x) => x.unit.shortName).join(', ')}.`;
    }
    return {
      today,
      members,
      pledge: pledge ? { statusLabel: pledge.statusLabel, signedCount: pledge.signedCount, memberCount: pledge.memberCount, unsigned } : null,
      // Peer scoring is counted by the unit that scores (what it has handed in of what it was assigned), for the member
      // and the secretariat alike: who still owes peer sheets is what the secretariat follows.
      sheets: members
        .filter((u) => !ownOnly || p.unitIds.includes(u.id))
        .map((u) => {
          const peerTotal = (assignments ?? []).find((a) => a.scorer.id === u.id)?.targets.length ?? 0;
          const peerDone = sheets.filter((s) => s.kind === 'PEER' && s.scorer?.id === u.id && (s.status === 'SUBMITTED' || s.status === 'LOCKED')).length;
          return { unit: u.shortName, self: label('SELF', u.id), cluster: ownOnly ? null : label('CLUSTER', u.id), peers: { submitted: peerDone, total: peerTotal } };
        }),
      followUp: p.role !== Role.UnitOfficer,
      ownOnly,
      published,
      ranking: ranking.map((r) => ({ rank: r.rank, unit: r.unit.shortName, total: r.final?.total ?? null })),
      meeting: meeting ? { heldOn: meeting.heldOn, place: meeting.place } : null,
      proposals: proposals.map((x) => ({ award: x.awardLabel, unit: x.unit.shortName, status: x.statusLabel })),
      next,
    };
  }
}
