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
import { nowIso, todayInVietnam } from '../common/time';
import { CriteriaRepository } from '../criteria/criteria.repository';
import { UnitOfWork } from '../database/unit-of-work';
import type { EntityManager } from 'typeorm';
import type { Cluster } from '../clusters/cluster.entity';
import type { Pledge } from './pledge.entity';
import type { PledgeSignature } from './pledge-signature.entity';
import { paperDateProblem } from './paper-signature.rules';
import { PledgeStates, pledgeView } from './pledge-state';
import { PledgeView, RecordPaperSignatureDto, SignPledgeDto, WithdrawPaperSignatureDto, WithdrawSignatureDto } from './pledges.dto';
import { PledgesRepository } from './pledges.repository';
import { PledgesService } from './pledges.service';
import { PledgeSignedFileService, type UploadedRevision } from './pledge-signed-file.service';

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

  /**
   * A revision the unit signed with its own tool (a token, signing software): under the pledge's lock, the file is
   * checked and stored, then the signature is recorded (the pledge open, the unit not yet signed: refused otherwise)
   * and the revision made the latest in the same transaction — a refused upload leaves the signed file as it was.
   */
  async signUpload(p: Principal, clusterId: string, year: number, dto: SignPledgeDto, pdf: Buffer, userAgent?: string): Promise<PledgeView> {
    const unitId = await this.signingUnit(p, clusterId, year, dto.unitId);
    const view = await this.signedFile.acceptUpload(p, clusterId, year, unitId, pdf, async (uploaded) => (await this.record(p, clusterId, year, { ...dto, unitId }, userAgent, uploaded)).view);
    // The file may now be complete: the organisation closes it.
    await this.signedFile.signWithServerKey(p, clusterId, year);
    return view;
  }

  /** Registers the unit's certificate for signing with its own tool, checked (PledgeSignedFileService) and audited. */
  registerCertificate(p: Principal, clusterId: string, year: number, requested: string | undefined, bytes: Buffer): Promise<{ sha256: string; subject: string }> {
    return this.uow.write(async (m) => {
      const cluster = await this.access.require(m, p, Permission.ClusterRead, clusterId);
      const members = (await this.memberships.members(m, clusterId, year)).map((u) => u.id);
      const unitId = this.actingFor(p, members, year, requested);
      const { raw, sha256, subject } = await this.signedFile.checkedCertificate(bytes, [unitId, ...p.unitIds], members);
      await this.audit.record(m, { action: 'signing.unit_certificate', entityType: 'unit', entityId: unitId, after: { sha256, subject, year }, organizerId: cluster.organizerId, clusterId });
      await this.signedFile.storeCertificate(unitId, raw);
      return { sha256, subject };
    });
  }

  /** The member the caller acts for (its own unit, or one it succeeded), or 403. */
  private actingFor(p: Principal, members: string[], year: number, requested?: string): string {
    const unitId = p.unitId ? actingUnit(p, members, requested) : null;
    if (!unitId) throw AppException.forbidden(`Đơn vị của bạn không phải thành viên của cụm trong năm ${year}.`);
    return unitId;
  }

  /** The unit that signs for the caller (checked as sign() checks it), for an upload before it is recorded. */
  private signingUnit(p: Principal, clusterId: string, year: number, requested?: string): Promise<string> {
    return this.uow.read(async (m) => {
      await this.access.require(m, p, Permission.ClusterRead, clusterId);
      return this.actingFor(p, (await this.memberships.members(m, clusterId, year)).map((u) => u.id), year, requested);
    });
  }

  private record(p: Principal, clusterId: string, year: number, dto: SignPledgeDto, userAgent?: string, uploaded?: UploadedRevision): Promise<{ view: PledgeView; unitId: string }> {
    return this.uow.write(async (m) => {
      const cluster = await this.access.require(m, p, Permission.ClusterRead, clusterId);
      if (!p.unitId) throw AppException.forbidden('Mỗi đơn vị chỉ được ký giao ước cho chính đơn vị của mình.');
      const unitId = actingUnit(p, (await this.memberships.members(m, clusterId, year)).map((u) => u.id), dto.unitId);
      if (!unitId) throw AppException.forbidden(`Đơn vị của bạn không phải thành viên của cụm trong năm ${year}.`);
      const pledge = await this.openPledge(m, clusterId, year);
      const signature = { unitId, signerName: dto.signerName, signerTitle: dto.signerTitle, paperSignedOn: null, ip: currentContext()?.ip?.slice(0, 64) ?? null, userAgent: userAgent?.slice(0, 300) ?? null };
      const view = await this.insert(m, p, cluster, pledge, signature, undefined, true, uploaded);
      await uploaded?.makeLatest(m);
      return { view, unitId };
    });
  }

  /**
   * The secretariat records a member's signature made on paper (at the signing conference, or a pledge of a past year
   * entered later): the day on the paper, not today, is the signature's; the record says who entered it and when. In
   * the signed file the secretariat's key signs the unit's field, which says so (the others' signatures stay).
   * The entry that completes the pledge (and locks its criteria) must be confirmed: it cannot be taken back.
   */
  async recordPaper(p: Principal, clusterId: string, year: number, dto: RecordPaperSignatureDto): Promise<PledgeView> {
    const view = await this.uow.write(async (m) => {
      const cluster = await this.access.require(m, p, Permission.YearManage, clusterId, year);
      const unit = (await this.memberships.members(m, clusterId, year)).find((u) => u.id === dto.unitId);
      if (!unit) throw AppException.field(ErrorCode.ValidationFailed, 'unitId', `Đơn vị này không phải thành viên của cụm trong năm ${year}.`);
      const pledge = await this.openPledge(m, clusterId, year);
      const problem = paperDateProblem(dto.signedOn, pledge.signingDate, unit, todayInVietnam());
      if (problem) throw AppException.field(ErrorCode.ValidationFailed, 'signedOn', problem);
      const signature = { unitId: unit.id, signerName: dto.signerName, signerTitle: dto.signerTitle, paperSignedOn: dto.signedOn, ip: null, userAgent: null };
      return this.insert(m, p, cluster, pledge, signature, dto.reason, !!dto.confirmComplete);
    });
    await this.signedFile.signWithServerKey(p, clusterId, year);
    return view;
  }

  /** The secretariat takes back a paper signature it recorded (a mistake), with a reason, while the pledge is being signed. */
  async withdrawPaper(p: Principal, clusterId: string, year: number, dto: WithdrawPaperSignatureDto): Promise<PledgeView> {
    const view = await this.uow.write(async (m) => {
      const cluster = await this.access.require(m, p, Permission.YearManage, clusterId, year);
      const pledge = await this.pledges.find(m, clusterId, year);
      if (pledge.status !== 'OPEN') throw new AppException(ErrorCode.PledgeState, 'Chỉ hủy ghi nhận được khi bản giao ước đang trong thời gian ký.');
      const signature = await this.records.activeSignatureOf(m, pledge.id, dto.unitId);
      if (!signature?.paperSignedOn) throw AppException.notFound('chữ ký trên bản giấy của đơn vị này', 'unitId');
      return this.withdrawOne(m, cluster, pledge, signature, dto.reason, 'pledge.withdraw_paper_signature');
    });
    await this.signedFile.reset(view.id);
    return view;
  }

  private async openPledge(m: EntityManager, clusterId: string, year: number): Promise<Pledge> {
    const pledge = await this.pledges.find(m, clusterId, year);
    if (pledge.status !== 'OPEN') throw new AppException(ErrorCode.PledgeState, pledge.status === 'DRAFT' ? 'Bản giao ước chưa được mở để ký.' : 'Bản giao ước đã được ký đủ.');
    return pledge;
  }

  /** Records one signature; the last one completes the pledge and locks its criteria (a paper one: once confirmed). */
  private async insert(m: EntityManager, p: Principal, cluster: Cluster, pledge: Pledge, s: Pick<PledgeSignature, 'unitId' | 'signerName' | 'signerTitle' | 'paperSignedOn' | 'ip' | 'userAgent'>, reason?: string, confirmed = true, uploaded?: { sha256: string; fieldName: string }): Promise<PledgeView> {
    if (await this.records.hasActiveSignature(m, pledge.id, s.unitId)) throw new AppException(ErrorCode.AlreadySigned);
    if (!confirmed) {
      const before = await this.states.load(m, pledge);
      if (before.members.every((u) => u.id === s.unitId || before.signatures.some((x) => x.unitId === u.id))) {
        throw new AppException(ErrorCode.PledgeWouldComplete, undefined, [{ field: 'confirmComplete', code: 'required', message: 'Đây là chữ ký cuối cùng: cần xác nhận hoàn tất bản giao ước (bộ tiêu chí sẽ bị khóa, không hủy ghi nhận được nữa).' }]);
      }
    }
    const signature: PledgeSignature = { ...s, id: randomUUID(), pledgeId: pledge.id, signerName: s.signerName.trim(), signerTitle: s.signerTitle.trim(), signedByUserId: p.userId, signedAt: nowIso(), withdrawnAt: null, withdrawnReason: null };
    await this.records.insertSignature(m, signature);
    let updated = await this.records.update(m, pledge, pledge.version, {});
    const after = { unitId: s.unitId, signerName: signature.signerName, signerTitle: signature.signerTitle, ...(s.paperSignedOn ? { paperSignedOn: s.paperSignedOn, recordedAt: signature.signedAt } : { signedAt: signature.signedAt, ip: signature.ip }), ...(uploaded ? { ownToolRevisionSha256: uploaded.sha256, field: uploaded.fieldName } : {}) };
    await this.audit.record(m, { action: s.paperSignedOn ? 'pledge.sign_paper' : 'pledge.sign', entityType: 'pledge', entityId: pledge.id, after, reason, organizerId: cluster.organizerId, clusterId: cluster.id });
    const state = await this.states.load(m, updated);
    if (state.members.every((u) => state.signatures.some((x) => x.unitId === u.id))) {
      updated = await this.records.update(m, updated, updated.version, { status: 'COMPLETE', completedAt: nowIso() });
      await this.criteriaSets.lock(m, pledge.criteriaSetId);
      const completion = { status: 'COMPLETE', signatures: state.signatures.length, criteriaSetLocked: pledge.criteriaSetId };
      await this.audit.record(m, { action: 'pledge.complete', entityType: 'pledge', entityId: pledge.id, after: completion, organizerId: cluster.organizerId, clusterId: cluster.id });
    }
    return pledgeView(await this.states.load(m, updated));
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
      if (signature.paperSignedOn) throw AppException.field(ErrorCode.BusinessRule, 'unitId', 'Chữ ký trên bản giấy của đơn vị do thư ký cụm ghi nhận: nếu có sai sót, đề nghị thư ký cụm hủy ghi nhận.');
      return this.withdrawOne(m, cluster, pledge, signature, dto.reason, 'pledge.withdraw_signature');
    });
    await this.signedFile.reset(view.id);
    return view;
  }

  private async withdrawOne(m: EntityManager, cluster: Cluster, pledge: Pledge, signature: PledgeSignature, reason: string, action: string): Promise<PledgeView> {
    await this.records.withdrawSignature(m, signature.id, reason);
    const updated = await this.records.update(m, pledge, pledge.version, {});
    const before = { unitId: signature.unitId, signerName: signature.signerName, ...(signature.paperSignedOn ? { paperSignedOn: signature.paperSignedOn, recordedAt: signature.signedAt } : { signedAt: signature.signedAt }) };
    await this.audit.record(m, { action, entityType: 'pledge', entityId: pledge.id, before, reason, organizerId: cluster.organizerId, clusterId: cluster.id });
    return pledgeView(await this.states.load(m, updated));
  }
}
