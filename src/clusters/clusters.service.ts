import { Injectable } from '@nestjs/common';
import { UnitsRepository } from '../units/units.repository';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service';
import { Permission } from '../access/access.policy';
import type { Principal } from '../common/auth/principal';
import { Role } from '../common/auth/roles';
import { AuditService } from '../audit/audit.service';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-codes';
import { formatDateVi, nowIso, todayInVietnam } from '../common/time';
import { UnitOfWork } from '../database/unit-of-work';
import { Unit } from '../units/unit.entity';
import { ClusterDecision } from './cluster-decision.entity';
import { Cluster } from './cluster.entity';
import {
  ClusterQueryDto,
  ClusterView,
  CreateClusterDto,
  CreateDecisionDto,
  DecisionQueryDto,
  DecisionView,
  UpdateClusterDto,
} from './clusters.dto';
import { ClustersRepository } from './clusters.repository';

/** Cụm thi đua and the organiser's cluster-division decisions. */
@Injectable()
export class ClustersService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly clusters: ClustersRepository,
    private readonly units: UnitsRepository,
  ) {}

  list(p: Principal, query: ClusterQueryDto): Promise<ClusterView[]> {
    return this.uow.read(async (m) => {
      return this.views(m, await this.clusters.list(m, p, query.organizerId));
    });
  }

  get(p: Principal, id: string): Promise<ClusterView> {
    return this.uow.read(async (m) => (await this.views(m, [await this.access.require(m, p, Permission.ClusterRead, id)]))[0]);
  }

  create(p: Principal, dto: CreateClusterDto): Promise<ClusterView> {
    return this.uow.write(async (m) => {
      const organizer = await this.requireOrganizer(m, p, dto.organizerId);
      await this.requireActive(m, organizer, todayInVietnam(), 'organizerId');
      await this.ensureNumberFree(m, dto.organizerId, dto.number);
      if (dto.predecessorId) await this.requirePredecessor(m, organizer, dto.predecessorId);
      const now = nowIso();
      const cluster: Cluster = {
        id: randomUUID(),
        organizerId: dto.organizerId,
        number: dto.number,
        name: dto.name.trim(),
        documentCode: dto.documentCode,
        predecessorId: dto.predecessorId ?? null,
        version: 1,
        createdAt: now,
        updatedAt: now,
      };
      await this.clusters.insert(m, cluster);
      const [view] = await this.views(m, [cluster]);
      await this.audit.record(m, {
        action: 'cluster.create',
        entityType: 'cluster',
        entityId: cluster.id,
        after: view,
        reason: dto.reason,
        organizerId: cluster.organizerId,
        clusterId: cluster.id,
      });
      return view;
    });
  }

  update(p: Principal, id: string, dto: UpdateClusterDto): Promise<ClusterView> {
    return this.uow.write(async (m) => {
      const current = await this.access.require(m, p, Permission.ClusterOrganize, id);
      if (dto.number !== undefined && dto.number !== current.number) await this.ensureNumberFree(m, current.organizerId, dto.number);
      const updated = await this.clusters.update(m, current, dto.version, {
        number: dto.number ?? current.number,
        name: dto.name?.trim() ?? current.name,
        documentCode: dto.documentCode ?? current.documentCode,
        updatedAt: nowIso(),
      });
      const [before, after] = await this.views(m, [current, updated]);
      await this.audit.record(m, {
        action: 'cluster.update',
        entityType: 'cluster',
        entityId: id,
        before,
        after,
        reason: dto.reason,
        organizerId: current.organizerId,
        clusterId: id,
      });
      return after;
    });
  }

  listDecisions(p: Principal, query: DecisionQueryDto): Promise<DecisionView[]> {
    return this.uow.read(async (m) => {
      const scopeOrganizerIds = p.role !== Role.Admin ? (p.organizerIds.length ? p.organizerIds : ['']) : undefined;
      return (await this.clusters.decisions(m, { scopeOrganizerIds, organizerId: query.organizerId })).map(decisionView);
    });
  }

  createDecision(p: Principal, dto: CreateDecisionDto): Promise<DecisionView> {
    return this.uow.write(async (m) => {
      const organizer = await this.requireOrganizer(m, p, dto.organizerId);
      await this.requireActive(m, organizer, dto.signedOn, 'signedOn');
      if (Number(dto.signedOn.slice(0, 4)) > dto.effectiveYear) {
        throw AppException.field(ErrorCode.BusinessRule, 'effectiveYear', 'Năm hiệu lực không được trước năm ký quyết định.');
      }
      if (await this.clusters.decisionNumberTaken(m, dto.organizerId, dto.number)) {
        throw AppException.field(ErrorCode.Duplicate, 'number', `Quyết định số ${dto.number} đã được ghi nhận.`);
      }
      const decision: ClusterDecision = {
        id: randomUUID(),
        organizerId: dto.organizerId,
        number: dto.number.trim(),
        signedOn: dto.signedOn,
        effectiveYear: dto.effectiveYear,
        summary: dto.summary?.trim() ?? null,
        createdAt: nowIso(),
      };
      await this.clusters.insertDecision(m, decision);
      const view = decisionView(decision);
      await this.audit.record(m, {
        action: 'cluster_decision.create',
        entityType: 'cluster_decision',
        entityId: decision.id,
        after: view,
        reason: dto.reason,
        organizerId: dto.organizerId,
      });
      return view;
    });
  }

  /** The organiser must exist and the caller must act for it. */
  private async requireOrganizer(m: EntityManager, p: Principal, organizerId: string): Promise<Unit> {
    const organizer = await this.units.find(m, organizerId);
    if (!organizer || organizer.kind !== 'ORGANIZER') {
      throw AppException.field(ErrorCode.InvalidReference, 'organizerId', 'Không tìm thấy cơ quan tổ chức cụm này.');
    }
    if (!this.access.actsFor(p, organizerId)) throw AppException.forbidden('Bạn không thuộc cơ quan tổ chức cụm này.');
    return organizer;
  }

  /** An organiser acts only while it exists: after it ended, its successor does. */
  private async requireActive(m: EntityManager, organizer: Unit, on: string, field: string): Promise<void> {
    if (organizer.activeTo && on > organizer.activeTo) {
      const now = await this.units.successorNow(m, organizer.id, on);
      throw AppException.field(ErrorCode.UnitInactive, field, `${organizer.shortName} đã kết thúc hoạt động ngày ${formatDateVi(organizer.activeTo)}${now ? `, nay là ${now.name}: việc này do cơ quan kế thừa thực hiện` : ''}.`);
    }
    if (organizer.activeFrom && on < organizer.activeFrom) {
      throw AppException.field(ErrorCode.UnitInactive, field, `${organizer.shortName} bắt đầu hoạt động ngày ${formatDateVi(organizer.activeFrom)}.`);
    }
  }

  /** A predecessor cluster belongs to an organiser this one succeeded (by the successor chain). */
  private async requirePredecessor(m: EntityManager, organizer: Unit, predecessorId: string): Promise<void> {
    const predecessor = await this.clusters.find(m, predecessorId);
    const predecessors = await this.units.predecessorIds(m, organizer.id);
    if (!predecessor || !predecessors.includes(predecessor.organizerId)) {
      throw AppException.field(ErrorCode.InvalidReference, 'predecessorId', `Cụm tiền thân phải là một cụm của cơ quan mà ${organizer.shortName} kế thừa.`);
    }
    const taken = await m.findOne(Cluster, { where: { predecessorId } });
    if (taken) throw AppException.field(ErrorCode.Duplicate, 'predecessorId', `${predecessor.name} đã được ${taken.name} tiếp nối.`);
  }

  private async ensureNumberFree(m: EntityManager, organizerId: string, number: number): Promise<void> {
    if (await this.clusters.numberTaken(m, organizerId, number)) {
      throw AppException.field(ErrorCode.Duplicate, 'number', `Cơ quan tổ chức đã có cụm thi đua số ${number}.`);
    }
  }

  private async views(m: EntityManager, clusters: Cluster[]): Promise<ClusterView[]> {
    const names = new Map<string, string>();
    for (const c of clusters) {
      if (!names.has(c.organizerId)) {
        names.set(c.organizerId, (await this.units.nameOf(m, c.organizerId)) ?? '');
      }
    }
    return clusters.map((c) => ({
      id: c.id,
      organizerId: c.organizerId,
      organizerName: names.get(c.organizerId) ?? '',
      number: c.number,
      name: c.name,
      documentCode: c.documentCode,
      predecessorId: c.predecessorId,
      version: c.version,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
    }));
  }
}

export function decisionView(d: ClusterDecision): DecisionView {
  return {
    id: d.id,
    organizerId: d.organizerId,
    number: d.number,
    signedOn: d.signedOn,
    effectiveYear: d.effectiveYear,
    summary: d.summary,
    createdAt: d.createdAt,
  };
}
