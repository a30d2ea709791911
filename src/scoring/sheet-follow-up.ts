import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Permission } from '../access/access.policy';
import { AccessService } from '../access/access.service';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../common/auth/principal';
import { Role } from '../common/auth/roles';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-codes';
import { formatDateTimeVi, formatDateVi, todayInVietnam } from '../common/time';
import { rawQuery } from '../database/raw-sql';
import type { Cluster } from '../clusters/cluster.entity';
import { EmulationYearsRepository } from '../clusters/emulation-years.repository';
import { PHASE_LABELS, scoringWindow, windowSentence } from '../clusters/phases.rules';
import { UnitOfWork, requireVersion } from '../database/unit-of-work';
import { clusterTagOf } from '../clusters/cluster-tag';
import { Notifier } from '../notifications/notifier';
import { recipients } from '../notifications/recipients';
import { ConflictsService } from './conflicts.service';
import { SCORER_KIND_LABELS, type ScoreSheet } from './score-sheet.entity';
import { ScoreSheetViews } from './score-sheet-views';
import { ScoreSheetsRepository, sheetNotFound } from './score-sheets.repository';
import { ScoringConfigsRepository } from './scoring-configs.repository';
import type { RemindScorersDto, ReturnSheetDto, SheetView } from './scoring.dto';
import { stale } from './sheet-entries';

/** What a reminder to the late scorers did: the units it concerned, with what each owes, and how many people were told now. */
export interface RemindResult {
  units: Array<{ id: string; name: string; owes: string[] }>;
  notified: number;
}

/** Who acts, as a notice names them: the cluster's secretariat, the organiser's reviewer, an administrator. */
const actor = (p: Principal) => (p.role === Role.ClusterSecretary ? 'Thư ký cụm' : p.role === Role.MinistryReviewer ? 'Cơ quan tổ chức' : 'Quản trị hệ thống');

/** The notice key of a returned sheet's notices: settled when the sheet is submitted again. */
export const sheetReturnKey = (sheetId: string) => `score_sheet.return:${sheetId}:`;

/**
 * The secretariat's follow-up of the members' scoring before it publishes: a submitted sheet returned to its scorer
 * with a reason (the scoring unit is told), and the members that still owe sheets reminded, each with what it owes.
 */
@Injectable()
export class SheetFollowUp {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly sheets: ScoreSheetsRepository,
    private readonly sheetViews: ScoreSheetViews,
    private readonly configs: ScoringConfigsRepository,
    private readonly years: EmulationYearsRepository,
    private readonly conflicts: ConflictsService,
    private readonly notifier: Notifier,
  ) {}

  /** Returns a submitted sheet to its scorer with a reason; a member's sheet's scoring unit is told, with the reason. */
  returnSheet(p: Principal, clusterId: string, year: number, sheetId: string, dto: ReturnSheetDto): Promise<SheetView> {
    return this.uow.write(async (m) => {
      const cluster = await this.access.require(m, p, Permission.YearManage, clusterId, year);
      const sheet = await this.sheets.find(m, clusterId, year, sheetId);
      if (!sheet) throw sheetNotFound();
      requireVersion(sheet.version, dto.version, stale);
      if (sheet.status !== 'SUBMITTED') throw new AppException(ErrorCode.SheetState, sheet.status === 'LOCKED' ? 'Phiếu đã khóa vì kết quả đã công bố: không trả lại được.' : 'Chỉ trả lại được phiếu đã nộp.');
      // A member corrects a returned sheet only within the scoring window: after it closes the return would leave the sheet out.
      const closed = sheet.scorerKind === 'SELF' || sheet.scorerKind === 'PEER' ? scoringWindow(year, await this.years.find(m, clusterId, year), todayInVietnam()) : { open: true as const };
      if (!closed.open) {
        throw new AppException(ErrorCode.ScoringClosed, `${windowSentence(closed)} Đơn vị không sửa được phiếu bị trả lại: hãy gia hạn "${PHASE_LABELS.scoringClosesOn}" ở trang năm thi đua trước khi trả lại phiếu.`);
      }
      const updated = await this.sheets.update(m, sheet, { status: 'RETURNED', returnReason: dto.reason });
      await this.audit.record(m, { action: 'score_sheet.return', entityType: 'score_sheet', entityId: sheet.id, before: { status: sheet.status }, after: { status: 'RETURNED' }, reason: dto.reason, organizerId: cluster.organizerId, clusterId });
      const [view] = await this.sheetViews.of(m, [updated]);
      if (sheet.scorerUnitId && (sheet.scorerKind === 'SELF' || sheet.scorerKind === 'PEER')) await this.tellScorer(m, p, cluster, updated, view, dto.reason);
      return view;
    });
  }

  /**
   * Reminds the members that still owe sheets (ConflictsService.lateScorers), each unit's officers with what it owes,
   * once a day; refused when the results are published, outside the scoring window, or when nobody owes anything.
   */
  remind(p: Principal, clusterId: string, year: number, dto: RemindScorersDto): Promise<RemindResult> {
    return this.uow.write(async (m) => {
      const cluster = await this.access.require(m, p, Permission.YearManage, clusterId, year);
      if ((await this.configs.get(m, clusterId, year)).publishedAt) throw new AppException(ErrorCode.SheetState, `Kết quả chấm điểm năm ${year} đã được công bố: không còn phiếu nào để nhắc nộp.`);
      const phases = await this.years.find(m, clusterId, year);
      const today = todayInVietnam();
      // Outside the scoring window the members cannot hand anything in: a reminder would ask the impossible.
      const window = scoringWindow(year, phases, today);
      if (!window.open) throw new AppException(ErrorCode.ScoringClosed, `${windowSentence(window)} Các đơn vị không nộp được phiếu lúc này: không gửi nhắc.`);
      const units = await this.conflicts.lateScorers(m, clusterId, year);
      if (!units.length) throw new AppException(ErrorCode.BusinessRule, `Mọi đơn vị đã nộp đủ phiếu chấm điểm năm ${year}: không có đơn vị nào cần nhắc.`);
      const closesOn = phases?.scoringClosesOn ?? null;
      const tag = await clusterTagOf(m, clusterId);
      let notified = 0;
      for (const u of units) {
        notified += await this.notifier.notify(m, await recipients.actingOfficers(m, [u.id]), {
          kind: 'scoring.remind',
          subject: `[${tag}] ${actor(p)} nhắc nộp phiếu chấm điểm năm ${year}`,
          body: `${u.name} còn phải nộp: ${u.owes.join('; ')}.${closesOn ? ` Hạn chấm điểm: ${formatDateVi(closesOn)}.` : ''}${dto.message ? ` Lời nhắn của ${actor(p).toLocaleLowerCase('vi')}: ${dto.message}` : ''}`,
          link: `/cum/${clusterId}/nam/${year}/cham-diem`,
          dueOn: closesOn,
          // Once a day: pressing again the same day tells nobody twice.
          dedupKey: `scoring.remind:${clusterId}:${year}:${u.id}:${today}`,
        });
      }
      if (!notified) {
        // Nothing sent: say why rather than seem to send (nothing is written, the trail included).
        const sentAt = await this.remindedAt(m, clusterId, year, today);
        throw new AppException(
          ErrorCode.BusinessRule,
          sentAt
            ? `Các đơn vị này đã được nhắc hôm nay (lúc ${formatDateTimeVi(sentAt).slice(11)}): không gửi lại, lời nhắn lần này không được gửi. Có thể nhắc lại từ ngày mai.`
            : 'Các đơn vị còn phiếu chưa nộp không có tài khoản cán bộ đang hoạt động để nhận thông báo: không gửi được nhắc.',
        );
      }
      await this.audit.record(m, { action: 'scoring.remind', entityType: 'scoring', entityId: `${clusterId}:${year}`, after: { lateUnits: units.map((u) => `${u.name}: ${u.owes.join('; ')}`), notified }, reason: dto.message ?? null, organizerId: cluster.organizerId, clusterId });
      return { units, notified };
    });
  }

  /**
   * A returned sheet submitted again, in the submit's transaction: the return's notices are settled (their mails not
   * sent are cancelled) and the cluster's secretariat is told it can read the corrected sheet.
   */
  async resubmitted(m: EntityManager, cluster: Cluster, sheet: ScoreSheet, view: SheetView): Promise<void> {
    await this.notifier.settle(m, [sheetReturnKey(sheet.id)]);
    const by = view.scorer?.shortName ?? 'Đơn vị chấm';
    await this.notifier.notify(m, await recipients.secretariat(m, cluster.id), {
      kind: 'score_sheet.resubmit',
      subject: `[${await clusterTagOf(m, cluster.id)}] ${by} đã nộp lại ${sheet.scorerKind === 'PEER' ? `phiếu chấm chéo ${view.target.shortName}` : 'phiếu tự chấm'} năm ${sheet.year} sau khi sửa`,
      body: `${by} đã sửa và nộp lại ${sheet.scorerKind === 'PEER' ? `phiếu chấm chéo ${view.target.name}` : 'phiếu tự chấm'} năm ${sheet.year} đã bị trả lại. Xem phiếu ở trang Phiếu chấm của các đơn vị.`,
      link: `/cum/${cluster.id}/nam/${sheet.year}/phieu-don-vi`,
      dueOn: null,
      dedupKey: `score_sheet.resubmit:${sheet.id}:${view.version}`,
    });
  }

  /**
   * The year's results are published, in the same transaction: the returns still open and the reminders to hand in
   * sheets (the secretariat's and the deadline's) are no longer anything to act on; their mails not sent are cancelled.
   */
  async published(m: EntityManager, clusterId: string, year: number): Promise<void> {
    const returned = await this.sheets.list(m, clusterId, year, ['RETURNED']);
    await this.notifier.settle(m, [...returned.map((x) => sheetReturnKey(x.id)), `scoring.remind:${clusterId}:${year}:`, `scoringClosesOn:${clusterId}:${year}:`]);
  }

  /** When the secretariat last reminded the late units of this cluster-year (any day), or null. */
  lastReminder(p: Principal, clusterId: string, year: number): Promise<string | null> {
    return this.uow.read(async (m) => {
      await this.access.require(m, p, Permission.ClusterRead, clusterId);
      return this.remindedAt(m, clusterId, year);
    });
  }

  /** When the late units of a cluster-year were last reminded: on `day` (the reminder keys end with it), or any day. */
  private async remindedAt(m: EntityManager, clusterId: string, year: number, day?: string): Promise<string | null> {
    const [row] = await rawQuery<{ at: string | null }>(m, 'SELECT max(created_at) AS at FROM notifications WHERE kind = ? AND dedup_key LIKE ?', ['scoring.remind', `scoring.remind:${clusterId}:${year}:%${day ? `:${day}` : ''}`]);
    return row?.at ?? null;
  }

  private async tellScorer(m: EntityManager, p: Principal, cluster: Cluster, sheet: ScoreSheet, view: SheetView, reason: string): Promise<void> {
    const closesOn = (await this.years.find(m, cluster.id, sheet.year))?.scoringClosesOn ?? null;
    // Who scored whom, said once: "phiếu tự chấm của X", "phiếu Y chấm chéo X".
    const what = sheet.scorerKind === 'PEER' && view.scorer ? `phiếu ${view.scorer.name} chấm chéo ${view.target.name} năm ${sheet.year}` : `phiếu ${SCORER_KIND_LABELS[sheet.scorerKind].toLowerCase()} của ${view.target.name} năm ${sheet.year}`;
    await this.notifier.notify(m, await recipients.actingOfficers(m, [sheet.scorerUnitId!]), {
      kind: 'score_sheet.return',
      subject: `[${await clusterTagOf(m, cluster.id)}] ${actor(p)} trả lại ${what} để sửa`,
      body: `${actor(p)} trả lại ${what}. Lý do: ${reason.replace(/[.\s]+$/, '')}. Sửa phiếu và bấm “Nộp phiếu” lại${closesOn ? ` trước hạn chấm điểm ${formatDateVi(closesOn)}` : ''}.`,
      link: `/cum/${cluster.id}/nam/${sheet.year}/cham-diem?loai=${sheet.scorerKind}${sheet.scorerKind === 'PEER' ? `&don-vi=${sheet.scorerUnitId}` : ''}`,
      dueOn: closesOn,
      dedupKey: `${sheetReturnKey(sheet.id)}${sheet.version}`,
    });
  }
}
