import { Injectable } from '@nestjs/common';
import { MembershipsRepository } from '../clusters/memberships.repository';
import { ScoringConfigsRepository } from './scoring-configs.repository';
import { exceljs } from '../documents/libraries';
import { createHash, randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service';
import { Permission } from '../access/access.policy';
import type { Principal } from '../common/auth/principal';
import { Role } from '../common/auth/roles';
import { AuditService } from '../audit/audit.service';
import { UuidParamPipe, YearParamPipe } from '../common/validation/params';
import type { UploadTarget } from '../auth/upload-target.guard';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-codes';
import { nowIso } from '../common/time';
import { Cluster } from '../clusters/cluster.entity';
import type { CriteriaSet } from '../criteria/criteria-set.entity';
import { CriteriaRepository } from '../criteria/criteria.repository';
import { EmulationYearsRepository } from '../clusters/emulation-years.repository';
import { UnitOfWork } from '../database/unit-of-work';
import { DATA_SHEET, TEMPLATE_FORMAT, TemplateCriterion, TemplateMeta, buildScoreTemplate, readTemplateMeta } from '../documents/excel/score-template';
import { sniff, zipProblem } from '../documents/excel/zip-inspection';
import { Unit } from '../units/unit.entity';
import { UnitsRepository } from '../units/units.repository';
import { peerAssignments } from './assignment.rules';
import { SCORER_KINDS, type ScorerKind } from './ranking.rules';
import { SCORER_KIND_LABELS } from './score-sheet.entity';
import { ScoreSheetsRepository } from './score-sheets.repository';
import { LeafWithText, requireScoringWindow, requireUnpublished } from './scoring-context';
import { ConflictsService } from './conflicts.service';
import { parseRows } from './score-excel-rows';
import type { SheetMeasures } from './sheet-entries';
import type { ScoreSheet } from './score-sheet.entity';
import { takesFact } from '../criteria/measure.rules';

export { parseRows } from './score-excel-rows';

export const MAX_UPLOAD_BYTES = 2 * 1024 * 1024;
const MAX_REPORTED_ERRORS = 200;

interface ScorerScope {
  cluster: Cluster;
  set: CriteriaSet;
  leaves: LeafWithText[];
  scorerKey: string;
  scorerUnitId: string | null;
  scorerName: string;
  targets: Unit[];
}

export interface UploadResult {
  sheetsCreated: number;
  sheetsUpdated: number;
  entriesChanged: number;
  unchanged: boolean;
  sha256: string;
}

/** The Excel round trip of score sheets: a template per scorer, and its upload, all or nothing. */
@Injectable()
export class ScoreExcelService implements UploadTarget {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly sheets: ScoreSheetsRepository,
    private readonly criteria: CriteriaRepository,
    private readonly years: EmulationYearsRepository,
    private readonly configs: ScoringConfigsRepository,
    private readonly memberships: MembershipsRepository,
    private readonly units: UnitsRepository,
    private readonly conflicts: ConflictsService,
  ) {}

  async template(p: Principal, clusterId: string, year: number, kind: ScorerKind): Promise<{ fileName: string; content: Buffer }> {
    const { scope, organizerName, rows } = await this.uow.read(async (m) => {
      const s = await this.scorerScope(m, p, clusterId, year, kind);
      const existing = await this.sheets.ofScorer(m, clusterId, year, kind, s.scorerKey);
      const entries = await this.sheets.entriesOf(m, existing.map((x) => x.id));
      const targets = await this.criteria.targets(m, s.set.id);
      return {
        scope: s,
        organizerName: (await this.units.nameOf(m, s.cluster.organizerId)) ?? '',
        rows: s.targets.map((u) => {
          const sheet = existing.find((x) => x.targetUnitId === u.id);
          const mine = entries.filter((e) => e.sheetId === sheet?.id);
          const own = targets.filter((t) => t.unitId === u.id);
          return {
            unitCode: u.code,
            unitName: u.name,
            // A measured criterion's cell holds its achieved value.
            points: Object.fromEntries(mine.map((e) => [e.criterionCode, (e.achieved ?? e.points) / 100])),
            targets: Object.fromEntries(own.filter((t) => t.target != null).map((t) => [t.criterionCode, t.target! / 100])),
            notApplicable: Object.fromEntries(own.filter((t) => t.notApplicableReason).map((t) => [t.criterionCode, t.notApplicableReason!])),
            handedIn: sheet?.status === 'SUBMITTED' || sheet?.status === 'LOCKED' ? sheet.status : undefined,
          };
        }),
      };
    });
    const meta: TemplateMeta = {
      clusterId,
      clusterName: scope.cluster.name,
      organizerName,
      year,
      kind,
      kindLabel: SCORER_KIND_LABELS[kind],
      scorerKey: scope.scorerKey,
      scorerName: scope.scorerName,
      criteriaSetId: scope.set.id,
      criteriaVersionNo: scope.set.versionNo,
    };
    const content = await buildScoreTemplate(meta, scope.leaves.map(templateCriterion), rows);
    return { fileName: `Phieu-cham-${year}-${scope.cluster.documentCode}-${kind}.xlsx`, content };
  }

  /** Validates the whole workbook first; writes only when every cell is right; the same file twice changes nothing. */
  /** The upload's access check alone (UploadTargetGuard runs it before the file is read). */
  async checkUploadTarget(p: Principal, params: Record<string, string>): Promise<void> {
    const clusterId = new UuidParamPipe().transform(params.id, { data: 'id' });
    new YearParamPipe().transform(params.year, { data: 'year' }); // a bad year is refused before the file is read
    await this.uow.read((m) => this.access.require(m, p, Permission.ClusterRead, clusterId));
  }

  async upload(p: Principal, clusterId: string, year: number, bytes: Buffer): Promise<UploadResult> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const kind = sniff(bytes);
    if (kind === 'ole') throw AppException.field(ErrorCode.InvalidFile, 'file', 'Tệp .xls (Excel 97–2003) không được hỗ trợ: hãy dùng mẫu .xlsx tải từ hệ thống.');
    if (kind !== 'zip') throw AppException.field(ErrorCode.InvalidFile, 'file', 'Tệp không phải là bảng tính Excel (.xlsx).');
    const zip = zipProblem(bytes);
    if (zip) throw AppException.field(ErrorCode.InvalidFile, 'file', zip);
    const wb = new (exceljs().Workbook)();
    try {
      await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    } catch {
      throw AppException.field(ErrorCode.InvalidFile, 'file', 'Không đọc được bảng tính: tệp bị hỏng hoặc không đúng định dạng .xlsx.');
    }
    const meta = readTemplateMeta(wb);
    if (!meta) throw AppException.field(ErrorCode.InvalidFile, 'file', 'Bảng tính không phải mẫu phiếu chấm của hệ thống: hãy tải mẫu rồi nhập điểm vào đó.');
    if (meta.clusterId !== clusterId) throw AppException.field(ErrorCode.InvalidFile, 'file', 'Mẫu này dành cho một cụm thi đua khác: hãy tải mẫu của cụm này.');
    if (Number(meta.year) !== year) throw AppException.field(ErrorCode.InvalidFile, 'file', `Mẫu này dành cho năm ${meta.year}, không phải năm ${year}: hãy tải mẫu của năm ${year}.`);
    if (!(SCORER_KINDS as readonly string[]).includes(meta.kind)) throw AppException.field(ErrorCode.InvalidFile, 'file', 'Bảng tính không phải mẫu phiếu chấm của hệ thống: hãy tải mẫu rồi nhập điểm vào đó.');
    const scorerKind = meta.kind as ScorerKind;

    return this.uow.write(async (m) => {
      const scope = await this.scorerScope(m, p, clusterId, year, scorerKind);
      if (meta.scorerKey !== scope.scorerKey) throw AppException.forbidden('Mẫu phiếu này là của người chấm khác.');
      requireUnpublished(year, scorerKind, await this.configs.get(m, clusterId, year), 'không nhập điểm từ tệp được nữa');
      if (meta.criteriaSetId !== scope.set.id) {
        throw AppException.field(ErrorCode.InvalidFile, 'file', 'Bộ tiêu chí đã thay đổi kể từ khi tải mẫu: hãy tải mẫu mới.');
      }
      if (meta.format !== TEMPLATE_FORMAT && scope.leaves.some((l) => l.rule && takesFact(l.rule))) {
        throw AppException.field(ErrorCode.InvalidFile, 'file', 'Mẫu này tạo trước khi bộ tiêu chí có tiêu chí định lượng: hãy tải mẫu mới.');
      }
      const existing = await this.sheets.ofScorer(m, clusterId, year, scorerKind, scope.scorerKey);
      const measures = await this.measures(m, scope, existing, { clusterId, year, scorerKind });
      const parsed = parseRows(wb.getWorksheet(DATA_SHEET), scope.leaves, scope.targets, (unitId) => measures.get(unitId)!);
      // A handed-in sheet's row is read back as it was downloaded (the template holds it, to see): left as it is, it is
      // passed over; a value changed in it is refused — a handed-in sheet is changed on its page, with a reason.
      const handedIn = new Set<string>();
      for (const row of parsed.rows) {
        const sheet = existing.find((s) => s.targetUnitId === row.unit.id);
        if (!sheet || (sheet.status !== 'SUBMITTED' && sheet.status !== 'LOCKED')) continue;
        handedIn.add(sheet.id);
        const stored = new Map((await this.sheets.entries(m, sheet.id)).map((e) => [e.criterionCode, e]));
        const altered = [...row.values].filter(([code, v]) => (v.achieved !== null ? (stored.get(code)?.achieved ?? null) !== v.achieved : stored.get(code)?.points !== v.points));
        if (!altered.length) continue;
        const message =
          sheet.status === 'LOCKED'
            ? `Phiếu chấm ${row.unit.shortName} đã khóa (kết quả đã công bố): không sửa được điểm (${altered.map(([code]) => code).join(', ')}).`
            : `Phiếu chấm ${row.unit.shortName} đã nộp: điểm của phiếu đã nộp không sửa bằng tệp (${altered.map(([code]) => code).join(', ')}); sửa trên trang Chấm điểm và ghi lý do sửa, hoặc để nguyên dòng này.`;
        parsed.errors.push({ field: `${DATA_SHEET}!B${row.row}`, sheet: DATA_SHEET, cell: `B${row.row}`, code: 'sheetState', message });
      }
      if (parsed.errors.length) {
        throw new AppException(ErrorCode.UploadInvalid, `Tệp có ${parsed.errors.length} lỗi; không có dữ liệu nào được ghi.`, parsed.errors.slice(0, MAX_REPORTED_ERRORS));
      }
      if (scorerKind === 'SELF' || scorerKind === 'PEER') requireScoringWindow(year, await this.years.find(m, clusterId, year));

      const result: UploadResult = { sheetsCreated: 0, sheetsUpdated: 0, entriesChanged: 0, unchanged: true, sha256 };
      const now = nowIso();
      for (const row of parsed.rows) {
        let sheet = existing.find((s) => s.targetUnitId === row.unit.id);
        if (sheet && handedIn.has(sheet.id)) continue;
        const current = new Map(sheet ? (await this.sheets.entries(m, sheet.id)).map((e) => [e.criterionCode, e]) : []);
        const changes = [...row.values].filter(([code, v]) => current.get(code)?.points !== v.points || (current.get(code)?.achieved ?? null) !== v.achieved);
        if (!changes.length) continue;
        if (!sheet) {
          sheet = { id: randomUUID(), clusterId, year, criteriaSetId: scope.set.id, targetUnitId: row.unit.id, scorerKind, scorerKey: scope.scorerKey, scorerUnitId: scope.scorerUnitId, status: 'DRAFT', returnReason: null, submittedAt: null, lockedAt: null, createdBy: p.username, version: 1, createdAt: now, updatedAt: now };
          await this.sheets.insert(m, sheet);
          result.sheetsCreated++;
        } else {
          sheet = await this.sheets.update(m, sheet, {});
          result.sheetsUpdated++;
        }
        await this.sheets.putEntries(m, sheet, new Map(changes));
        result.entriesChanged += changes.length;
        result.unchanged = false;
        await this.audit.record(m, {
          action: 'score_sheet.upload',
          entityType: 'score_sheet',
          entityId: sheet.id,
          before: Object.fromEntries(changes.map(([c]) => [c, current.has(c) ? current.get(c)!.points / 100 : null])),
          after: {
            ...Object.fromEntries(changes.map(([c, v]) => [c, v.points / 100])),
            ...(changes.some(([, v]) => v.achieved !== null) ? { achieved: Object.fromEntries(changes.filter(([, v]) => v.achieved !== null).map(([c, v]) => [c, v.achieved! / 100])) } : {}),
            fileSha256: sha256,
          },
          organizerId: scope.cluster.organizerId,
          clusterId,
        });
      }
      return result;
    });
  }

  /**
   * Per unit scored: its targets and criteria not applicable, and for leader-relative criteria the best ratio on the
   * other sheets of the kind (the points stored are those of the moment; the ranking works them out again).
   */
  private async measures(m: EntityManager, scope: ScorerScope, existing: ScoreSheet[], at: Pick<ScoreSheet, 'clusterId' | 'year' | 'scorerKind'>): Promise<Map<string, SheetMeasures>> {
    const out = new Map<string, SheetMeasures>();
    const relative = scope.leaves.filter((l) => l.rule?.formula === 'RELATIVE_TO_LEADER');
    for (const unit of scope.targets) {
      const { targets, notApplicable } = await this.criteria.unitTargets(m, scope.set.id, unit.id);
      const sheet = existing.find((s) => s.targetUnitId === unit.id) ?? ({ ...at, id: randomUUID() } as ScoreSheet);
      const leaderRatios = new Map<string, number | null>();
      for (const leaf of relative) leaderRatios.set(leaf.code, await this.sheets.leaderRatio(m, sheet, leaf.code));
      out.set(unit.id, { targets, notApplicable, leaderRatios });
    }
    return out;
  }

  /** The scorer the caller is for this kind of sheet, and the units it scores. */
  private async scorerScope(m: EntityManager, p: Principal, clusterId: string, year: number, kind: ScorerKind): Promise<ScorerScope> {
    const cluster = await this.access.require(m, p, Permission.ClusterRead, clusterId);
    const set = await this.criteria.latest(m, clusterId, year);
    if (!set) throw AppException.field(ErrorCode.InvalidReference, 'year', `Năm ${year} chưa có bộ tiêu chí để chấm điểm.`);
    const members = await this.memberships.members(m, clusterId, year);
    const leaves = await this.criteria.leaves(m, set.id);
    if (kind === 'SELF' || kind === 'PEER') {
      const own = members.find((u) => p.unitIds.includes(u.id));
      if (p.role !== Role.UnitOfficer || !own) throw AppException.forbidden('Chỉ đơn vị thành viên của cụm trong năm này được tự chấm và chấm chéo.');
      if (kind === 'SELF') return { cluster, set, leaves, scorerKey: own.id, scorerUnitId: own.id, scorerName: own.name, targets: [own] };
      const config = await this.configs.get(m, clusterId, year);
      const assigned = peerAssignments(members.map((u) => u.id), config.peerMode, config.peerK).filter((a) => a.scorer === own.id).map((a) => members.find((u) => u.id === a.target)!);
      // As a sheet made on the page: none for a unit the scorer has a conflict of interest with (unless overridden).
      const barred = await this.conflicts.barredPairs(m, clusterId, year);
      const targets = assigned.filter((unit) => !barred.has(`${own.id}|${unit.id}`));
      return { cluster, set, leaves, scorerKey: own.id, scorerUnitId: own.id, scorerName: own.name, targets };
    }
    if (kind === 'CLUSTER') await this.access.require(m, p, Permission.YearManage, clusterId, year);
    else if (kind !== 'MINISTRY' || !this.access.actsFor(p, cluster.organizerId)) throw AppException.forbidden();
    return { cluster, set, leaves, scorerKey: kind, scorerUnitId: null, scorerName: kind === 'CLUSTER' ? `Thư ký ${cluster.name}` : 'Cơ quan tổ chức', targets: members };
  }
}


/** A criterion as the template shows it: points, or the achieved value of a criterion that measures. */
function templateCriterion(l: LeafWithText): TemplateCriterion {
  const base = { code: l.code, text: l.text, maxPoints: l.maxPoints / 100, kind: l.kind };
  if (!l.rule || !takesFact(l.rule)) return base;
  const measure = l.rule.measure as 'QUANTITATIVE' | 'PASS_FAIL' | 'PER_COUNT';
  return { ...base, fact: { measure, unit: l.rule.factUnit, needsTarget: measure === 'QUANTITATIVE' && l.rule.formula !== 'BANDED' } };
}
