import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import type { Principal } from '../common/auth/principal';
import { AuditService } from '../audit/audit.service';
import { AppException, ErrorDetail } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-codes';
import { searchKey } from '../common/text';
import { addDays, formatDateVi, nowIso } from '../common/time';
import { UnitOfWork } from '../database/unit-of-work';
import { UnitScope, UnitsRepository, searchWords } from './units.repository';
import { AccessService } from '../access/access.service';
import { Unit } from './unit.entity';
import { CreateUnitDto, UnitPage, UnitQueryDto, UnitView, UpdateUnitDto } from './units.dto';
import { fromHundredths, lifespanProblems, successorProblems, toHundredths } from './units.rules';

export function unitView(u: Unit): UnitView {
  return {
    id: u.id,
    code: u.code,
    kind: u.kind,
    name: u.name,
    shortName: u.shortName,
    province: u.province,
    parentId: u.parentId,
    activeFrom: u.activeFrom,
    activeTo: u.activeTo,
    successorId: u.successorId,
    successionBasis: u.successionBasis,
    note: u.note,
    womenShare: fromHundredths(u.womenShareHundredths),
    version: u.version,
    createdAt: u.createdAt,
    updatedAt: u.updatedAt,
  };
}

/** The folded name comes first, so ordering by this key approximates Vietnamese alphabetical order. */
export const unitSearchKey = (u: Pick<Unit, 'code' | 'name' | 'shortName' | 'province'>) =>
  searchKey(u.name, u.shortName, u.code, u.province);

/** Đơn vị: the directory of organisers and member units. */
@Injectable()
export class UnitsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly units: UnitsRepository,
    private readonly access: AccessService,
  ) {}

  /** The caller's view of the unit directory, for the repository's queries. */
  private scope(p: Principal): UnitScope {
    return (qb, alias) => this.access.scopeUnits(qb, alias, p);
  }

  list(p: Principal, query: UnitQueryDto): Promise<UnitPage> {
    const limit = query.limit ?? 100;
    const offset = query.offset ?? 0;
    return this.uow.read(async (m) => {
      const words = query.q ? searchWords(query.q) : [];
      // A text with nothing searchable in it finds nothing.
      const [units, total] = await this.units.search(m, this.scope(p), { kind: query.kind, activeInYear: query.activeInYear, words, nothingSearchable: query.q !== undefined && words.length === 0, limit, offset });
      return { items: units.map(unitView), total, limit, offset };
    });
  }

  get(p: Principal, id: string): Promise<UnitView> {
    return this.uow.read(async (m) => unitView(await this.findVisible(m, p, id)));
  }

  create(dto: CreateUnitDto): Promise<UnitView> {
    return this.uow.write(async (m) => {
      if (await this.units.codeTaken(m, dto.code)) {
        throw AppException.field(ErrorCode.Duplicate, 'code', `Mã đơn vị "${dto.code}" đã tồn tại.`);
      }
      const id = randomUUID();
      const now = nowIso();
      const unit: Unit = {
        id,
        code: dto.code,
        kind: dto.kind,
        name: dto.name.trim(),
        shortName: dto.shortName.trim(),
        province: dto.province?.trim() ?? null,
        parentId: dto.parentId ?? null,
        activeFrom: dto.activeFrom ?? null,
        activeTo: dto.activeTo ?? null,
        successorId: dto.successorId ?? null,
        successionBasis: dto.successionBasis?.trim() || null,
        note: dto.note?.trim() || null,
        womenShareHundredths: dto.womenShare == null ? null : toHundredths(dto.womenShare),
        searchKey: '',
        version: 1,
        createdAt: now,
        updatedAt: now,
      };
      unit.searchKey = unitSearchKey(unit);
      await this.checkUnit(m, unit);
      await this.units.insert(m, unit);
      const view = unitView(unit);
      await this.audit.record(m, { action: 'unit.create', entityType: 'unit', entityId: id, after: view, reason: dto.reason });
      return view;
    });
  }

  update(id: string, dto: UpdateUnitDto): Promise<UnitView> {
    return this.uow.write(async (m) => {
      const current = await this.units.find(m, id);
      if (!current) throw AppException.notFound('đơn vị');
      const next: Unit = {
        ...current,
        name: dto.name?.trim() ?? current.name,
        shortName: dto.shortName?.trim() ?? current.shortName,
        province: dto.province !== undefined ? (dto.province?.trim() ?? null) : current.province,
        parentId: dto.parentId !== undefined ? dto.parentId : current.parentId,
        activeFrom: dto.activeFrom !== undefined ? dto.activeFrom : current.activeFrom,
        activeTo: dto.activeTo !== undefined ? dto.activeTo : current.activeTo,
        successorId: dto.successorId !== undefined ? dto.successorId : current.successorId,
        successionBasis: dto.successionBasis !== undefined ? dto.successionBasis?.trim() || null : current.successionBasis,
        note: dto.note !== undefined ? dto.note?.trim() || null : current.note,
        womenShareHundredths:
          dto.womenShare !== undefined ? (dto.womenShare === null ? null : toHundredths(dto.womenShare)) : current.womenShareHundredths,
        updatedAt: nowIso(),
      };
      next.searchKey = unitSearchKey(next);
      // An old record keeps its succession as it stands unless this edit changes it (its successor or its end).
      await this.checkUnit(m, next, next.successorId !== current.successorId || next.activeTo !== current.activeTo);
      const { id: _id, version: _v, createdAt: _c, parent: _p, successor: _s, ...changes } = next;
      const updated = await this.units.update(m, current, dto.version, changes);
      const after = unitView(updated);
      await this.audit.record(m, {
        action: 'unit.update',
        entityType: 'unit',
        entityId: id,
        before: unitView(current),
        after,
        reason: dto.reason,
      });
      return after;
    });
  }

  /** A unit the caller may see, else 404 (existence outside the scope is not revealed). */
  async findVisible(m: EntityManager, p: Principal, id: string): Promise<Unit> {
    const unit = await this.units.findVisible(m, this.scope(p), id);
    if (!unit) throw AppException.notFound('đơn vị');
    return unit;
  }

  private async checkUnit(m: EntityManager, unit: Unit, successionChanged = true): Promise<void> {
    const problems: ErrorDetail[] = [...lifespanProblems(unit)];
    if (unit.parentId) {
      if (unit.parentId === unit.id) {
        problems.push({ field: 'parentId', code: 'invalid', message: 'Một đơn vị không thể là đơn vị cấp trên của chính nó.' });
      } else if (!(await this.units.find(m, unit.parentId))) {
        problems.push({ field: 'parentId', code: 'invalid', message: 'Không tìm thấy đơn vị cấp trên.' });
      }
    }
    if (unit.successorId) {
      const successor = await this.units.find(m, unit.successorId);
      if (!successor) {
        problems.push({ field: 'successorId', code: 'invalid', message: 'Không tìm thấy đơn vị kế thừa.' });
      } else {
        const chain = await this.successorChain(m, successor);
        const found = successorProblems(unit.id, unit, chain);
        if (found.length) throw new AppException(ErrorCode.InvalidSuccessor, found[0].message, found);
        // As a merger (MergersService): a unit of the same kind, active the day after this one ends.
        const from = successionChanged && unit.activeTo ? addDays(unit.activeTo, 1) : null;
        if (successionChanged && successor.kind !== unit.kind) throw AppException.field(ErrorCode.InvalidSuccessor, 'successorId', 'Đơn vị kế thừa phải cùng loại với đơn vị này.');
        if (from && ((successor.activeTo && successor.activeTo < from) || (successor.activeFrom && successor.activeFrom > from))) {
          throw AppException.field(ErrorCode.InvalidSuccessor, 'successorId', `${successor.shortName} không hoạt động vào ngày ${formatDateVi(from)}, ngày liền sau ngày đơn vị này kết thúc hoạt động.`);
        }
      }
    }
    if (problems.length) throw new AppException(ErrorCode.InvalidReference, problems[0].message, problems);
  }

  /** Ids reachable by following successors, starting with `from` itself (bounded). */
  private async successorChain(m: EntityManager, from: Unit): Promise<string[]> {
    const chain = [from.id];
    let next = from.successorId;
    while (next && chain.length < 100 && !chain.includes(next)) {
      chain.push(next);
      const unit = await this.units.find(m, next);
      next = unit?.successorId ?? null;
    }
    return chain;
  }
}
