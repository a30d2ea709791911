import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager, LessThanOrEqual, MoreThanOrEqual } from 'typeorm';
import { ReviewMeeting } from '../award.entities';
import { AwardProposal } from '../award-proposal.entities';
import { Permission } from '../../access/access.policy';
import { AccessService } from '../../access/access.service';
import { AuditService } from '../../audit/audit.service';
import type { Principal } from '../../common/auth/principal';
import { AppException } from '../../common/errors/app.exception';
import { ErrorCode } from '../../common/errors/error-codes';
import { nowIso, formatDateVi } from '../../common/time';
import { UnitOfWork, requireVersion, updateVersioned } from '../../database/unit-of-work';
import { requirementText } from '../awards.rules';
import { CreateRegulationDto, RegulationView, UpdateRegulationDto } from './regulations.dto';
import { ClusterRegulation } from './regulation.entity';

const view = (r: ClusterRegulation): RegulationView => ({
  id: r.id, clusterId: r.clusterId, title: r.title, adoptedOn: r.adoptedOn, effectiveFrom: r.effectiveFrom,
  flagShare: r.flagShare, flagStrictlyAbove: r.flagStrictlyAbove, flagRequirement: requirementText(r.flagShare, r.flagStrictlyAbove),
  meritShare: r.meritShare, meritStrictlyAbove: r.meritStrictlyAbove, meritRequirement: requirementText(r.meritShare, r.meritStrictlyAbove),
  quorum: r.quorum, writtenOpinionsCounted: r.writtenOpinionsCounted, rotationRule: r.rotationRule, scoringRule: r.scoringRule, quotaRule: r.quotaRule, version: r.version,
});

const trimmed = (s: string | null | undefined) => (s === undefined ? undefined : s === null ? null : s.trim() || null);

/** Quy chế hoạt động of a cluster by version: recorded by its secretariat (or the organiser), read by the cluster's vote. */
@Injectable()
export class RegulationsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  list(p: Principal, clusterId: string): Promise<RegulationView[]> {
    return this.uow.read(async (m) => {
      await this.access.require(m, p, Permission.ClusterRead, clusterId);
      return (await m.find(ClusterRegulation, { where: { clusterId }, order: { effectiveFrom: 'DESC' } })).map(view);
    });
  }

  /** The version in force on a date (the latest that applies from it or earlier), or null. */
  inForce(m: EntityManager, clusterId: string, date: string): Promise<ClusterRegulation | null> {
    return m.findOne(ClusterRegulation, { where: { clusterId, effectiveFrom: LessThanOrEqual(date) }, order: { effectiveFrom: 'DESC' } });
  }

  /**
   * A version may not reach back over a review meeting whose result was already used (it has proposals): that
   * result was decided under the rule then in force and stays so.
   */
  private async checkNotDecided(m: EntityManager, clusterId: string, from: string): Promise<void> {
    for (const meeting of await m.find(ReviewMeeting, { where: { clusterId, heldOn: MoreThanOrEqual(from) }, order: { heldOn: 'ASC' } })) {
      if (await m.exists(AwardProposal, { where: { clusterId, year: meeting.year } })) {
        throw AppException.field(ErrorCode.BusinessRule, 'effectiveFrom', `Hội nghị bình xét ngày ${formatDateVi(meeting.heldOn)} đã có đề nghị khen thưởng theo quy tắc đang áp dụng: quy chế mới chỉ áp dụng từ sau ngày đó.`);
      }
    }
  }

  create(p: Principal, clusterId: string, dto: CreateRegulationDto): Promise<RegulationView> {
    return this.uow.write(async (m) => {
      const cluster = await this.access.require(m, p, Permission.YearManage, clusterId, Number(dto.effectiveFrom.slice(0, 4)));
      if (dto.effectiveFrom < dto.adoptedOn) throw AppException.field(ErrorCode.ValidationFailed, 'effectiveFrom', 'Ngày áp dụng không được trước ngày thông qua quy chế.');
      await this.checkNotDecided(m, clusterId, dto.effectiveFrom);
      if (await m.exists(ClusterRegulation, { where: { clusterId, effectiveFrom: dto.effectiveFrom } })) throw AppException.field(ErrorCode.Duplicate, 'effectiveFrom', 'Đã có quy chế áp dụng từ ngày này.');
      const now = nowIso();
      const row: ClusterRegulation = {
        id: randomUUID(), clusterId, title: dto.title.trim(), adoptedOn: dto.adoptedOn, effectiveFrom: dto.effectiveFrom,
        flagShare: dto.flagShare, flagStrictlyAbove: dto.flagStrictlyAbove, meritShare: dto.meritShare, meritStrictlyAbove: dto.meritStrictlyAbove,
        quorum: dto.quorum ?? null, writtenOpinionsCounted: dto.writtenOpinionsCounted ?? null, rotationRule: trimmed(dto.rotationRule) ?? null, scoringRule: trimmed(dto.scoringRule) ?? null, quotaRule: trimmed(dto.quotaRule) ?? null,
        version: 1, createdAt: now, updatedAt: now,
      };
      await m.insert(ClusterRegulation, row);
      await this.audit.record(m, { action: 'cluster_regulation.create', entityType: 'cluster_regulation', entityId: row.id, after: row, reason: dto.reason ?? null, organizerId: cluster.organizerId, clusterId });
      return view(row);
    });
  }

  update(p: Principal, id: string, dto: UpdateRegulationDto): Promise<RegulationView> {
    return this.uow.write(async (m) => {
      const current = await m.findOne(ClusterRegulation, { where: { id } });
      if (!current) throw AppException.notFound('quy chế hoạt động');
      const cluster = await this.access.require(m, p, Permission.YearManage, current.clusterId, Number(current.effectiveFrom.slice(0, 4)));
      const { version, reason, ...fields } = dto;
      const changes = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined).map(([k, v]) => [k, typeof v === 'string' ? trimmed(v) : v])) as Partial<ClusterRegulation>;
      const next = { ...current, ...changes };
      // Moved to another year: that year's secretariat too (the year of the date it applies from decides who manages it).
      if (next.effectiveFrom.slice(0, 4) !== current.effectiveFrom.slice(0, 4)) await this.access.require(m, p, Permission.YearManage, current.clusterId, Number(next.effectiveFrom.slice(0, 4)));
      if (next.effectiveFrom < next.adoptedOn) throw AppException.field(ErrorCode.ValidationFailed, 'effectiveFrom', 'Ngày áp dụng không được trước ngày thông qua quy chế.');
      requireVersion(current.version, version);
      await this.checkNotDecided(m, current.clusterId, next.effectiveFrom < current.effectiveFrom ? next.effectiveFrom : current.effectiveFrom);
      const after = await updateVersioned(m, ClusterRegulation, current, version, { ...changes, updatedAt: nowIso() }, 'quy chế hoạt động');
      await this.audit.record(m, { action: 'cluster_regulation.update', entityType: 'cluster_regulation', entityId: id, before: current, after, reason, organizerId: cluster.organizerId, clusterId: current.clusterId });
      return view(after);
    });
  }
}
