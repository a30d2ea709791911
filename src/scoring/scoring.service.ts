import { Injectable } from '@nestjs/common';
import { MembershipsRepository } from '../clusters/memberships.repository';
import { EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service';
import { Permission } from '../access/access.policy';
import type { Principal } from '../common/auth/principal';
import { Role } from '../common/auth/roles';
import { AuditService } from '../audit/audit.service';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-codes';
import { nowIso } from '../common/time';
import { CriteriaRepository } from '../criteria/criteria.repository';
import { UnitOfWork } from '../database/unit-of-work';
import { unitRef } from '../units/unit-ref';
import { peerAssignments } from './assignment.rules';
import { Band, bandsProblems, codeForLabel, readBands } from './bands.rules';
import { RankingConfig, ScoredSheet, pts, rankWithNormalization } from './ranking.rules';
import { NORMALIZE_METHOD_LABELS } from './normalization.rules';
import { ScoreContest } from './contests/score-contest.entity';
import { ScoreSheetsRepository } from './score-sheets.repository';
import type { CriterionTarget } from '../criteria/criterion.entity';
import type { UnitMeasures } from './measured-ranking.rules';
import { RULE_LABELS } from './scoring-context';
import { ScoringConfig } from './scoring-config.entity';
import type { Cluster } from '../clusters/cluster.entity';
import { RankingBody, RankingCache } from './ranking-cache';
import { ScoringConfigsRepository } from './scoring-configs.repository';
import { AssignmentView, RankingView, ScoringConfigDto, ScoringConfigView } from './scoring.dto';

const hundredths = (points: number) => Math.round(points * 100);

/** The scoring configuration of a cluster-year, the peer assignment, and the ranking. */
@Injectable()
export class ScoringService {
  private readonly cache = new RankingCache();

  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly configs: ScoringConfigsRepository,
    private readonly sheets: ScoreSheetsRepository,
    private readonly criteria: CriteriaRepository,
    private readonly memberships: MembershipsRepository,
  ) {}

  getConfig(p: Principal, clusterId: string, year: number): Promise<ScoringConfigView> {
    return this.uow.read(async (m) => {
      await this.access.require(m, p, Permission.ClusterRead, clusterId);
      return configView(await this.configs.get(m, clusterId, year));
    });
  }

  putConfig(p: Principal, clusterId: string, year: number, dto: ScoringConfigDto): Promise<ScoringConfigView> {
    return this.uow.write(async (m) => {
      const cluster = await this.access.require(m, p, Permission.YearManage, clusterId, year);
      const current = await this.configs.get(m, clusterId, year);
      // The settings made the published ranking: changing them would change a final result. The organiser reopens
      // the year first (with a reason), as for the sheets.
      if (current.publishedAt) throw new AppException(ErrorCode.SheetState, `Kết quả chấm điểm năm ${year} đã được công bố: không sửa được cách tính điểm. Cơ quan tổ chức cụm mở lại việc chấm điểm (có lý do) trước khi sửa.`);
      // A band sent without a code is read like a stored one: the code of its label when that is a usual label.
      const sent: Band[] = dto.bands.map((b) => ({ minPoints: hundredths(b.minPoints), label: b.label.trim(), code: b.code === undefined ? codeForLabel(b.label) : b.code }));
      const problems = bandsProblems(sent);
      if (problems.length) throw AppException.validation(problems.map((x) => ({ ...x, code: 'bands' })));
      const bands = [...sent].sort((a, b) => b.minPoints - a.minPoints);
      const members = await this.memberships.members(m, clusterId, year);
      if (dto.peerMode === 'ROTATION' && members.length && dto.peerK >= members.length) {
        throw AppException.field(ErrorCode.BusinessRule, 'peerK', `Mỗi đơn vị chấm tối đa ${members.length - 1} đơn vị khác.`);
      }
      const now = nowIso();
      const next = await this.configs.save(m, current, current.version === 0 ? 0 : (dto.version ?? -1), {
        rule: dto.rule,
        normalize: dto.normalize,
        normalizeMethod: dto.normalizeMethod ?? current.normalizeMethod,
        normalizeMinUnits: dto.normalizeMinUnits ?? current.normalizeMinUnits,
        selfMargin: hundredths(dto.selfMargin),
        peerOutlier: hundredths(dto.peerOutlier),
        bands: JSON.stringify(bands),
        peerMode: dto.peerMode,
        peerK: dto.peerK,
        forbidReciprocal: dto.forbidReciprocal ?? Boolean(current.forbidReciprocal),
        updatedAt: now,
      });
      await this.audit.record(m, { action: 'scoring.config', entityType: 'scoring_config', entityId: `${clusterId}:${year}`, before: current.version ? configView(current) : null, after: configView(next), reason: dto.reason, organizerId: cluster.organizerId, clusterId });
      return configView(next);
    });
  }

  assignments(p: Principal, clusterId: string, year: number): Promise<AssignmentView[]> {
    return this.uow.read(async (m) => {
      await this.access.require(m, p, Permission.ClusterRead, clusterId);
      const config = await this.configs.get(m, clusterId, year);
      const members = await this.memberships.members(m, clusterId, year);
      const byId = new Map(members.map((u) => [u.id, u]));
      const pairs = peerAssignments(members.map((u) => u.id), config.peerMode, config.peerK);
      return members.map((u) => ({
        scorer: unitRef(u, u.id),
        targets: pairs.filter((x) => x.scorer === u.id).map((x) => unitRef(byId.get(x.target), x.target)),
      }));
    });
  }

  /** The ranking as the HTTP reply sends it: its JSON, made once per computed ranking, and its entity tag. */
  async rankingBody(p: Principal, clusterId: string, year: number): Promise<RankingBody> {
    const view = await this.ranking(p, clusterId, year);
    return this.cache.body(`${clusterId}:${year}`, view);
  }

  /** The ranking by the configured rule, from submitted and locked sheets; members see it once published. */
  ranking(p: Principal, clusterId: string, year: number): Promise<RankingView> {
    return this.uow.read(async (m) => (await this.readableRanking(m, p, clusterId, year)).view);
  }

  /**
   * In the caller's transaction: the cluster the caller may read and its ranking (cached per revision), which a
   * unit's officer sees only once published.
   */
  async readableRanking(m: EntityManager, p: Principal, clusterId: string, year: number): Promise<{ cluster: Cluster; view: RankingView }> {
    const head = await this.configs.rankingHead(m, clusterId, year);
    const cluster = await this.access.require(m, p, Permission.ClusterRead, clusterId, undefined, head?.cluster);
    if (p.role === Role.UnitOfficer && !head!.publishedAt) {
      throw AppException.forbidden('Kết quả chấm điểm chưa được công bố.');
    }
    const key = `${clusterId}:${year}`;
    const revision = head!.revision;
    const cached = this.cache.get(key, revision);
    if (cached) return { cluster, view: cached };
    const view = await this.computeRanking(m, clusterId, year, await this.configs.get(m, clusterId, year));
    // Cached once what it was computed from is on disk (SQLite's open batch committed): a batch that fails leaves
    // no ranking of a state that never was under a revision number that will be used again.
    this.uow.whenDurable(() => this.cache.set(key, revision, view));
    return { cluster, view };
  }

  async computeRanking(m: EntityManager, clusterId: string, year: number, config: ScoringConfig): Promise<RankingView> {
    const members = await this.memberships.members(m, clusterId, year);
    const set = await this.criteria.latest(m, clusterId, year);
    const sheets = await this.sheets.list(m, clusterId, year, ['SUBMITTED', 'LOCKED']);
    const entries = await this.sheets.entriesOf(m, sheets.map((s) => s.id));
    const leaves = set ? await this.criteria.leaves(m, set.id) : [];
    const bySheet = new Map<string, typeof entries>();
    for (const e of entries) bySheet.set(e.sheetId, [...(bySheet.get(e.sheetId) ?? []), e]);
    const scored: ScoredSheet[] = sheets.map((s) => {
      const mine = bySheet.get(s.id) ?? [];
      const facts = mine.filter((e) => e.achieved != null);
      return {
        kind: s.scorerKind,
        scorerId: s.scorerUnitId ?? s.scorerKey,
        targetId: s.targetUnitId,
        entries: Object.fromEntries(mine.map((e) => [e.criterionCode, e.points])),
        ...(facts.length ? { facts: Object.fromEntries(facts.map((e) => [e.criterionCode, e.achieved!])) } : {}),
      };
    });
    const measures = set ? unitMeasures(await this.criteria.targets(m, set.id), leaves.some((l) => l.rule.measure !== 'POINTS')) : undefined;
    const rankingConfig: RankingConfig = {
      rule: config.rule,
      normalize: Boolean(config.normalize),
      normalizeMethod: config.normalizeMethod,
      normalizeMinUnits: config.normalizeMinUnits,
      selfMargin: config.selfMargin,
      peerOutlier: config.peerOutlier,
      bands: readBands(config.bands),
    };
    const units = members.map((u) => ({ id: u.id, name: u.shortName, womenShare: u.womenShareHundredths }));
    const byId = new Map(members.map((u) => [u.id, u]));
    const { rows, normalization } = rankWithNormalization(units, leaves, scored, rankingConfig, measures);
    // The explanation round's answers, in the reasons of the units that gave them.
    for (const c of await m.find(ScoreContest, { where: { clusterId, year }, order: { createdAt: 'ASC' } })) {
      if (c.status === 'OPEN') continue;
      const words = c.status === 'ACCEPTED' ? `chấp nhận, điểm ${pts(c.pointsBefore)} → ${pts(c.pointsAfter ?? c.pointsBefore)}` : `giữ nguyên ${pts(c.pointsBefore)} điểm`;
      rows.find((r) => r.unitId === c.unitId)?.reasons.push(`Giải trình ${c.criterionCode}: ${words} (${c.answer}).`);
    }
    return {
      clusterId,
      year,
      rule: config.rule,
      ruleLabel: RULE_LABELS[config.rule],
      normalize: Boolean(config.normalize),
      published: !!config.publishedAt,
      normalization: normalization && {
        method: normalization.method,
        methodLabel: NORMALIZE_METHOD_LABELS[normalization.method],
        minUnits: normalization.minUnits,
        scorers: [...normalization.scorers.values()].map((s) => ({ scorer: unitRef(byId.get(s.scorerId), s.scorerId), units: s.units, applied: s.applied })),
      },
      rows: rows.map((r) => ({
        rank: r.rank,
        tie: r.tie,
        unit: unitRef(byId.get(r.unitId), r.unitId),
        final: r.final ? { total: r.final.total / 100, bonus: r.final.bonus / 100, penalty: r.final.penalty / 100, criteriaAtMax: r.final.criteriaAtMax } : null,
        finalPoints: r.finalEntries ? Object.fromEntries(Object.entries(r.finalEntries).map(([code, v]) => [code, v / 100])) : null,
        band: r.band,
        bandCode: r.bandCode,
        selfTotal: r.selfTotal === null ? null : r.selfTotal / 100,
        sheetsUsed: r.sheetsUsed,
        flags: r.flags.map((f) => ({ ...f, gap: f.gap / 100 })),
        reasons: r.reasons,
      })),
    };
  }
}

/** A set's targets per unit, for the ranking; undefined when it has none (points only: the ranking as before). */
function unitMeasures(rows: CriterionTarget[], measured: boolean): UnitMeasures | undefined {
  if (!rows.length && !measured) return undefined;
  const measures: UnitMeasures = { targets: new Map(), notApplicable: new Map() };
  for (const t of rows) {
    if (!measures.targets.has(t.unitId)) measures.targets.set(t.unitId, new Map());
    measures.targets.get(t.unitId)!.set(t.criterionCode, t.target);
    if (t.notApplicableReason) {
      if (!measures.notApplicable.has(t.unitId)) measures.notApplicable.set(t.unitId, new Map());
      measures.notApplicable.get(t.unitId)!.set(t.criterionCode, t.notApplicableReason);
    }
  }
  return measures;
}

export function configView(c: ScoringConfig): ScoringConfigView {
  return {
    clusterId: c.clusterId,
    year: c.year,
    rule: c.rule,
    ruleLabel: RULE_LABELS[c.rule],
    normalize: Boolean(c.normalize),
    normalizeMethod: c.normalizeMethod,
    normalizeMethodLabel: NORMALIZE_METHOD_LABELS[c.normalizeMethod],
    normalizeMinUnits: c.normalizeMinUnits,
    selfMargin: c.selfMargin / 100,
    peerOutlier: c.peerOutlier / 100,
    bands: readBands(c.bands).map((b) => ({ minPoints: b.minPoints / 100, label: b.label, code: b.code })),
    peerMode: c.peerMode,
    peerK: c.peerK,
    forbidReciprocal: Boolean(c.forbidReciprocal),
    publishedAt: c.publishedAt,
    saved: c.version > 0,
    version: c.version > 0 ? c.version : null,
  };
}
