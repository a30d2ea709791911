import { Injectable } from '@nestjs/common';
import { ScoreSheetsRepository } from './score-sheets.repository';
import { UnitsRepository } from '../units/units.repository';
import { ScoringConfigsRepository } from './scoring-configs.repository';
import { createHash } from 'node:crypto';
import type { Principal } from '../common/auth/principal';
import { canonicalJson } from '../audit/audit-chain';
import type { StreamedFile } from '../common/file-response';
import { CriteriaRepository } from '../criteria/criteria.repository';
import { EmulationYearsRepository } from '../clusters/emulation-years.repository';
import { UnitOfWork } from '../database/unit-of-work';
import { ScoreboardData, writeScoreboard } from '../documents/excel/scoreboard-workbook';
import { IssuedDocumentsService } from '../issued-documents/issued-documents.service';
import { LAYOUT_VERSION } from '../documents/pdf/decree30';
import { renderScoreboard, scoreboardRecord } from '../documents/pdf/scoreboard.pdf';
import { LeadershipRepository } from '../leadership/leadership.repository';
import { sheetTotals } from './ranking.rules';
import { SCORER_KIND_LABELS, SHEET_STATUS_LABELS } from './score-sheet.entity';
import { todayInVietnam } from '../common/time';
import { ScoringService } from './scoring.service';

const FLAG_LABELS = { SELF_ABOVE_FINAL: 'Tự chấm cao hơn điểm cuối cùng', PEER_OUTLIER: 'Phiếu chấm chéo lệch' } as const;

/** The scoreboard as Excel (streamed to the response) and as a signed PDF. */
@Injectable()
export class ScoreboardService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly scoring: ScoringService,
    private readonly documents: IssuedDocumentsService,
    private readonly criteria: CriteriaRepository,
    private readonly years: EmulationYearsRepository,
    private readonly leadership: LeadershipRepository,
    private readonly configs: ScoringConfigsRepository,
    private readonly units: UnitsRepository,
    private readonly sheets: ScoreSheetsRepository,
  ) {}

  /**
   * What the scoreboard shows, in one read transaction: the ranking comes from the ranking cache (computed only
   * when the cluster-year's revision moved), with the sheets counted, their units and the signatories around it.
   */
  async data(p: Principal, clusterId: string, year: number) {
    return this.uow.read(async (m) => {
      const { cluster, view: ranking } = await this.scoring.readableRanking(m, p, clusterId, year);
      const config = await this.configs.get(m, clusterId, year);
      const set = await this.criteria.latest(m, clusterId, year);
      const leaves = set ? await this.criteria.leaves(m, set.id) : [];
      const sheets = await this.sheets.list(m, clusterId, year, ['SUBMITTED', 'LOCKED']);
      const points = await this.sheets.submittedPoints(m, clusterId, year);
      const unitIds = [...new Set(sheets.flatMap((s) => [s.targetUnitId, s.scorerUnitId]).filter((x): x is string => !!x))];
      const units = await this.units.byIds(m, unitIds);
      const organizer = await this.units.get(m, cluster.organizerId);
      const term = await this.leadership.term(m, clusterId, year);
      const chair = term ? await this.units.find(m, term.chairUnitId) : null;
      const phases = await this.years.find(m, clusterId, year);
      const data: ScoreboardData = {
        clusterName: cluster.name,
        year,
        ruleLabel: ranking.ruleLabel,
        criteria: leaves.map((l) => ({ code: l.code, maxPoints: l.maxPoints / 100 })),
        rows: ranking.rows.map((r) => ({
          rank: r.rank,
          tie: r.tie,
          unitCode: units.get(r.unit.id)?.code ?? '',
          unitName: r.unit.name,
          total: r.final?.total ?? null,
          bonus: r.final?.bonus ?? null,
          penalty: r.final?.penalty ?? null,
          criteriaAtMax: r.final?.criteriaAtMax ?? null,
          band: r.band,
          selfTotal: r.selfTotal,
          sheetsUsed: r.sheetsUsed,
          finalPoints: leaves.map((l) => r.finalPoints?.[l.code] ?? null),
          reasons: r.reasons.join(' '),
        })),
        sheets: sheets.map((s) => ({
          scorerName: s.scorerUnitId ? (units.get(s.scorerUnitId)?.name ?? '') : SCORER_KIND_LABELS[s.scorerKind],
          kindLabel: SCORER_KIND_LABELS[s.scorerKind],
          targetName: units.get(s.targetUnitId)?.name ?? '',
          total: sheetTotals(leaves, points.get(s.id) ?? {}).total / 100,
          statusLabel: SHEET_STATUS_LABELS[s.status],
        })),
        flags: ranking.rows.flatMap((r) => r.flags.map((f) => ({ unitName: r.unit.name, kindLabel: FLAG_LABELS[f.kind as keyof typeof FLAG_LABELS] ?? f.kind, message: f.message }))),
      };
      return { data, cluster, organizer, chair, config, reviewMeetingOn: phases?.reviewMeetingOn ?? null };
    });
  }

  /** The scoreboard's file name and a writer that streams the workbook: every check is done before it is called. */
  async xlsx(p: Principal, clusterId: string, year: number): Promise<StreamedFile> {
    const { data, cluster } = await this.data(p, clusterId, year);
    return { fileName: `Bang-tong-hop-diem-${year}-${cluster.documentCode}.xlsx`, write: (out) => writeScoreboard(out, data) };
  }

  async pdf(p: Principal, clusterId: string, year: number): Promise<{ fileName: string; content: Buffer; documentId: string }> {
    const { data, cluster, organizer, chair, config, reviewMeetingOn } = await this.data(p, clusterId, year);
    const content = {
      organizerName: organizer.name,
      clusterName: cluster.name,
      issuerCode: cluster.documentCode,
      year,
      place: chair?.province ?? organizer.province ?? 'Hà Nội',
      date: reviewMeetingOn ?? todayInVietnam(),
      ruleLabel: data.ruleLabel,
      criteria: data.criteria,
      rows: data.rows.map((r) => ({ rank: r.rank, tie: r.tie, unitName: r.unitName, finalPoints: r.finalPoints, total: r.total, band: r.band })),
      notes: [
        ...(data.rows.some((r) => r.tie) ? ['(*) Đồng hạng: cần bỏ phiếu hoặc Cụm trưởng quyết định.'] : []),
        ...data.flags.map((f) => `Lưu ý — ${f.unitName}: ${f.message}`),
      ],
      chairUnitName: chair?.name ?? null,
      published: !!config.publishedAt,
    };
    const contentKey = createHash('sha256').update(canonicalJson({ kind: 'SCOREBOARD', layout: LAYOUT_VERSION, ...content })).digest('hex');
    const issued = await this.documents.issue({
      kind: 'SCOREBOARD',
      clusterId,
      year,
      sourceId: clusterId,
      sourceVersion: config.version,
      contentKey,
      title: `Bảng tổng hợp kết quả chấm điểm thi đua năm ${year}`,
      statusLabel: config.publishedAt ? 'Đã công bố' : 'Dự thảo',
      signature: { name: cluster.name, reason: `Phát hành bảng tổng hợp kết quả chấm điểm năm ${year}`, location: content.place },
      record: scoreboardRecord(content),
      render: (documentId, verifyUrl) => renderScoreboard({ ...content, documentId, verifyUrl }),
    });
    return { fileName: `Bang-tong-hop-diem-${year}-${cluster.documentCode}.pdf`, content: issued.content, documentId: issued.document.id };
  }
}
