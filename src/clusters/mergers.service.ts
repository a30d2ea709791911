import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-codes';
import { randomUUID } from 'node:crypto';
import { IsNull } from 'typeorm';
import { addDays, formatDateVi, nowIso } from '../common/time';
import { ClusterYearRevisions } from '../database/cluster-year-revisions';
import { UnitOfWork, requireVersion } from '../database/unit-of-work';
import { Unit } from '../units/unit.entity';
import { UnitsRepository } from '../units/units.repository';
import { isActiveAtYearEnd } from '../units/units.rules';
import { unitView } from '../units/units.service';
import { MergeResultView, MergeUnitDto } from './clusters.dto';
import { Membership } from './membership.entity';

/**
 * Sáp nhập đơn vị, also in the middle of a year: the unit ends the day before, its successor takes it over, and in
 * every year the unit no longer reaches the end of, its place in its cluster passes to the successor (or, where the
 * successor already has one, ends). Earlier years keep the unit under the name it had: its memberships, scores,
 * signatures and awards stay its own and are read through the successor.
 */
@Injectable()
export class MergersService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly units: UnitsRepository,
    private readonly revisions: ClusterYearRevisions,
  ) {}

  merge(unitId: string, dto: MergeUnitDto): Promise<MergeResultView> {
    return this.uow.write(async (m) => {
      const unit = await this.units.find(m, unitId);
      if (!unit) throw AppException.notFound('đơn vị');
      requireVersion(unit.version, dto.version);
      const successor = await this.units.find(m, dto.successorId);
      const problem = (field: string, message: string) => AppException.field(ErrorCode.InvalidSuccessor, field, message);
      if (!successor || successor.kind !== unit.kind) throw problem('successorId', 'Không tìm thấy đơn vị kế thừa cùng loại.');
      if (successor.id === unit.id) throw problem('successorId', 'Một đơn vị không thể là đơn vị kế thừa của chính nó.');
      if ((await this.units.successorChain(m, successor.id)).some((u) => u.id === unit.id)) throw problem('successorId', 'Chuỗi kế thừa tạo thành vòng lặp.');
      if (unit.successorId) throw problem('successorId', `${unit.shortName} đã được sáp nhập trước đó.`);
      const endsOn = addDays(dto.effectiveOn, -1);
      if (unit.activeFrom && endsOn < unit.activeFrom) throw problem('effectiveOn', 'Ngày sáp nhập phải sau ngày đơn vị bắt đầu hoạt động.');
      if (successor.activeTo && successor.activeTo < dto.effectiveOn) throw problem('successorId', `${successor.shortName} không còn hoạt động vào ngày sáp nhập.`);
      if (successor.activeFrom && successor.activeFrom > dto.effectiveOn) throw problem('successorId', `${successor.shortName} chưa hoạt động vào ngày sáp nhập.`);

      const changes: Partial<Unit> = { activeTo: endsOn, successorId: successor.id, successionBasis: dto.basis.trim(), note: dto.note?.trim() || unit.note, updatedAt: nowIso() };
      const updated = await this.units.update(m, unit, dto.version, changes);
      const transferredYears: number[] = [];
      const closedYears: number[] = [];
      const why = `Sáp nhập ${unit.shortName} vào ${successor.shortName} từ ${formatDateVi(dto.effectiveOn)}: ${dto.reason}`;
      for (const ms of await m.find(Membership, { where: { unitId: unit.id, leftOn: IsNull() } })) {
        if (isActiveAtYearEnd(updated, ms.year)) continue;
        // The unit's record of the year stays (it was a member until it merged); the successor takes its place.
        await m.update(Membership, { id: ms.id }, { leftOn: endsOn, version: ms.version + 1 });
        await this.audit.record(m, { action: 'membership.leave', entityType: 'membership', entityId: ms.id, before: { leftOn: null }, after: { leftOn: endsOn }, reason: why, organizerId: ms.organizerId, clusterId: ms.clusterId });
        const taken = await m.findOne(Membership, { where: { organizerId: ms.organizerId, unitId: successor.id, year: ms.year } });
        if (taken) {
          closedYears.push(ms.year);
        } else {
          const place: Membership = { id: randomUUID(), clusterId: ms.clusterId, unitId: successor.id, organizerId: ms.organizerId, year: ms.year, decisionId: ms.decisionId, leftOn: null, version: 1, createdAt: nowIso() };
          await m.insert(Membership, place);
          await this.audit.record(m, { action: 'membership.transfer', entityType: 'membership', entityId: place.id, after: { clusterId: ms.clusterId, unitId: successor.id, year: ms.year, from: unit.id }, reason: why, organizerId: ms.organizerId, clusterId: ms.clusterId });
          transferredYears.push(ms.year);
        }
        await this.revisions.bump(m, ms.clusterId, ms.year);
      }
      const after = unitView(updated);
      await this.audit.record(m, { action: 'unit.merge', entityType: 'unit', entityId: unit.id, before: unitView(unit), after: { ...after, transferredYears, closedYears }, reason: dto.reason });
      return { unit: after, transferredYears: transferredYears.sort(), closedYears: closedYears.sort() };
    });
  }
}
