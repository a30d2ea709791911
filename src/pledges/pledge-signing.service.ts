import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { IsNull } from 'typeorm';
import { AccessService } from '../auth/access.service';
import { Permission } from '../auth/access.policy';
import type { Principal } from '../auth/principal';
import { AuditService } from '../audit/audit.service';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-codes';
import { currentContext } from '../common/request-context';
import { nowIso } from '../common/time';
import { Membership } from '../clusters/membership.entity';
import { ClustersRepository } from '../clusters/clusters.repository';
import { CriteriaService } from '../criteria/criteria.service';
import { LeadershipRepository } from '../leadership/leadership.repository';
import { UnitOfWork } from '../database/unit-of-work';
import { PledgeSignature } from './pledge-signature.entity';
import { loadPledgeState, pledgeView } from './pledge-state';
import { PledgeView, SignPledgeDto, WithdrawSignatureDto } from './pledges.dto';
import { PledgesService } from './pledges.service';

/** Each member unit signs the pledge for itself; the last signature completes it and locks the criteria. */
@Injectable()
export class PledgeSigningService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly pledges: PledgesService,
    private readonly criteria: CriteriaService,
    private readonly clusters: ClustersRepository,
    private readonly leadership: LeadershipRepository,
  ) {}

  sign(p: Principal, clusterId: string, year: number, dto: SignPledgeDto, userAgent?: string): Promise<PledgeView> {
    return this.uow.write(async (m) => {
      const cluster = await this.access.require(m, p, Permission.ClusterRead, clusterId);
      if (!p.unitId || (dto.unitId && dto.unitId !== p.unitId)) {
        throw AppException.forbidden('Mỗi đơn vị chỉ được ký giao ước cho chính đơn vị của mình.');
      }
      if (!(await m.exists(Membership, { where: { clusterId, year, unitId: p.unitId } }))) {
        throw AppException.forbidden(`Đơn vị của bạn không phải thành viên của cụm trong năm ${year}.`);
      }
      const pledge = await this.pledges.find(m, clusterId, year);
      if (pledge.status !== 'OPEN') {
        throw new AppException(
          ErrorCode.PledgeState,
          pledge.status === 'DRAFT' ? 'Bản giao ước chưa được mở để ký.' : 'Bản giao ước đã được ký đủ.',
        );
      }
      if (await m.exists(PledgeSignature, { where: { pledgeId: pledge.id, unitId: p.unitId, withdrawnAt: IsNull() } })) {
        throw new AppException(ErrorCode.AlreadySigned);
      }
      const signature: PledgeSignature = {
        id: randomUUID(),
        pledgeId: pledge.id,
        unitId: p.unitId,
        signerName: dto.signerName.trim(),
        signerTitle: dto.signerTitle.trim(),
        signedByUserId: p.userId,
        signedAt: nowIso(),
        ip: currentContext()?.ip?.slice(0, 64) ?? null,
        userAgent: userAgent?.slice(0, 300) ?? null,
        withdrawnAt: null,
        withdrawnReason: null,
      };
      await m.insert(PledgeSignature, signature);
      let updated = await this.pledges.bump(m, pledge, {});
      await this.audit.record(m, {
        action: 'pledge.sign',
        entityType: 'pledge',
        entityId: pledge.id,
        after: { unitId: p.unitId, signerName: signature.signerName, signerTitle: signature.signerTitle, signedAt: signature.signedAt, ip: signature.ip },
        organizerId: cluster.organizerId,
        clusterId,
      });
      const state = await loadPledgeState(m, updated, this.clusters, this.leadership);
      if (state.members.every((u) => state.signatures.some((s) => s.unitId === u.id))) {
        updated = await this.pledges.bump(m, updated, { status: 'COMPLETE', completedAt: nowIso() });
        await this.criteria.lock(m, pledge.criteriaSetId);
        await this.audit.record(m, {
          action: 'pledge.complete',
          entityType: 'pledge',
          entityId: pledge.id,
          after: { status: 'COMPLETE', signatures: state.signatures.length, criteriaSetLocked: pledge.criteriaSetId },
          organizerId: cluster.organizerId,
          clusterId,
        });
      }
      return pledgeView(await loadPledgeState(m, updated, this.clusters, this.leadership));
    });
  }

  /** Withdraws the caller's unit's signature before the pledge is complete, with a reason. */
  withdraw(p: Principal, clusterId: string, year: number, dto: WithdrawSignatureDto): Promise<PledgeView> {
    return this.uow.write(async (m) => {
      const cluster = await this.access.require(m, p, Permission.ClusterRead, clusterId);
      const pledge = await this.pledges.find(m, clusterId, year);
      if (pledge.status !== 'OPEN') {
        throw new AppException(ErrorCode.PledgeState, 'Chỉ rút được chữ ký khi bản giao ước đang trong thời gian ký.');
      }
      const signature = p.unitId
        ? await m.findOne(PledgeSignature, { where: { pledgeId: pledge.id, unitId: p.unitId, withdrawnAt: IsNull() } })
        : null;
      if (!signature) throw AppException.notFound('chữ ký của đơn vị bạn trên bản giao ước này', 'unitId');
      await m.update(PledgeSignature, { id: signature.id }, { withdrawnAt: nowIso(), withdrawnReason: dto.reason });
      const updated = await this.pledges.bump(m, pledge, {});
      await this.audit.record(m, {
        action: 'pledge.withdraw_signature',
        entityType: 'pledge',
        entityId: pledge.id,
        before: { unitId: signature.unitId, signerName: signature.signerName, signedAt: signature.signedAt },
        reason: dto.reason,
        organizerId: cluster.organizerId,
        clusterId,
      });
      return pledgeView(await loadPledgeState(m, updated, this.clusters, this.leadership));
    });
  }
}
