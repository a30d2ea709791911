import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { updateVersioned } from '../../database/unit-of-work';
import { AwardImpediment, CollectiveRating } from './ratings.entities';

/** Legal ratings of collectives by year, and the impediments to proposing a unit. */
@Injectable()
export class RatingsRepository {
  ratingsOf(m: EntityManager, unitId: string): Promise<CollectiveRating[]> {
    return m.find(CollectiveRating, { where: { unitId }, order: { year: 'DESC' } });
  }

  rating(m: EntityManager, unitId: string, year: number): Promise<CollectiveRating | null> {
    return m.findOne(CollectiveRating, { where: { unitId, year } });
  }

  /** The units rated "hoàn thành xuất sắc nhiệm vụ" for a year, among these. */
  async excellentIn(m: EntityManager, unitIds: string[], year: number): Promise<Set<string>> {
    if (!unitIds.length) return new Set();
    const rows = await m.find(CollectiveRating, { where: { unitId: In(unitIds), year, rating: 'EXCELLENT' }, select: { unitId: true } });
    return new Set(rows.map((r) => r.unitId));
  }

  async insertRating(m: EntityManager, row: CollectiveRating): Promise<void> {
    await m.insert(CollectiveRating, row);
  }

  updateRating(m: EntityManager, current: CollectiveRating, version: number, changes: Partial<CollectiveRating>): Promise<CollectiveRating> {
    return updateVersioned(m, CollectiveRating, current, version, changes, 'xếp loại');
  }

  impedimentsOf(m: EntityManager, unitId: string): Promise<AwardImpediment[]> {
    return m.find(AwardImpediment, { where: { unitId }, order: { fromDate: 'DESC' } });
  }

  impediment(m: EntityManager, id: string): Promise<AwardImpediment | null> {
    return m.findOne(AwardImpediment, { where: { id } });
  }

  async insertImpediment(m: EntityManager, row: AwardImpediment): Promise<void> {
    await m.insert(AwardImpediment, row);
  }

  updateImpediment(m: EntityManager, current: AwardImpediment, version: number, changes: Partial<AwardImpediment>): Promise<AwardImpediment> {
    return updateVersioned(m, AwardImpediment, current, version, changes, 'trường hợp chưa xét khen thưởng');
  }
}
