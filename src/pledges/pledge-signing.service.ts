import { Injectable } from '@nestjs/common';
import { MembershipsRepository } from '../clusters/memberships.repository';
import { randomUUID } from 'node:crypto';
import { AccessService } from '../access/access.service';
import { Permission } from '../access/access.policy';
import type { Principal } from '../common/auth/principal';
import { AuditService } from '../audit/audit.service';
import { actingUnit } from '../access/acting-unit';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-codes';
import { currentContext } from '../common/request-context';
import { nowIso } from '../common/time';
import { CriteriaRepository } from '../criteria/criteria.repository';
import { UnitOfWork } from '../database/unit-of-work';
import type { PledgeSignature } from './pledge-signature.entity';
import { PledgeStates, pledgeView } from './pledge-state';
import { PledgeView, SignPledgeDto, WithdrawSignatureDto } from './pledges.dto';
import { PledgesRepository } from './pledges.repository';
import { PledgesService } from './pledges.service';
import { PledgeSignedFileService } from './pledge-signed-file.service';

/** Each member unit signs the pledge for itself; the last signature completes it and locks the criteria. */
@Injectable()
export class PledgeSigningService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly pledges: PledgesService,
    private readonly criteriaSets: CriteriaRepository,
    private readonly states: PledgeStates,
    private readonly records: PledgesRepository,
    private readonly memberships: MembershipsRepository,
    private readonly signedFile: PledgeSignedFileService,
  ) {}

  /**
   * Records the unit's signature; its server-held key (or token) then signs the unit's field of the signed file,
   * unless the unit already signed it with its own tool (an upload the caller has accepted).
   */
  async sign(p: Principal, clusterId: string, year: number, dto: SignPledgeDto, userAgent?: string): Promise<PledgeView> {
    const { view } = await this.record(p, clusterId, year, dto, userAgent);
    // After an upload this signs nothing for the unit (its field is signed) but closes the file if it was the last.
    await this.signedFile.signWithServerKey(p, clusterId, year);
    return view;
  }

  /** The unit that signs for the caller (checked as sign() checks it), for an upload before it is recorded. */
  signingUnit(p: Principal, clusterId: string, year: number, requested?: string): Promise<string> {
    return this.uow.read(async (m) => {
      await this.access.require(m, p, Permission.ClusterRead, clusterId);
      const unitId = p.unitId ? actingUnit(p, (await this.memberships.members(m, clusterId, year)).map((u) => u.id), requested) : null;
      if (!unitId) throw AppException.forbidden(`Đơn vị của bạn không phải thành viên của cụm trong năm ${year}.`);
      return unitId;
    });
  }

  private record(p: Principal, clusterId: string, year: number, dto: SignPledgeDto, userAgent?: string): Promise<{ view: PledgeView; unitId: string }> {
    return this.uow.write(async (m) => {
      const cluster = await this.access.require(m, p, Permission.ClusterRead, clusterId);
      if (!p.unitId) throw AppException.forbidden('Mỗi đơn vị chỉ được ký giao ước cho chính đơn vị của mình.');
      const unitId = actingUnit(p, (await this.memberships.members(m, clusterId, year)).map((u) => u.id), dto.unitId);
      if (!unitId) throw AppException.forbidden(`Đơn vị của bạn không phải thành viên của cụm trong năm ${year}.`);
      const pledge = await this.pledges.find(m, clusterId, year);
      if (pledge.status !== 'OPEN') {
        throw new AppException(
          ErrorCode.PledgeState,
          pledge.status === 'DRAFT' ? 'Bản giao ước chưa được mở để ký.' : 'Bản giao ước đã được ký đủ.',
        );
      }
      if (await this.records.hasActiveSignature(m, pledge.id, unitId)) {
        throw new AppException(ErrorCode.AlreadySigned);
      }
      const signature: PledgeSignature = {
        id: randomUUID(),
        pledgeId: pledge.id,
        unitId: unitId,
        signerName: dto.signerName.trim(),
        signerTitle: dto.signerTitle.trim(),
        signedByUserId: p.userId,
        signedAt: nowIso(),
        ip: currentContext()?.ip?.slice(0, 64) ?? null,
        userAgent: userAgent?.slice(0, 300) ?? null,
        withdrawnAt: null,
        withdrawnReason: null,
      };
      await this.records.insertSignature(m, signature);
      let updated = await this.records.update(m, pledge, pledge.version, {});
      await this.audit.record(m, {
        action: 'pledge.sign',
        entityType: 'pledge',
        entityId: pledge.id,
        after: { unitId: unitId, signerName: signature.signerName, signerTitle: signature.signerTitle, signedAt: signature.signedAt, ip: signature.ip },
        organizerId: cluster.organizerId,
        clusterId,
      });
      const state = await this.states.load(m, updated);
      if (state.members.every((u) => state.signatures.some((s) => s.unitId === u.id))) {
        updated = await this.records.update(m, updated, updated.version, { status: 'COMPLETE', completedAt: nowIso() });
        await this.criteriaSets.lock(m, pledge.criteriaSetId);
        await this.audit.record(m, {
          action: 'pledge.complete',
          entityType: 'pledge',
          entityId: pledge.id,
          after: { status: 'COMPLETE', signatures: state.signatures.length, criteriaSetLocked: pledge.criteriaSetId },
          organizerId: cluster.organizerId,
          clusterId,
        });
      }
      return { view: pledgeView(await this.states.load(m, updated)), unitId };
    });
  }

  /** Withdraws the caller's unit's signature before the pledge is complete, with a reason. */
  async withdraw(p: Principal, clusterId: string, year: number, dto: WithdrawSignatureDto): Promise<PledgeView> {
    const view = await this.uow.write(async (m) => {
      const cluster = await this.access.require(m, p, Permission.ClusterRead, clusterId);
      const pledge = await this.pledges.find(m, clusterId, year);
      if (pledge.status !== 'OPEN') {
        throw new AppException(ErrorCode.PledgeState, 'Chỉ rút được chữ ký khi bản giao ước đang trong thời gian ký.');
      }
      const unitId = actingUnit(p, (await this.memberships.members(m, clusterId, year)).map((u) => u.id), dto.unitId);
      const signature = unitId ? await this.records.activeSignatureOf(m, pledge.id, unitId) : null;
      if (!signature) throw AppException.notFound('chữ ký của đơn vị bạn trên bản giao ước này', 'unitId');
      await this.records.withdrawSignature(m, signature.id, dto.reason);
      const updated = await this.records.update(m, pledge, pledge.version, {});
      await this.audit.record(m, {
        action: 'pledge.withdraw_signature',
        entityType: 'pledge',
        entityId: pledge.id,
        before: { unitId: signature.unitId, signerName: signature.signerName, signedAt: signature.signedAt },
        reason: dto.reason,
        organizerId: cluster.organizerId,
        clusterId,
      });
      return pledgeView(await this.states.load(m, updated));
    });
    await this.signedFile.reset(view.id);
    return view;
  }
}
