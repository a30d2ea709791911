import { ConflictsService } from '../scoring/conflicts.service';
import { scoringWindow } from '../clusters/phases.rules';
import { Injectable } from '@nestjs/common';
import type { Principal } from '../common/auth/principal';
import { Role } from '../common/auth/roles';
import { AccessService } from '../access/access.service';
import { Permission } from '../access/access.policy';
import { UnitOfWork } from '../database/unit-of-work';
import { ProposalsService } from '../awards/proposals.service';
import { ReviewMeetingsService } from '../awards/review-meetings.service';
import { ClustersService } from '../clusters/clusters.service';
import { EmulationYearsService } from '../clusters/emulation-years.service';
import { PHASE_KEYS, PHASE_LABELS, Phases } from '../clusters/phases.rules';
import { PledgesService } from '../pledges/pledges.service';
import { ScoreSheetsService } from '../scoring/score-sheets.service';
import { MembershipsService } from '../clusters/memberships.service';
import type { ClusterView, YearView } from '../clusters/clusters.dto';
import { CriteriaService } from '../criteria/criteria.service';
import { ScoringService } from '../scoring/scoring.service';
import { todayInVietnam } from '../common/time';
import { dateVi } from './format';
import { orNull } from './page-response';
import { yearHref } from './views/clusters.view';
import type { DashboardTask, Deadline, EndedUnit } from './views/dashboard.view';
import { UnitsRepository } from '../units/units.repository';

/** The page of a year where each phase's work is done. */
const PHASE_PAGES: Record<keyof Phases, string> = {
  pledgeSigningOn: 'giao-uoc',
  midYearReviewOn: '',
  scoringOpensOn: 'cham-diem',
  scoringClosesOn: 'cham-diem',
  reviewMeetingOn: 'binh-xet',
  proposalDeadline: 'binh-xet',
};

/** Whether a cluster-year's scoring results are published (remembered for one dashboard). */
type Published = (clusterId: string, year: number) => Promise<boolean>;

/** What is waiting for the signed-in user: pledges to sign, sheets to finish, proposals to review, deadlines. */
@Injectable()
export class DashboardService {
  constructor(
    private readonly clusters: ClustersService,
    private readonly years: EmulationYearsService,
    private readonly pledges: PledgesService,
    private readonly sheets: ScoreSheetsService,
    private readonly members: MembershipsService,
    private readonly proposals: ProposalsService,
    private readonly scoring: ScoringService,
    private readonly criteria: CriteriaService,
    private readonly uow: UnitOfWork,
    private readonly conflicts: ConflictsService,
    private readonly access: AccessService,
    private readonly units: UnitsRepository,
    private readonly meetings: ReviewMeetingsService,
  ) {}

  /**
   * Whether the step a planned date stands for is already done, so the date is no longer ahead of anyone: the results
   * published (scoring over), the review meeting recorded (held earlier than planned).
   */
  private async phaseDone(p: Principal, clusterId: string, year: number, key: keyof Phases, published: Published): Promise<boolean> {
    if (key === 'scoringOpensOn' || key === 'scoringClosesOn') return published(clusterId, year);
    if (key === 'reviewMeetingOn') return this.meetings.recorded(p, clusterId, year);
    return false;
  }

  /** The "cluster:year" keys among `pairs` on which the caller holds `permission`, checked in bulk (one check per year). */
  private async permittedPairs(p: Principal, permission: Permission, pairs: Array<{ clusterId: string; year: number }>): Promise<Set<string>> {
    const years = [...new Set(pairs.map((x) => x.year))];
    return this.uow.read(async (m) => {
      const keys = new Set<string>();
      for (const year of years) {
        const ids = [...new Set(pairs.filter((x) => x.year === year).map((x) => x.clusterId))];
        for (const id of await this.access.permitted(m, p, permission, ids, year)) keys.add(`${id}:${year}`);
      }
      return keys;
    });
  }

  /**
   * Members may score a year now: within its scoring window, or, with no window set, while it has criteria
   * and its results are not yet published (the same rules the scoring service applies).
   */
  private async scoringOpen(p: Principal, clusterId: string, y: YearView, today: string, published: Published): Promise<boolean> {
    if (!scoringWindow(y.year, y, today).open) return false;
    if (y.scoringOpensOn && y.scoringClosesOn) return true;
    return !(await published(clusterId, y.year)) && (await orNull(this.criteria.current(p, clusterId, y.year))) !== null;
  }

  /**
   * The members (short names) that still owe sheets (their self-score, the peer sheets assigned: what the page of
   * the members' sheets lists) while scoring is under way and the results unpublished; null when there is none.
   */
  private async lateUnits(p: Principal, clusterId: string, y: YearView, today: string, published: Published): Promise<string[] | null> {
    if (!(await this.scoringOpen(p, clusterId, y, today, published)) || (await published(clusterId, y.year))) return null;
    const late = await this.uow.read((m) => this.conflicts.lateScorers(m, clusterId, y.year));
    const names = new Map((await this.members.list(p, clusterId, y.year)).map((m) => [m.unit.id, m.unit.shortName]));
    return late.length ? late.map((u) => names.get(u.id) ?? u.name) : null;
  }

  async forPrincipal(p: Principal): Promise<{ tasks: DashboardTask[]; deadlines: Deadline[]; clusters: ClusterView[]; ended: EndedUnit | null }> {
    const today = todayInVietnam();
    const clusters = await this.clusters.list(p, {});
    if ((p.role === Role.UnitOfficer || p.role === Role.ClusterSecretary) && p.unitEndedOn) {
      // A unit that ended has nothing left to do: its account reads the history, its successor does the work.
      const ended = await this.uow.read(async (m) => {
        const [unit, now] = [await this.units.get(m, p.unitId!), await this.units.successorNow(m, p.unitId!)];
        return { on: p.unitEndedOn!, unitName: unit.name, unitId: unit.id, successorName: now?.name ?? null };
      });
      return { tasks: [], deadlines: [], clusters, ended };
    }
    const tasks: DashboardTask[] = [];
    const deadlines: Deadline[] = [];
    // Whether a cluster-year's results are published: its scoring configuration read once per cluster-year.
    const configs = new Map<string, Promise<boolean>>();
    const published: Published = (clusterId, year) => {
      const key = `${clusterId}:${year}`;
      if (!configs.has(key)) configs.set(key, this.scoring.getConfig(p, clusterId, year).then((c) => !!c.publishedAt));
      return configs.get(key)!;
    };
    if (p.role === Role.MinistryReviewer || p.role === Role.Admin) {
      const waiting = await this.proposals.list(p, {});
      for (const pr of waiting.filter((x) => x.status === 'SUBMITTED' || x.status === 'IN_REVIEW')) {
        tasks.push({ label: `Thẩm định: ${pr.awardLabel} cho ${pr.unit.name}`, href: `/tham-dinh/${pr.id}`, note: `${pr.clusterName}, năm ${pr.year} · ${pr.statusLabel}` });
      }
      // The dates Bộ gave the clusters to resend what it returned: when the dossier should be back.
      for (const pr of waiting.filter((x) => x.status === 'RETURNED' && x.resubmitBy && x.resubmitBy >= today)) {
        deadlines.push({ date: pr.resubmitBy!, label: `Hạn cụm gửi bổ sung hồ sơ ${pr.awardLabel} cho ${pr.unit.name} (${pr.clusterName})`, href: `/tham-dinh/${pr.id}` });
      }
    }
    // Clusters in scope: a reviewer or an admin may see many; the per-year look is for the people who do the work.
    const working = p.role === Role.UnitOfficer || p.role === Role.ClusterSecretary ? clusters : [];
    const yearsOf = new Map<string, YearView[]>();
    for (const cluster of working) yearsOf.set(cluster.id, await this.years.list(p, cluster.id));
    // A secretariat follows the years it manages (after a hand-over, the next chair's secretariat does).
    const managed = p.role === Role.ClusterSecretary ? await this.permittedPairs(p, Permission.YearManage, working.flatMap((c) => yearsOf.get(c.id)!.map((y) => ({ clusterId: c.id, year: y.year })))) : new Set<string>();
    for (const cluster of working) {
      for (const y of yearsOf.get(cluster.id)!) {
        const href = yearHref(cluster.id, y.year);
        const pledge = await orNull(this.pledges.get(p, cluster.id, y.year));
        for (const key of PHASE_KEYS) {
          const date = y[key];
          const page = PHASE_PAGES[key];
          if (date && date >= today && !(await this.phaseDone(p, cluster.id, y.year, key, published))) deadlines.push({ date, label: `${PHASE_LABELS[key]} năm ${y.year} (${cluster.name})`, href: page ? `${href}/${page}` : href });
        }
        // A member is asked to score while it still has scoring to hand in (its self-score, the peer sheets assigned).
        if (p.role === Role.UnitOfficer && (await this.scoringOpen(p, cluster.id, y, today, published)) && (await this.uow.read((m) => this.conflicts.lateScorers(m, cluster.id, y.year))).some((u) => p.unitIds.includes(u.id))) {
          tasks.push({ label: `Chấm điểm năm ${y.year}: tự chấm và chấm chéo`, href: `${href}/cham-diem`, note: y.scoringClosesOn ? `${cluster.name}, hạn ${dateVi(y.scoringClosesOn)}` : cluster.name, due: y.scoringClosesOn });
        }
        if (pledge?.status === 'OPEN') {
          const mine = pledge.signatories.find((s) => p.unitIds.includes(s.unit.id));
          const by = y.pledgeSigningOn ? `, hạn ký ${dateVi(y.pledgeSigningOn)}${y.pledgeSigningOn < today ? ' (đã quá hạn)' : ''}` : '';
          if (p.role === Role.UnitOfficer && mine && !mine.signed) tasks.push({ label: `Ký giao ước thi đua năm ${y.year}`, href: `${href}/giao-uoc`, note: `${cluster.name}${by}`, due: y.pledgeSigningOn });
          if (managed.has(`${cluster.id}:${y.year}`)) tasks.push({ label: `Theo dõi ký giao ước năm ${y.year}`, href: `${href}/giao-uoc`, note: `đã ký ${pledge.signedCount}/${pledge.memberCount}${by}`, due: y.pledgeSigningOn });
        }
        const sheets = await this.sheets.list(p, cluster.id, y.year, {});
        const manages = managed.has(`${cluster.id}:${y.year}`);
        if (manages) {
          const follow = await this.lateUnits(p, cluster.id, y, today, published);
          if (follow) tasks.push({ label: `Theo dõi phiếu chưa nộp năm ${y.year}: còn ${follow.length} đơn vị chưa nộp đủ phiếu tự chấm, chấm chéo`, href: `${href}/phieu-don-vi`, note: `${follow.join(', ')}${y.scoringClosesOn ? `; hạn ${dateVi(y.scoringClosesOn)}` : ''}`, due: y.scoringClosesOn });
        }
        // A member finishes its own sheets; the secretariat follows the returned ones (the unsubmitted, above). Once the
        // results are published nothing more is handed in: no such task (helper-90: they stayed, and were refused).
        const open = (await published(cluster.id, y.year)) ? [] : sheets.filter((s) => (p.role === Role.UnitOfficer ? (s.status === 'DRAFT' || s.status === 'RETURNED') && p.unitIds.includes(s.scorer?.id ?? '') : manages && s.status === 'RETURNED'));
        for (const s of open) {
          const own = p.role === Role.UnitOfficer;
          tasks.push({
            label: `${s.status === 'RETURNED' ? (own ? 'Sửa phiếu bị trả lại' : 'Theo dõi phiếu bị trả lại') : own ? 'Hoàn thành phiếu chấm' : 'Theo dõi phiếu chưa nộp'}: ${s.kindLabel.toLowerCase()} ${s.target.shortName} năm ${y.year}`,
            // A member opens its own sheet; the secretariat follows it on the page of the members' sheets.
            href: own ? `${href}/cham-diem?loai=${s.kind}` : `${href}/phieu-don-vi`,
            note: `${s.returnReason ?? cluster.name}${y.scoringClosesOn ? `, hạn ${dateVi(y.scoringClosesOn)}` : ''}`,
            due: y.scoringClosesOn,
          });
        }
      }
    }
    if (p.role === Role.ClusterSecretary) {
      const open = (await this.proposals.list(p, {})).filter((x) => x.status === 'RETURNED' || x.status === 'DRAFT');
      const mine = await this.permittedPairs(p, Permission.AwardsManage, open);
      for (const pr of open.filter((x) => mine.has(`${x.clusterId}:${x.year}`))) {
        const deadline = pr.resubmitBy ?? (await orNull(this.years.get(p, pr.clusterId, pr.year)))?.proposalDeadline;
        const by = deadline ? ` (${pr.resubmitBy ? 'hạn gửi bổ sung' : 'hạn gửi hồ sơ'} ${dateVi(deadline)}${deadline < today ? ', đã quá hạn' : ''})` : '';
        tasks.push({ label: `${pr.status === 'RETURNED' ? 'Bổ sung hồ sơ bị trả lại' : 'Gửi đề nghị'}: ${pr.awardLabel} cho ${pr.unit.name} (năm ${pr.year})`, href: `${yearHref(pr.clusterId, pr.year)}/binh-xet`, note: `${pr.reviewNote ?? `năm ${pr.year}`}${by}`, due: deadline ?? null });
      }
    }
    if (p.role === Role.UnitOfficer) {
      // A member whose proposal came back is told what to supply (the secretariat sends it again).
      for (const pr of (await this.proposals.list(p, {})).filter((x) => x.status === 'RETURNED' && p.unitIds.includes(x.unit.id))) {
        const deadline = pr.resubmitBy ?? (await orNull(this.years.get(p, pr.clusterId, pr.year)))?.proposalDeadline ?? null;
        tasks.push({ label: `Hồ sơ đề nghị ${pr.awardLabel} của đơn vị bị trả lại: gửi bổ sung cho thư ký cụm`, href: `${yearHref(pr.clusterId, pr.year)}/binh-xet`, note: `${pr.reviewNote ?? ''}${deadline ? ` (${pr.resubmitBy ? 'hạn gửi bổ sung' : 'hạn gửi hồ sơ'} ${dateVi(deadline)})` : ''}`, due: deadline });
      }
    }
    // The soonest deadline first; tasks without one after.
    tasks.sort((a, b) => (a.due ?? '9999').localeCompare(b.due ?? '9999'));
    deadlines.sort((a, b) => a.date.localeCompare(b.date));
    return { tasks, deadlines: deadlines.slice(0, 10), clusters, ended: null };
  }
}
