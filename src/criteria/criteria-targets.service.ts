import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { refuseWhenScored } from './criteria-in-use';
import { CRITERIA_CHANGE_HOOK, CriteriaChangeHook } from './criteria-change.hook';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service';
import { Permission } from '../access/access.policy';
import { AuditService } from '../audit/audit.service';
import { MembershipsRepository } from '../clusters/memberships.repository';
import type { Principal } from '../common/auth/principal';
import { AppException, ErrorDetail } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-codes';
import { nowIso } from '../common/time';
import { UnitOfWork, requireVersion, updateVersioned } from '../database/unit-of-work';
import { CriteriaSet } from './criteria-set.entity';
import { CriteriaTargetsView, ReplaceTargetsDto } from './criteria-targets.dto';
import { CriteriaRepository } from './criteria.repository';
import { toHundredths } from './criteria-tree';
import { CriterionTarget } from './criterion.entity';

/**
 * Each unit's target per quantitative criterion (chỉ tiêu giao), and criteria not applicable to a unit with the
 * reason: set while the pledge is drafted, locked with it (the set's lock), copied into an amendment.
 */
@Injectable()
export class CriteriaTargetsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly criteria: CriteriaRepository,
    private readonly memberships: MembershipsRepository,
    private readonly moduleRef: ModuleRef,
  ) {}

  private hook?: CriteriaChangeHook;

  /** The pledge's check before its signed content changes (an open pledge's signatures withdrawn once confirmed). */
  private changeHook(): CriteriaChangeHook {
    return (this.hook ??= this.moduleRef.get<CriteriaChangeHook>(CRITERIA_CHANGE_HOOK, { strict: false }));
  }

  get(p: Principal, clusterId: string, year: number): Promise<CriteriaTargetsView> {
    return this.uow.read(async (m) => {
      await this.access.require(m, p, Permission.ClusterRead, clusterId);
      return this.view(m, await this.requireSet(m, clusterId, year));
    });
  }

  replace(p: Principal, clusterId: string, year: number, dto: ReplaceTargetsDto): Promise<CriteriaTargetsView> {
    return this.uow.write(async (m) => {
      const cluster = await this.access.require(m, p, Permission.YearManage, clusterId, year);
      const set = await this.requireSet(m, clusterId, year);
      if (set.lockedAt) throw new AppException(ErrorCode.CriteriaLocked, 'Chỉ tiêu đã khóa cùng bản giao ước; hãy lập bản sửa đổi bộ tiêu chí.');
      // Two secretaries editing at once: the later one is told (409), not silently overwritten (security review).
      requireVersion(set.version, dto.version);
      await refuseWhenScored(m, set.id);
      await this.changeHook().beforeChange(m, set.id, dto.confirmResetSignatures === true, dto.reason ?? 'Sửa chỉ tiêu giao cho đơn vị.');
      const before = await this.view(m, set);
      const leaves = new Map((await this.criteria.leaves(m, set.id)).map((l) => [l.code, l]));
      const members = new Set((await this.memberships.members(m, clusterId, year)).map((u) => u.id));
      const problems: ErrorDetail[] = [];
      const seen = new Set<string>();
      const rows: CriterionTarget[] = [];
      const now = nowIso();
      dto.targets.forEach((t, i) => {
        const leaf = leaves.get(t.criterionCode);
        const key = `${t.criterionCode}|${t.unitId}`;
        const reason = t.notApplicableReason?.trim() || null;
        if (!leaf) problems.push({ field: `targets.${i}.criterionCode`, code: 'unknownCriterion', message: `Tiêu chí "${t.criterionCode}" không có trong bộ tiêu chí.` });
        else if (!members.has(t.unitId)) problems.push({ field: `targets.${i}.unitId`, code: 'notMember', message: `Đơn vị không là thành viên của cụm năm ${year}.` });
        else if (seen.has(key)) problems.push({ field: `targets.${i}.criterionCode`, code: 'duplicate', message: `Chỉ tiêu ${t.criterionCode} của đơn vị được nhập hai lần.` });
        else if (t.target != null && leaf.rule.measure !== 'QUANTITATIVE') {
          problems.push({ field: `targets.${i}.target`, code: 'notQuantitative', message: `Tiêu chí ${t.criterionCode} không phải tiêu chí định lượng: không giao chỉ tiêu.` });
        } else if (t.target != null || reason) {
          rows.push({ id: randomUUID(), setId: set.id, criterionCode: t.criterionCode, unitId: t.unitId, target: t.target == null ? null : toHundredths(t.target), notApplicableReason: reason, updatedAt: now });
        }
        seen.add(key);
      });
      if (problems.length) throw new AppException(ErrorCode.ValidationFailed, problems[0].message, problems);
      await this.criteria.replaceTargets(m, set, rows);
      const after = await this.view(m, await updateVersioned(m, CriteriaSet, set, dto.version, { updatedAt: now }, 'bộ chỉ tiêu'));
      await this.audit.record(m, { action: 'criteria.targets', entityType: 'criteria_set', entityId: set.id, before: before.targets, after: after.targets, reason: dto.reason, organizerId: cluster.organizerId, clusterId });
      return after;
    });
  }

  async view(m: EntityManager, set: CriteriaSet): Promise<CriteriaTargetsView> {
    const leaves = await this.criteria.leaves(m, set.id);
    const units = await this.memberships.members(m, set.clusterId, set.year);
    const codes = new Set(leaves.map((l) => l.code));
    const targets = (await this.criteria.targets(m, set.id)).filter((t) => codes.has(t.criterionCode));
    const byKey = new Map(targets.map((t) => [`${t.criterionCode}|${t.unitId}`, t]));
    const needsTarget = (l: (typeof leaves)[number]) => l.rule.measure === 'QUANTITATIVE' && l.rule.formula !== 'BANDED';
    const missing = leaves
      .filter(needsTarget)
      .flatMap((l) => units.filter((u) => { const t = byKey.get(`${l.code}|${u.id}`); return !t || (t.target == null && !t.notApplicableReason); }).map((u) => `${l.code} — ${u.name}`));
    return {
      setId: set.id,
      versionNo: set.versionNo,
      version: set.version,
      locked: !!set.lockedAt,
      criteria: leaves.map((l) => ({ code: l.code, text: l.text, measure: l.rule.measure, formula: l.rule.formula, factUnit: l.rule.factUnit, needsTarget: needsTarget(l) })),
      units: units.map((u) => ({ unitId: u.id, name: u.name })),
      targets: targets.map((t) => ({ criterionCode: t.criterionCode, unitId: t.unitId, target: t.target == null ? null : t.target / 100, notApplicableReason: t.notApplicableReason })),
      missing,
    };
  }

  private async requireSet(m: EntityManager, clusterId: string, year: number): Promise<CriteriaSet> {
    const set = await this.criteria.latest(m, clusterId, year);
    if (!set) throw AppException.notFound(`bộ tiêu chí năm ${year} của cụm này`, 'year');
    return set;
  }
}
