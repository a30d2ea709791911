import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Permission } from '../access/access.policy';
import { AccessService } from '../access/access.service';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../common/auth/principal';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-codes';
import { formatDateVi, todayInVietnam } from '../common/time';
import type { Cluster } from '../clusters/cluster.entity';
import { EmulationYearsRepository } from '../clusters/emulation-years.repository';
import { PHASE_LABELS, scoringWindow } from '../clusters/phases.rules';
import { UnitOfWork, requireVersion } from '../database/unit-of-work';
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
        throw new AppException(ErrorCode.ScoringClosed, `${closed.message.replace(/: phiếu chỉ để xem\.$/, '.')} Đơn vị không sửa được phiếu bị trả lại: hãy gia hạn "${PHASE_LABELS.scoringClosesOn}" ở trang năm thi đua trước khi trả lại phiếu.`);
      }
      const updated = await this.sheets.update(m, sheet, { status: 'RETURNED', returnReason: dto.reason });
      await this.audit.record(m, { action: 'score_sheet.return', entityType: 'score_sheet', entityId: sheet.id, before: { status: sheet.status }, after: { status: 'RETURNED' }, reason: dto.reason, organizerId: cluster.organizerId, clusterId });
      const [view] = await this.sheetViews.of(m, [updated]);
      if (sheet.scorerUnitId && (sheet.scorerKind === 'SELF' || sheet.scorerKind === 'PEER')) await this.tellScorer(m, cluster, updated, view, dto.reason);
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
      if (!window.open) throw new AppException(ErrorCode.ScoringClosed, `${window.message.replace(/: phiếu chỉ để xem\.$/, '.')} Các đơn vị không nộp được phiếu lúc này: không gửi nhắc.`);
      const units = await this.conflicts.lateScorers(m, clusterId, year);
      if (!units.length) throw new AppException(ErrorCode.BusinessRule, `Mọi đơn vị đã nộp đủ phiếu chấm điểm năm ${year}: không có đơn vị nào cần nhắc.`);
      const closesOn = phases?.scoringClosesOn ?? null;
      let notified = 0;
      for (const u of units) {
        notified += await this.notifier.notify(m, await recipients.actingOfficers(m, [u.id]), {
          kind: 'scoring.remind',
          subject: `[${cluster.name}] Thư ký cụm nhắc nộp phiếu chấm điểm năm ${year}`,
          body: `${u.name} còn phải nộp: ${u.owes.join('; ')}.${closesOn ? ` Hạn chấm điểm: ${formatDateVi(closesOn)}.` : ''}${dto.message ? ` Lời nhắn của thư ký cụm: ${dto.message}` : ''}`,
          link: `/cum/${clusterId}/nam/${year}/cham-diem`,
          dueOn: closesOn,
          // Once a day: pressing again the same day tells nobody twice.
          dedupKey: `scoring.remind:${clusterId}:${year}:${u.id}:${today}`,
        });
      }
      await this.audit.record(m, { action: 'scoring.remind', entityType: 'scoring', entityId: `${clusterId}:${year}`, after: { lateUnits: units.map((u) => `${u.name}: ${u.owes.join('; ')}`), notified }, reason: dto.message ?? null, organizerId: cluster.organizerId, clusterId });
      return { units, notified };
    });
  }

  private async tellScorer(m: EntityManager, cluster: Cluster, sheet: ScoreSheet, view: SheetView, reason: string): Promise<void> {
    const closesOn = (await this.years.find(m, cluster.id, sheet.year))?.scoringClosesOn ?? null;
    const what = `phiếu ${SCORER_KIND_LABELS[sheet.scorerKind].toLowerCase()} ${view.target.name} năm ${sheet.year}`;
    await this.notifier.notify(m, await recipients.actingOfficers(m, [sheet.scorerUnitId!]), {
      kind: 'score_sheet.return',
      subject: `[${cluster.name}] Thư ký cụm trả lại ${what} để sửa`,
      body: `Thư ký cụm trả lại ${what}${view.scorer ? ` của ${view.scorer.name}` : ''}. Lý do: ${reason.replace(/[.\s]+$/, '')}. Sửa phiếu và bấm “Nộp phiếu” lại${closesOn ? ` trước hạn chấm điểm ${formatDateVi(closesOn)}` : ''}.`,
      link: `/cum/${cluster.id}/nam/${sheet.year}/cham-diem?loai=${sheet.scorerKind}${sheet.scorerKind === 'PEER' ? `&don-vi=${sheet.scorerUnitId}` : ''}`,
      dueOn: closesOn,
      dedupKey: `${sheetReturnKey(sheet.id)}${sheet.version}`,
    });
  }
}
