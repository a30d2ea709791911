import { refuseWhenScored } from '../criteria/criteria-in-use';
import { Injectable } from '@nestjs/common';
import { UnitsRepository } from '../units/units.repository';
import { MembershipsRepository } from '../clusters/memberships.repository';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service';
import { Permission } from '../access/access.policy';
import type { Principal } from '../common/auth/principal';
import { AuditService } from '../audit/audit.service';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-codes';
import { nowIso } from '../common/time';
import { EmulationYearsRepository } from '../clusters/emulation-years.repository';
import { CriteriaService } from '../criteria/criteria.service';
import { CriteriaRepository } from '../criteria/criteria.repository';
import { rawQuery } from '../database/raw-sql';
import { UnitOfWork, requireVersion } from '../database/unit-of-work';
import { LeadershipRepository } from '../leadership/leadership.repository';
import { defaultImplementation, defaultLegalBases, defaultPurpose } from './pledge-defaults';
import { CriteriaTargetsService } from '../criteria/criteria-targets.service';
import { LegalService } from '../legal/legal.service';
import { directiveOn, legalBasesOn } from '../legal/legal.rules';
import { PledgeStates, pledgeView } from './pledge-state';
import { Pledge } from './pledge.entity';
import { CreatePledgeDto, OpenPledgeDto, PledgeView, UpdatePledgeDto } from './pledges.dto';
import { PledgesRepository } from './pledges.repository';

/** Bản giao ước thi đua: drafting, editing and opening for signature (signing is PledgeSigningService). */
@Injectable()
export class PledgesService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly criteria: CriteriaService,
    private readonly criteriaSets: CriteriaRepository,
    private readonly states: PledgeStates,
    private readonly records: PledgesRepository,
    private readonly leadership: LeadershipRepository,
    private readonly years: EmulationYearsRepository,
    private readonly memberships: MembershipsRepository,
    private readonly units: UnitsRepository,
    private readonly legal: LegalService,
    private readonly targets: CriteriaTargetsService,
  ) {}

  get(p: Principal, clusterId: string, year: number): Promise<PledgeView> {
    return this.uow.read(async (m) => {
      await this.access.require(m, p, Permission.ClusterRead, clusterId);
      return pledgeView(await this.states.load(m, await this.find(m, clusterId, year)));
    });
  }

  create(p: Principal, clusterId: string, year: number, dto: CreatePledgeDto): Promise<PledgeView> {
    return this.uow.write(async (m) => {
      const cluster = await this.access.require(m, p, Permission.YearManage, clusterId, year);
      if (await this.records.exists(m, clusterId, year)) {
        throw AppException.field(ErrorCode.Duplicate, 'year', `Cụm đã có bản giao ước thi đua năm ${year}.`);
      }
      if (!(await this.memberships.anyInYear(m, clusterId, year))) {
        throw AppException.field(ErrorCode.NoMembership, 'year', `Cụm chưa có thành viên trong năm ${year}: chưa thể lập giao ước.`);
      }
      let set = await this.criteriaSets.latest(m, clusterId, year);
      if (!set) {
        const from = dto.criteriaFrom ?? (dto.template ? 'TEMPLATE' : undefined);
        if (!from || (from === 'TEMPLATE' && !dto.template)) {
          throw AppException.field(ErrorCode.InvalidReference, 'template', `Năm ${year} chưa có bộ tiêu chí: hãy lập bộ tiêu chí hoặc chọn mẫu (template).`);
        }
        set = await this.criteria.createSet(m, cluster, year, { from, templateCode: dto.template });
      }
      const phases = await this.years.find(m, clusterId, year);
      const now = nowIso();
      const signingDate = this.signingDate(year, dto.signingDate ?? phases?.pledgeSigningOn ?? (now.startsWith(String(year)) ? now.slice(0, 10) : null));
      // The pledge speaks as of its signing date: the organiser's name and the texts in force then.
      const organizer = await this.units.asOf(m, cluster.organizerId, signingDate);
      const { texts } = await this.legal.catalogue(m);
      const citations = legalBasesOn(texts, signingDate, organizer.code).map((t) => t.citation!);
      // The cluster's operating regulation in force on the signing date, as recorded (none: not cited).
      const [regulation] = await rawQuery<{ title: string }>(m, 'SELECT title FROM cluster_regulations WHERE cluster_id = ? AND effective_from <= ? ORDER BY effective_from DESC LIMIT 1', [clusterId, signingDate]);
      const pledge: Pledge = {
        id: randomUUID(),
        clusterId,
        year,
        status: 'DRAFT',
        documentNumber: dto.documentNumber?.trim() || null,
        title: dto.title?.trim() || `Bản giao ước thi đua năm ${year}`,
        theme: dto.theme?.trim() || null,
        legalBases: JSON.stringify(dto.legalBases?.map((s) => s.trim()) ?? defaultLegalBases(citations, regulation?.title ?? null, directiveOn(texts, signingDate, organizer.code)?.citation ?? null)),
        purpose: dto.purpose?.trim() || defaultPurpose(year, cluster.name),
        implementation: dto.implementation?.trim() || defaultImplementation(),
        signingPlace: dto.signingPlace?.trim() || (await this.defaultPlace(m, clusterId, year)),
        signingDate,
        criteriaSetId: set.id,
        openedAt: null,
        completedAt: null,
        signedFilePath: null,
        signedFileSha256: null,
        version: 1,
        createdAt: now,
        updatedAt: now,
      };
      await this.records.insert(m, pledge);
      const view = pledgeView(await this.states.load(m, pledge));
      await this.audit.record(m, { action: 'pledge.create', entityType: 'pledge', entityId: pledge.id, after: view, reason: dto.reason, organizerId: cluster.organizerId, clusterId });
      return view;
    });
  }

  /** Edits a draft; editing an open pledge withdraws its signatures, only once confirmed. */
  update(p: Principal, clusterId: string, year: number, dto: UpdatePledgeDto): Promise<PledgeView> {
    return this.uow.write(async (m) => {
      const cluster = await this.access.require(m, p, Permission.YearManage, clusterId, year);
      const pledge = await this.find(m, clusterId, year);
      if (pledge.status === 'COMPLETE') {
        throw new AppException(ErrorCode.PledgeState, 'Bản giao ước đã được ký đủ nên không thể sửa. Thay đổi bộ tiêu chí bằng bản sửa đổi (kèm lý do).');
      }
      // The version first, before the signatures and the dates (the write checks it again, in updateVersioned).
      requireVersion(pledge.version, dto.version);
      const active = await this.records.countActiveSignatures(m, pledge.id);
      if (pledge.status === 'OPEN' && active > 0) {
        // Not in the middle of the scoring: the members score by what they signed.
        await refuseWhenScored(m, pledge.criteriaSetId, 'Không sửa được bản giao ước đang ký');
        if (!dto.confirmResetSignatures) {
          throw new AppException(
            ErrorCode.PledgeSignaturesWouldReset,
            `Bản giao ước đã có ${active} đơn vị ký: chỉnh sửa sẽ hủy các chữ ký này và các đơn vị phải ký lại. Gửi lại với confirmResetSignatures = true để xác nhận.`,
            [{ field: 'confirmResetSignatures', code: 'required', message: `Cần xác nhận hủy ${active} chữ ký.` }],
          );
        }
        await this.records.withdrawActiveSignatures(m, pledge.id, `Bản giao ước được chỉnh sửa: ${dto.reason}`);
      }
      const before = pledgeView(await this.states.load(m, pledge));
      const changes: Partial<Pledge> = {
        title: dto.title?.trim() ?? pledge.title,
        theme: dto.theme !== undefined ? dto.theme?.trim() || null : pledge.theme,
        legalBases: dto.legalBases ? JSON.stringify(dto.legalBases.map((s) => s.trim())) : pledge.legalBases,
        purpose: dto.purpose?.trim() ?? pledge.purpose,
        implementation: dto.implementation?.trim() ?? pledge.implementation,
        signingPlace: dto.signingPlace?.trim() ?? pledge.signingPlace,
        signingDate: dto.signingDate ? this.signingDate(year, dto.signingDate) : pledge.signingDate,
        documentNumber: dto.documentNumber !== undefined ? dto.documentNumber?.trim() || null : pledge.documentNumber,
        // The signed file holds the old text: the next signature or download prepares it again (same transaction).
        ...(pledge.status === 'OPEN' ? { signedFilePath: null, signedFileSha256: null } : {}),
      };
      const updated = await this.records.update(m, pledge, dto.version, changes);
      const after = pledgeView(await this.states.load(m, updated));
      await this.audit.record(m, { action: 'pledge.update', entityType: 'pledge', entityId: pledge.id, before, after, reason: dto.reason, organizerId: cluster.organizerId, clusterId });
      return after;
    });
  }

  /** Draft → open for signing: needs a criteria set with content. */
  open(p: Principal, clusterId: string, year: number, dto: OpenPledgeDto): Promise<PledgeView> {
    return this.uow.write(async (m) => {
      const cluster = await this.access.require(m, p, Permission.YearManage, clusterId, year);
      const pledge = await this.find(m, clusterId, year);
      if (pledge.status !== 'DRAFT') throw new AppException(ErrorCode.PledgeState, 'Chỉ mở ký được bản giao ước đang ở trạng thái dự thảo.');
      // The version first, before the criteria (the write checks it again, in updateVersioned).
      requireVersion(pledge.version, dto.version);
      if (!(await this.criteriaSets.hasCriteria(m, pledge.criteriaSetId))) {
        throw AppException.field(ErrorCode.CriteriaInvalid, 'criteria', 'Bộ tiêu chí chưa có nội dung: chưa thể mở ký.');
      }
      // Targets are signed with the criteria: every quantitative criterion needs each unit's target (or "not applicable").
      const missing = (await this.targets.view(m, await this.criteriaSets.get(m, pledge.criteriaSetId))).missing;
      if (missing.length) {
        throw AppException.field(ErrorCode.CriteriaInvalid, 'targets', `Chưa giao đủ chỉ tiêu: ${missing.slice(0, 5).join('; ')}${missing.length > 5 ? `; và ${missing.length - 5} chỉ tiêu khác` : ''}.`);
      }
      const updated = await this.records.update(m, pledge, dto.version, { status: 'OPEN', openedAt: nowIso() });
      const view = pledgeView(await this.states.load(m, updated));
      await this.audit.record(m, { action: 'pledge.open', entityType: 'pledge', entityId: pledge.id, after: { status: 'OPEN' }, reason: dto.reason, organizerId: cluster.organizerId, clusterId });
      return view;
    });
  }

  /** The cluster-year's pledge; 404 without one. */
  async find(m: EntityManager, clusterId: string, year: number): Promise<Pledge> {
    const pledge = await this.records.find(m, clusterId, year);
    if (!pledge) throw AppException.notFound(`bản giao ước thi đua năm ${year} của cụm này`, 'year');
    return pledge;
  }

  /** A pledge is signed within its year; without a planned date the secretariat must give one. */
  private signingDate(year: number, date: string | null): string {
    if (!date) {
      throw AppException.field(ErrorCode.ValidationFailed, 'signingDate', `Chưa có ngày ký giao ước năm ${year}: hãy ghi ngày ký (signingDate).`);
    }
    if (!date.startsWith(`${year}-`)) {
      throw AppException.field(ErrorCode.BusinessRule, 'signingDate', `Ngày ký giao ước phải trong năm ${year}.`);
    }
    return date;
  }

  /** The pledge is signed at the review meeting, hosted by the previous year's chair unit. */
  private async defaultPlace(m: EntityManager, clusterId: string, year: number): Promise<string> {
    const previous = await this.leadership.term(m, clusterId, year - 1);
    const host = previous ? await this.units.find(m, previous.hostUnitId ?? previous.chairUnitId) : null;
    return host?.province ?? 'Hà Nội';
  }
}

