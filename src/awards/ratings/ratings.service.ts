import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AccessService } from '../../access/access.service';
import { AuditService } from '../../audit/audit.service';
import type { Principal } from '../../common/auth/principal';
import { AppException } from '../../common/errors/app.exception';
import { ErrorCode } from '../../common/errors/error-codes';
import { nowIso } from '../../common/time';
import { UnitOfWork, requireVersion } from '../../database/unit-of-work';
import { UnitsRepository } from '../../units/units.repository';
import type { Unit } from '../../units/unit.entity';
import { CreateImpedimentDto, EndImpedimentDto, ImpedimentView, PutRatingDto, RatingView, UnitStandingView } from './ratings.dto';
import { AwardImpediment, COLLECTIVE_RATING_LABELS, CollectiveRating, IMPEDIMENT_LABELS } from './ratings.entities';
import { RatingsRepository } from './ratings.repository';
import { impedimentRefusal } from './ratings.rules';

const ratingView = (r: CollectiveRating): RatingView => ({ id: r.id, unitId: r.unitId, year: r.year, rating: r.rating, ratingLabel: COLLECTIVE_RATING_LABELS[r.rating], decidedBy: r.decidedBy, decisionNumber: r.decisionNumber, decisionDate: r.decisionDate, version: r.version });
const impedimentView = (x: AwardImpediment): ImpedimentView => ({ id: x.id, unitId: x.unitId, kind: x.kind, kindLabel: IMPEDIMENT_LABELS[x.kind], fromDate: x.fromDate, toDate: x.toDate, reference: x.reference, note: x.note, version: x.version });

/**
 * The legal rating of a collective per year (given by the competent authority's decision, recorded with it) and the
 * impediments that stop a unit from being proposed while they last; both read by the award rules.
 */
@Injectable()
export class RatingsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repo: RatingsRepository,
    private readonly units: UnitsRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  private async visible(m: EntityManager, p: Principal, unitId: string): Promise<Unit> {
    const unit = await this.units.findVisible(m, (qb, alias) => this.access.scopeUnits(qb, alias, p), unitId);
    if (!unit) throw AppException.notFound('đơn vị');
    return unit;
  }

  standing(p: Principal, unitId: string): Promise<UnitStandingView> {
    return this.uow.read(async (m) => {
      await this.visible(m, p, unitId);
      return { ratings: (await this.repo.ratingsOf(m, unitId)).map(ratingView), impediments: (await this.repo.impedimentsOf(m, unitId)).map(impedimentView) };
    });
  }

  putRating(p: Principal, unitId: string, year: number, dto: PutRatingDto): Promise<RatingView> {
    return this.uow.write(async (m) => {
      const unit = await this.visible(m, p, unitId);
      if (unit.kind !== 'MEMBER') throw AppException.field(ErrorCode.BusinessRule, 'unitId', 'Chỉ xếp loại đơn vị thành viên, không xếp loại cơ quan tổ chức.');
      if ((unit.activeFrom && unit.activeFrom > `${year}-12-31`) || (unit.activeTo && unit.activeTo < `${year}-01-01`)) {
        throw AppException.field(ErrorCode.BusinessRule, 'year', `Đơn vị không hoạt động trong năm ${year}.`);
      }
      if (Number(dto.decisionDate.slice(0, 4)) < year) throw AppException.field(ErrorCode.ValidationFailed, 'decisionDate', `Quyết định xếp loại năm ${year} không thể ban hành trước năm ${year}.`);
      const current = await this.repo.rating(m, unitId, year);
      const fields = { rating: dto.rating, decidedBy: dto.decidedBy.trim(), decisionNumber: dto.decisionNumber.trim(), decisionDate: dto.decisionDate };
      let row: CollectiveRating;
      if (current) {
        requireVersion(current.version, dto.version);
        row = await this.repo.updateRating(m, current, dto.version!, { ...fields, updatedAt: nowIso() });
      } else {
        const now = nowIso();
        row = { id: randomUUID(), unitId, year, ...fields, version: 1, createdAt: now, updatedAt: now };
        await this.repo.insertRating(m, row);
      }
      await this.audit.record(m, { action: current ? 'collective_rating.update' : 'collective_rating.create', entityType: 'collective_rating', entityId: row.id, before: current ?? null, after: row, reason: dto.reason, organizerId: p.organizerId });
      return ratingView(row);
    });
  }

  addImpediment(p: Principal, unitId: string, dto: CreateImpedimentDto): Promise<ImpedimentView> {
    return this.uow.write(async (m) => {
      await this.visible(m, p, unitId);
      if (dto.toDate && dto.toDate < dto.fromDate) throw AppException.field(ErrorCode.ValidationFailed, 'toDate', 'Ngày kết thúc không được trước ngày bắt đầu.');
      const now = nowIso();
      const row: AwardImpediment = { id: randomUUID(), unitId, kind: dto.kind, fromDate: dto.fromDate, toDate: dto.toDate ?? null, reference: dto.reference.trim(), note: dto.note?.trim() || null, version: 1, createdAt: now, updatedAt: now };
      await this.repo.insertImpediment(m, row);
      await this.audit.record(m, { action: 'award_impediment.create', entityType: 'award_impediment', entityId: row.id, after: row, reason: dto.reason, organizerId: p.organizerId });
      return impedimentView(row);
    });
  }

  endImpediment(p: Principal, id: string, dto: EndImpedimentDto): Promise<ImpedimentView> {
    return this.uow.write(async (m) => {
      const current = await this.repo.impediment(m, id);
      if (!current) throw AppException.notFound('trường hợp chưa xét khen thưởng');
      await this.visible(m, p, current.unitId);
      if (dto.toDate < current.fromDate) throw AppException.field(ErrorCode.ValidationFailed, 'toDate', 'Ngày kết thúc không được trước ngày bắt đầu.');
      const after = await this.repo.updateImpediment(m, current, dto.version, { toDate: dto.toDate, updatedAt: nowIso() });
      await this.audit.record(m, { action: 'award_impediment.end', entityType: 'award_impediment', entityId: id, before: current, after, reason: dto.reason, organizerId: p.organizerId });
      return impedimentView(after);
    });
  }

  /** The refusal for proposing a unit on a date, or null (inside the caller's transaction). */
  async refusalOn(m: EntityManager, unitId: string, date: string): Promise<string | null> {
    return impedimentRefusal(await this.repo.impedimentsOf(m, unitId), date);
  }

  /**
   * The units rated "hoàn thành xuất sắc nhiệm vụ" for the year and the year before. The year before follows a unit
   * into its successor: a unit formed or enlarged by a merger counts the rating of a unit it took over (assumption:
   * the texts read so far say nothing on how a merger carries ratings; the eligibility reason says which unit it was).
   */
  async excellent(m: EntityManager, unitIds: string[], year: number): Promise<{ thisYear: Set<string>; lastYear: Set<string> }> {
    const owners = new Map<string, string>();
    for (const id of unitIds) for (const pred of [id, ...(await this.units.predecessorIds(m, id))]) owners.set(pred, id);
    const lastYear = new Set([...(await this.repo.excellentIn(m, [...owners.keys()], year - 1))].map((id) => owners.get(id)!));
    return { thisYear: await this.repo.excellentIn(m, unitIds, year), lastYear };
  }
}
