import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Cluster } from '../clusters/cluster.entity';
import type { EmulationYear } from '../clusters/emulation-year.entity';
import type { Unit } from '../units/unit.entity';
import type { ScoringConfig } from './scoring-config.entity';
import type { RankingView } from './scoring.dto';
import { ScoreSheetsRepository } from './score-sheets.repository';
import { unitIdsOf } from './score-sheet-views';
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
import { rawQuery } from '../database/raw-sql';
import { renderScoreboard, scoreboardRecord } from '../documents/pdf/scoreboard.pdf';
import { LeadershipRepository } from '../leadership/leadership.repository';
import { countedKind, sheetTotals } from './ranking.rules';
import { SCORER_KIND_LABELS, SHEET_STATUS_LABELS } from './score-sheet.entity';
import { todayInVietnam } from '../common/time';
import { ScoringService } from './scoring.service';

const FLAG_LABELS = { SELF_ABOVE_FINAL: 'Tự chấm cao hơn điểm cuối cùng', PEER_OUTLIER: 'Phiếu chấm chéo lệch' } as const;

/** What the PDF shows besides the tables: the organiser, the chair, the year's scoring and its meeting. */
type PdfExtras = { organizer: Unit; chair: Unit | null; config: ScoringConfig; phases: EmulationYear | null; heldOn: string | null };

/** The scoreboard as Excel (streamed to the response) and as a signed PDF. */
@Injectable()
export class ScoreboardService {
  /** The tables of each ranking computed, kept as long as the ranking is (the ranking cache holds it). */
  private readonly made = new WeakMap<RankingView, Omit<ScoreboardData, 'clusterName' | 'organizerName' | 'year'>>();

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
   * The scoreboard's tables, in one read: the ranking comes from the ranking cache (computed only when the
   * cluster-year's revision moved), and the tables around it (the criteria, the sheets counted with their totals, the
   * units' codes) are made once per ranking computed: a ranking kept in the cache is of a revision, and so are they.
   */
  private async tables(p: Principal, clusterId: string, year: number, more?: (m: EntityManager, cluster: Cluster) => Promise<PdfExtras>) {
    return this.uow.read(async (m) => {
      const { cluster, view: ranking } = await this.scoring.readableRanking(m, p, clusterId, year);
      let tables = this.made.get(ranking);
      if (!tables) this.made.set(ranking, (tables = await this.makeTables(m, clusterId, year, ranking)));
      return { data: { clusterName: cluster.name, organizerName: (await this.units.get(m, cluster.organizerId)).name, year, ...tables }, cluster, extras: await more?.(m, cluster) };
    });
  }

  private async makeTables(m: EntityManager, clusterId: string, year: number, ranking: RankingView): Promise<Omit<ScoreboardData, 'clusterName' | 'organizerName' | 'year'>> {
    const set = await this.criteria.latest(m, clusterId, year);
    const leaves = set ? await this.criteria.leaves(m, set.id) : [];
    const sheets = await this.sheets.list(m, clusterId, year, ['SUBMITTED', 'LOCKED']);
    const points = await this.sheets.submittedPoints(m, clusterId, year);
    const units = await this.units.byIds(m, unitIdsOf(sheets));
    const counted = countedKind(ranking.rule);
    return {
      ruleLabel: ranking.ruleLabel,
      published: ranking.published,
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
        scorerName: s.scorerUnitId ? (units.get(s.scorerUnitId)?.name ?? '') : s.scorerKind === 'CLUSTER' ? 'Cụm (thư ký cụm nhập điểm thống nhất)' : 'Bộ (cán bộ thẩm định)',
        kindLabel: SCORER_KIND_LABELS[s.scorerKind],
        targetName: units.get(s.targetUnitId)?.name ?? '',
        total: sheetTotals(leaves, points.get(s.id) ?? {}).total / 100,
        statusLabel: SHEET_STATUS_LABELS[s.status],
        counted: s.scorerKind === counted,
      })),
      flags: ranking.rows.flatMap((r) => r.flags.map((f) => ({ unitName: r.unit.name, kindLabel: FLAG_LABELS[f.kind as keyof typeof FLAG_LABELS] ?? f.kind, message: f.message }))),
    };
  }

  /** The scoreboard's file name and a writer that streams the workbook: every check is done before it is called. */
  async xlsx(p: Principal, clusterId: string, year: number): Promise<StreamedFile> {
    const { data, cluster } = await this.tables(p, clusterId, year);
    return { fileName: `Bang-tong-hop-diem-${year}-${cluster.documentCode}${data.published ? '' : '-du-thao'}.xlsx`, write: (out) => writeScoreboard(out, data) };
  }

  async pdf(p: Principal, clusterId: string, year: number): Promise<{ fileName: string; content: Buffer; documentId: string }> {
    const { data, cluster, extras } = await this.tables(p, clusterId, year, async (m, c) => {
      const term = await this.leadership.term(m, clusterId, year);
      // The review meeting as held, once recorded: its day, not the one planned in the year's phases.
      const [held] = await rawQuery<{ held_on: string }>(m, 'SELECT held_on FROM review_meetings WHERE cluster_id = ? AND year = ?', [clusterId, year]);
      return { organizer: await this.units.get(m, c.organizerId), chair: term ? await this.units.find(m, term.chairUnitId) : null, config: await this.configs.get(m, clusterId, year), phases: await this.years.find(m, clusterId, year), heldOn: held?.held_on ?? null };
    });
    const { organizer, chair, config } = extras!;
    const reviewMeetingOn = extras!.heldOn ?? extras!.phases?.reviewMeetingOn ?? null;
    const content = {
      organizerName: organizer.name,
      clusterName: cluster.name,
      issuerCode: cluster.documentCode,
      year,
      place: chair?.province ?? organizer.province ?? 'Hà Nội',
      // Dated the review meeting's day once it has come; a meeting still ahead does not date today's table.
      date: reviewMeetingOn && reviewMeetingOn <= todayInVietnam() ? reviewMeetingOn : todayInVietnam(),
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
    return { fileName: `Bang-tong-hop-diem-${year}-${cluster.documentCode}${content.published ? '' : '-du-thao'}.pdf`, content: issued.content, documentId: issued.document.id };
  }
}
