import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { MembershipsRepository } from '../clusters/memberships.repository';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service';
import { Permission } from '../access/access.policy';
import type { Principal } from '../common/auth/principal';
import { AuditService } from '../audit/audit.service';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-codes';
import { mapDatabaseError } from '../common/errors/db-errors';
import { nowIso } from '../common/time';
import { Cluster } from '../clusters/cluster.entity';
import { clusterHeadingOf } from '../clusters/cluster-tag';
import { UnitOfWork, requireVersion } from '../database/unit-of-work';
import { tableWorkbook } from '../documents/excel/table-workbook';
import { refuseAmendmentWhenScored, refuseWhenScored, scoredSheets } from './criteria-in-use';
import { CriteriaTargetsService } from './criteria-targets.service';
import { CRITERIA_CHANGE_HOOK, CriteriaChangeHook } from './criteria-change.hook';
import { CriteriaSet } from './criteria-set.entity';
import { AmendCriteriaDto, CreateCriteriaDto, CriteriaChoicesView, CriteriaSetView, CriteriaVersionView, CriterionView, ReplaceCriteriaDto } from './criteria.dto';
import { CriteriaRepository } from './criteria.repository';
import { CriterionNode } from './criteria.rules';
import { criteriaTemplate, criteriaTemplatesFor } from './criteria-templates';
import { checkedTree, flattenViews, redefinedCodes, ruleOfView, toHundredths, viewTree } from './criteria-tree';

export { flattenViews } from './criteria-tree';

/** Bộ tiêu chí per cluster-year: from a template or the previous year, edited, locked, amended. */
@Injectable()
export class CriteriaService {
  private hook?: CriteriaChangeHook;

  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly criteria: CriteriaRepository,
    private readonly moduleRef: ModuleRef,
    private readonly memberships: MembershipsRepository,
    private readonly targets: CriteriaTargetsService,
  ) {}

  current(p: Principal, clusterId: string, year: number): Promise<CriteriaSetView> {
    return this.uow.read(async (m) => {
      await this.access.require(m, p, Permission.ClusterRead, clusterId);
      return this.view(m, await this.requireCurrent(m, clusterId, year));
    });
  }

  /** Where a new set of the year can start from: the templates, and the previous year when it has a set. */
  choices(p: Principal, clusterId: string, year: number): Promise<CriteriaChoicesView> {
    return this.uow.read(async (m) => {
      await this.access.require(m, p, Permission.ClusterRead, clusterId);
      const templates = criteriaTemplatesFor(year).map(({ code, title, criteriaCount, totalPoints }) => ({ code, title, criteriaCount, totalPoints }));
      return { templates, previousYear: (await this.criteria.existsFor(m, clusterId, year - 1)) ? year - 1 : null };
    });
  }

  versions(p: Principal, clusterId: string, year: number): Promise<CriteriaVersionView[]> {
    return this.uow.read(async (m) => {
      await this.access.require(m, p, Permission.ClusterRead, clusterId);
      const sets = await this.criteria.versions(m, clusterId, year);
      return sets.map((s) => ({ versionNo: s.versionNo, origin: s.origin, amendmentReason: s.amendmentReason, lockedAt: s.lockedAt, createdAt: s.createdAt }));
    });
  }

  version(p: Principal, clusterId: string, year: number, versionNo: number): Promise<CriteriaSetView> {
    return this.uow.read(async (m) => {
      await this.access.require(m, p, Permission.ClusterRead, clusterId);
      const set = await this.criteria.version(m, clusterId, year, versionNo);
      if (!set) throw AppException.notFound(`phiên bản ${versionNo} của bộ tiêu chí năm ${year}`, 'versionNo');
      return this.view(m, set);
    });
  }

  create(p: Principal, clusterId: string, year: number, dto: CreateCriteriaDto): Promise<CriteriaSetView> {
    return this.uow.write(async (m) => {
      const cluster = await this.access.require(m, p, Permission.YearManage, clusterId, year);
      const set = await this.createSet(m, cluster, year, dto);
      const view = await this.view(m, set);
      await this.audit.record(m, {
        action: 'criteria.create',
        entityType: 'criteria_set',
        entityId: set.id,
        after: view,
        reason: dto.reason,
        organizerId: cluster.organizerId,
        clusterId,
      });
      return view;
    });
  }

  /** Creates version 1 from a template, the previous year or empty (used by the pledge too). */
  async createSet(m: EntityManager, cluster: Cluster, year: number, dto: Pick<CreateCriteriaDto, 'from' | 'templateCode' | 'title'>): Promise<CriteriaSet> {
    if (await this.criteria.existsFor(m, cluster.id, year)) {
      throw AppException.field(ErrorCode.Duplicate, 'year', `Năm ${year} đã có bộ tiêu chí; hãy chỉnh sửa hoặc lập bản sửa đổi.`);
    }
    if (!(await this.memberships.anyInYear(m, cluster.id, year))) {
      throw AppException.field(ErrorCode.NoMembership, 'year', `Cụm chưa có thành viên trong năm ${year}.`);
    }
    let title = `Bộ tiêu chí thi đua năm ${year} của ${cluster.name}`;
    let items: CriterionNode[] = [];
    let totalPoints = 10000;
    let origin = 'MANUAL';
    if (dto.from === 'TEMPLATE') {
      const code = dto.templateCode ?? '';
      const template = criteriaTemplate(code);
      if (!template) throw AppException.field(ErrorCode.InvalidReference, 'templateCode', `Không có mẫu tiêu chí "${code}".`);
      if (template.fromYear !== null && year < template.fromYear) {
        throw AppException.field(ErrorCode.InvalidReference, 'templateCode', `Mẫu tiêu chí "${code}" chỉ dùng cho năm ${template.fromYear} trở đi.`);
      }
      title = template.title;
      items = template.items;
      totalPoints = toHundredths(template.totalPoints);
      origin = `TEMPLATE:${code}`;
    } else if (dto.from === 'PREVIOUS_YEAR') {
      const previous = await this.criteria.latest(m, cluster.id, year - 1);
      if (!previous) throw AppException.field(ErrorCode.InvalidReference, 'from', `Năm ${year - 1} chưa có bộ tiêu chí để sao chép.`);
      items = await this.tree(m, previous.id);
      totalPoints = previous.totalPoints;
      title = previous.title.replace(String(year - 1), String(year));
      origin = `COPY:${year - 1}`;
    }
    const now = nowIso();
    const set: CriteriaSet = {
      id: randomUUID(),
      clusterId: cluster.id,
      year,
      versionNo: 1,
      title: dto.title?.trim() || title,
      totalPoints,
      origin,
      amendmentReason: null,
      lockedAt: null,
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    await this.criteria.insert(m, set, items);
    return set;
  }

  /** How many sheets were handed in against the year's current criteria (0 when there are none): they fix them. */
  handedIn(p: Principal, clusterId: string, year: number): Promise<number> {
    return this.uow.read(async (m) => {
      await this.access.require(m, p, Permission.ClusterRead, clusterId);
      const set = await this.criteria.latest(m, clusterId, year);
      return set ? scoredSheets(m, set.id) : 0;
    });
  }

  /** Replaces the whole tree of the current, unlocked version. */
  replace(p: Principal, clusterId: string, year: number, dto: ReplaceCriteriaDto): Promise<CriteriaSetView> {
    return this.uow.write(async (m) => {
      const cluster = await this.access.require(m, p, Permission.YearManage, clusterId, year);
      const set = await this.requireCurrent(m, clusterId, year);
      if (set.lockedAt) throw new AppException(ErrorCode.CriteriaLocked);
      const items = checkedTree(dto.items, dto.totalPoints);
      await refuseWhenScored(m, set.id);
      await this.changeHook().beforeChange(m, set.id, dto.confirmResetSignatures === true, dto.reason);
      const before = await this.view(m, set);
      const leavesBefore = await this.criteria.leaves(m, set.id);
      // Locking bumps the version too, so a set locked meanwhile answers 409 here.
      const updated = await this.criteria.replace(m, set, dto.version, { title: dto.title?.trim() ?? set.title, totalPoints: toHundredths(dto.totalPoints), updatedAt: nowIso() }, items);
      // Drafts scored under the old tree keep no points a redefined criterion no longer means (as an amendment).
      const cleared = await this.criteria.clearRedefinedPoints(m, updated, redefinedCodes(leavesBefore, await this.criteria.leaves(m, set.id)));
      const after = await this.view(m, updated);
      await this.audit.record(m, { action: 'criteria.update', entityType: 'criteria_set', entityId: set.id, before, after: { ...after, ...(cleared.length ? { draftPointsCleared: cleared } : {}) }, reason: dto.reason, organizerId: cluster.organizerId, clusterId });
      return after;
    });
  }

  /** After signing: a new version, locked like the one it amends, with its reason. */
  amend(p: Principal, clusterId: string, year: number, dto: AmendCriteriaDto): Promise<CriteriaSetView> {
    return this.uow.write(async (m) => {
      const cluster = await this.access.require(m, p, Permission.YearManage, clusterId, year);
      const current = await this.requireCurrent(m, clusterId, year);
      if (!current.lockedAt) {
        throw AppException.field(ErrorCode.PledgeState, 'versionNo', 'Bộ tiêu chí chưa khóa: hãy chỉnh sửa trực tiếp thay vì lập bản sửa đổi.');
      }
      // Amending the version read, not one amended meanwhile (two amendments at once: the second answers 409).
      const stale = (v: number) => new AppException(ErrorCode.VersionConflict, undefined, [{ field: 'versionNo', code: 'stale', message: `Phiên bản hiện hành của bộ tiêu chí là ${v}.` }]);
      requireVersion(current.versionNo, dto.versionNo, stale);
      await refuseAmendmentWhenScored(m, clusterId, year, current.versionNo);
      const items = checkedTree(dto.items, dto.totalPoints);
      const now = nowIso();
      const set: CriteriaSet = {
        ...current,
        id: randomUUID(),
        versionNo: current.versionNo + 1,
        title: dto.title?.trim() ?? current.title,
        totalPoints: toHundredths(dto.totalPoints),
        origin: `AMENDMENT:${current.versionNo}`,
        amendmentReason: dto.reason,
        lockedAt: now,
        version: 1,
        createdAt: now,
        updatedAt: now,
      };
      // PostgreSQL: another amendment of the same version committed meanwhile holds its number.
      await this.criteria.insert(m, set, items).catch((e: unknown) => {
        throw mapDatabaseError(e)?.code === ErrorCode.Duplicate ? stale(set.versionNo) : e;
      });
      await this.criteria.copyTargets(m, current.id, set.id);
      const cleared = await this.criteria.moveDraftSheets(m, clusterId, year, set.id, redefinedCodes(await this.criteria.leaves(m, current.id), await this.criteria.leaves(m, set.id)));
      // Targets are given before the set locks: a quantitative criterion the amendment adds would have none, for good.
      const missing = (await this.targets.view(m, set)).missing;
      if (missing.length) {
        throw AppException.field(ErrorCode.CriteriaInvalid, 'items', `Bản sửa đổi có tiêu chí định lượng chưa được giao chỉ tiêu (bộ tiêu chí đã khóa nên không giao thêm được): ${missing.slice(0, 5).join('; ')}${missing.length > 5 ? `; và ${missing.length - 5} chỉ tiêu khác` : ''}.`);
      }
      const view = await this.view(m, set);
      await this.audit.record(m, { action: 'criteria.amend', entityType: 'criteria_set', entityId: set.id, before: { versionNo: current.versionNo }, after: { ...view, ...(cleared.length ? { draftPointsCleared: cleared } : {}) }, reason: dto.reason, organizerId: cluster.organizerId, clusterId });
      return view;
    });
  }

  async exportXlsx(p: Principal, clusterId: string, year: number): Promise<{ fileName: string; content: Buffer }> {
    const { view, cluster, heading } = await this.uow.read(async (m) => {
      const c = await this.access.require(m, p, Permission.ClusterRead, clusterId);
      return { cluster: c, heading: await clusterHeadingOf(m, clusterId), view: await this.view(m, await this.requireCurrent(m, clusterId, year)) };
    });
    const rows = flattenViews(view.items);
    const content = await tableWorkbook(
      'Bộ tiêu chí',
      `${view.title.toLocaleUpperCase('vi')} (PHIÊN BẢN ${view.versionNo})`,
      [
        { header: 'Mã', width: 10, value: (r: (typeof rows)[number]) => r.code },
        { header: 'Nội dung tiêu chí', width: 80, value: (r) => `${'    '.repeat(r.depth - 1)}${r.text}` },
        { header: 'Loại', width: 20, value: (r) => r.kindLabel },
        { header: 'Điểm tối đa', width: 12, value: (r) => r.maxPoints },
        { header: 'Yêu cầu minh chứng', width: 14, value: (r) => (r.evidenceRequired ? 'Có' : 'Không') },
        { header: 'Hướng dẫn chấm', width: 50, value: (r) => r.guidance ?? '' },
      ],
      rows,
      heading,
    );
    return { fileName: `Bo-tieu-chi-${year}-${cluster.documentCode}.xlsx`, content };
  }

  private async requireCurrent(m: EntityManager, clusterId: string, year: number): Promise<CriteriaSet> {
    const set = await this.criteria.latest(m, clusterId, year);
    if (!set) throw AppException.notFound(`bộ tiêu chí năm ${year} của cụm này`, 'year');
    return set;
  }

  /**
   * What the pledge checks and does before its criteria change (an open pledge's signatures are withdrawn, once
   * confirmed). Looked up at first use, in the whole application: the pledges module, which builds on this one,
   * provides it.
   */
  private changeHook(): CriteriaChangeHook {
    return (this.hook ??= this.moduleRef.get<CriteriaChangeHook>(CRITERIA_CHANGE_HOOK, { strict: false }));
  }

  private async tree(m: EntityManager, setId: string): Promise<CriterionNode[]> {
    return viewTree(await this.criteria.criteria(m, setId)).map(function toNode(v: CriterionView): CriterionNode {
      return { code: v.code, text: v.text, guidance: v.guidance, maxPoints: toHundredths(v.maxPoints), kind: v.kind, evidenceRequired: v.evidenceRequired, rule: ruleOfView(v), children: v.children.map(toNode) };
    });
  }

  async view(m: EntityManager, set: CriteriaSet): Promise<CriteriaSetView> {
    return {
      id: set.id,
      clusterId: set.clusterId,
      year: set.year,
      versionNo: set.versionNo,
      title: set.title,
      totalPoints: set.totalPoints / 100,
      origin: set.origin,
      amendmentReason: set.amendmentReason,
      locked: !!set.lockedAt,
      lockedAt: set.lockedAt,
      version: set.version,
      items: viewTree(await this.criteria.criteria(m, set.id)),
    };
  }
}
