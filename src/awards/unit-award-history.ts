import { Injectable } from '@nestjs/common';
import { AccessService } from '../access/access.service';
import type { Principal } from '../common/auth/principal';
import { AppException } from '../common/errors/app.exception';
import { ClustersRepository } from '../clusters/clusters.repository';
import { UnitOfWork } from '../database/unit-of-work';
import { UnitsRepository } from '../units/units.repository';
import { AwardsRepository } from './awards.repository';
import { ProposalsRepository } from './proposals.repository';

/** A unit's award history (Lịch sử khen thưởng): the decisions recorded when Bộ approved its proposals. */
@Injectable()
export class UnitAwardHistory {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AccessService,
    private readonly repo: ProposalsRepository,
    private readonly awards: AwardsRepository,
    private readonly clusters: ClustersRepository,
    private readonly units: UnitsRepository,
  ) {}

  /** The history of a unit the caller may see, with that of the units it succeeded. */
  of(p: Principal, unitId: string) {
    return this.uow.read(async (m) => {
      if (!(await this.units.findVisible(m, (qb, alias) => this.access.scopeUnits(qb, alias, p), unitId))) throw AppException.notFound('đơn vị');
      // The unit's own awards and those of the units it succeeded (a merger does not erase a predecessor's record).
      const ids = [unitId, ...(await this.units.predecessorIds(m, unitId))];
      const rows = await this.repo.historyOfUnits(m, ids);
      const labels = await this.awards.labels(m);
      const units = await this.units.byIds(m, rows.map((h) => h.unitId));
      const clusters = new Map((await this.clusters.byIds(m, [...new Set(rows.map((h) => h.clusterId))])).map((c) => [c.id, c]));
      return rows.map((h) => ({
        year: h.year,
        award: h.awardCode,
        awardLabel: labels[h.awardCode],
        decisionNumber: h.decisionNumber,
        decisionDate: h.decisionDate,
        clusterId: h.clusterId,
        clusterName: clusters.get(h.clusterId)?.name ?? '',
        unitId: h.unitId,
        unitName: units.get(h.unitId)?.name ?? '',
        predecessor: h.unitId !== unitId,
      }));
    });
  }
}
