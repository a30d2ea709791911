import { Injectable } from '@nestjs/common';
import { UnitsRepository } from '../units/units.repository';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service';
import { Permission } from '../access/access.policy';
import type { Principal } from '../common/auth/principal';
import { clusterHeading } from '../common/cluster-label';
import { AuditService } from '../audit/audit.service';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-codes';
import { formatDateVi, nowIso } from '../common/time';
import { Cluster } from '../clusters/cluster.entity';
import { MembershipsRepository } from '../clusters/memberships.repository';
import { UnitOfWork } from '../database/unit-of-work';
import { tableWorkbook } from '../documents/excel/table-workbook';
import { LeadershipTerm, TERM_METHOD_LABELS, TermMethod } from './leadership-term.entity';
import { ApplyRotationDto, CreateTermDto, OverrideTermDto, TermView } from './leadership.dto';
import { LeadershipRepository } from './leadership.repository';
import { RotationService } from './rotation.service';
import { unitRef } from '../units/unit-ref';
import { nextLeadership, termProblems } from './rotation.rules';

export interface ProposedTerm {
  chairUnitId: string;
  viceChairUnitId: string | null;
  hostUnitId: string | null;
  method: TermMethod;
  decisionNumber: string | null;
  decisionDate: string | null;
  note: string | null;
}

/** Nhiệm kỳ Cụm trưởng / Cụm phó: recording, rotation, the organiser's override, history export. */
@Injectable()
export class LeadershipService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly rotation: RotationService,
    private readonly leadership: LeadershipRepository,
    private readonly memberships: MembershipsRepository,
    private readonly units: UnitsRepository,
  ) {}

  list(p: Principal, clusterId: string): Promise<TermView[]> {
    return this.uow.read(async (m) => {
      await this.access.require(m, p, Permission.ClusterRead, clusterId);
      const terms = await this.leadership.terms(m, clusterId, 'DESC');
      return this.views(m, terms);
    });
  }

  get(p: Principal, clusterId: string, year: number): Promise<TermView> {
    return this.uow.read(async (m) => {
      await this.access.require(m, p, Permission.ClusterRead, clusterId);
      const term = await this.leadership.term(m, clusterId, year);
      if (!term) throw AppException.notFound(`nhiệm kỳ năm ${year} của cụm này`, 'year');
      return (await this.views(m, [term]))[0];
    });
  }

  /** Records a year's leadership elected at the review meeting or set by rotation (the outgoing secretariat). */
  create(p: Principal, clusterId: string, dto: CreateTermDto): Promise<TermView> {
    return this.uow.write(async (m) => {
      const cluster = await this.access.require(m, p, Permission.YearManage, clusterId, dto.year - 1);
      return this.insertTerm(m, cluster, dto.year, {
        chairUnitId: dto.chairUnitId,
        viceChairUnitId: dto.viceChairUnitId ?? null,
        hostUnitId: dto.hostUnitId ?? null,
        method: dto.method,
        decisionNumber: null,
        decisionDate: null,
        note: dto.note?.trim() ?? null,
      }, dto.reason);
    });
  }

  /** Records the year's leadership as the rotation rule gives it. */
  applyRotation(p: Principal, clusterId: string, dto: ApplyRotationDto): Promise<TermView> {
    return this.uow.write(async (m) => {
      const cluster = await this.access.require(m, p, Permission.YearManage, clusterId, dto.year - 1);
      const ctx = await this.rotation.context(m, clusterId);
      const members = ctx.membersOf(dto.year);
      if (!members?.length) throw this.noMembership(dto.year);
      const previous = ctx.history.find((t) => t.year === dto.year - 1);
      const next = nextLeadership(dto.year, members, previous, ctx.history, ctx);
      return this.insertTerm(m, cluster, dto.year, {
        chairUnitId: next.chairId,
        viceChairUnitId: next.viceChairId,
        hostUnitId: dto.hostUnitId ?? null,
        method: 'ROTATION',
        decisionNumber: null,
        decisionDate: null,
        note: next.reasons.join(' ').slice(0, 500),
      }, dto.reason);
    });
  }

  /** The organiser's decision: sets or replaces the year's leadership, with its number, date and reason. */
  override(p: Principal, clusterId: string, year: number, dto: OverrideTermDto): Promise<TermView> {
    return this.uow.write(async (m) => {
      const cluster = await this.access.require(m, p, Permission.ClusterOrganize, clusterId);
      const proposed: ProposedTerm = {
        chairUnitId: dto.chairUnitId,
        viceChairUnitId: dto.viceChairUnitId ?? null,
        hostUnitId: dto.hostUnitId ?? null,
        method: 'ORGANIZER_DECISION',
        decisionNumber: dto.decisionNumber.trim(),
        decisionDate: dto.decisionDate,
        note: null,
      };
      return this.saveTerm(m, cluster, year, proposed, dto.version, dto.reason, 'leadership.override');
    });
  }

  /**
   * Creates the year's term, or replaces it at the version the caller read (a missing version when the year
   * has a term is a 400, a stale one a 409).
   */
  async saveTerm(m: EntityManager, cluster: Cluster, year: number, proposed: ProposedTerm, version: number | undefined, reason: string | undefined, action: string): Promise<TermView> {
    const current = await this.leadership.term(m, cluster.id, year);
    if (!current) return this.insertTerm(m, cluster, year, proposed, reason, action);
    if (version === undefined) {
      // An election repeated by mistake is a conflict with the term recorded; the organiser's decision says
      // which version it replaces.
      if (action === 'leadership.create') throw AppException.field(ErrorCode.LeadershipTermExists, 'year', `Năm ${year} đã có nhiệm kỳ Cụm trưởng, Cụm phó: để bầu lại, cần gửi phiên bản (version) đã đọc.`);
      throw AppException.field(ErrorCode.ValidationFailed, 'version', `Năm ${year} đã có nhiệm kỳ: cần gửi phiên bản (version) đã đọc.`);
    }
    // The organiser's decision is replaced only by another of its decisions, never by a cluster's election or rotation.
    if (current.method === 'ORGANIZER_DECISION' && proposed.method !== 'ORGANIZER_DECISION') {
      throw AppException.field(ErrorCode.BusinessRule, 'chairUnitId', `Cụm trưởng, Cụm phó năm ${year} do cơ quan tổ chức quyết định (Quyết định số ${current.decisionNumber ?? '…'}): kết quả bầu hoặc luân phiên của cụm không thay thế quyết định này.`);
    }
    await this.checkTerm(m, cluster.id, year, proposed);
    const updated = await this.leadership.updateTerm(m, current, version, { ...proposed, updatedAt: nowIso() });
    const [before, after] = await this.views(m, [current, updated]);
    await this.audit.record(m, { action, entityType: 'leadership_term', entityId: current.id, before, after, reason, organizerId: cluster.organizerId, clusterId: cluster.id });
    return after;
  }

  /** Lịch sử Cụm trưởng, Cụm phó as an Excel workbook. */
  async exportHistory(p: Principal, clusterId: string): Promise<{ fileName: string; content: Buffer }> {
    const { cluster, organizerName, terms } = await this.uow.read(async (m) => {
      const c = await this.access.require(m, p, Permission.ClusterRead, clusterId);
      const t = await this.leadership.terms(m, clusterId, 'ASC');
      return { cluster: c, organizerName: (await this.units.nameOf(m, c.organizerId)) ?? '', terms: await this.views(m, t) };
    });
    const content = await tableWorkbook(
      'Lịch sử luân phiên',
      `LỊCH SỬ CỤM TRƯỞNG, CỤM PHÓ — ${clusterHeading(cluster.name, organizerName)}`,
      [
        { header: 'Năm', width: 8, value: (t: TermView) => t.year },
        { header: 'Cụm trưởng', width: 42, value: (t) => t.chair.name },
        { header: 'Cụm phó', width: 42, value: (t) => t.viceChair?.name ?? '(không ghi nhận)' },
        { header: 'Đơn vị đăng cai', width: 30, value: (t) => t.host?.shortName ?? '' },
        { header: 'Hình thức', width: 28, value: (t) => t.methodLabel },
        { header: 'Quyết định', width: 24, value: (t) => (t.decisionNumber ? `${t.decisionNumber} ngày ${formatDateVi(t.decisionDate!)}` : '') },
        { header: 'Ghi chú', width: 50, value: (t) => t.note ?? '' },
      ],
      terms,
    );
    return { fileName: `Lich-su-luan-phien-${cluster.documentCode}.xlsx`, content };
  }

  /** Records a term inside the caller's transaction (the review meeting's election uses it too). */
  async insertTerm(
    m: EntityManager,
    cluster: Cluster,
    year: number,
    proposed: ProposedTerm,
    reason: string | undefined,
    action = 'leadership.create',
  ): Promise<TermView> {
    if (await this.leadership.termExists(m, cluster.id, year)) {
      throw AppException.field(ErrorCode.LeadershipTermExists, 'year', `Năm ${year} đã có nhiệm kỳ Cụm trưởng, Cụm phó.`);
    }
    await this.checkTerm(m, cluster.id, year, proposed);
    const now = nowIso();
    const term: LeadershipTerm = { id: randomUUID(), clusterId: cluster.id, year, ...proposed, version: 1, createdAt: now, updatedAt: now };
    await this.leadership.insertTerm(m, term);
    const [view] = await this.views(m, [term]);
    await this.audit.record(m, {
      action,
      entityType: 'leadership_term',
      entityId: term.id,
      after: view,
      reason,
      organizerId: cluster.organizerId,
      clusterId: cluster.id,
    });
    return view;
  }

  /** Chair and vice-chair differ and, like the host, are members of the year. */
  private async checkTerm(m: EntityManager, clusterId: string, year: number, t: ProposedTerm): Promise<void> {
    const members = new Set((await this.memberships.inCluster(m, clusterId, year)).map((ms) => ms.unitId));
    if (members.size === 0) throw this.noMembership(year);
    const problems = termProblems({ chairId: t.chairUnitId, viceChairId: t.viceChairUnitId, hostId: t.hostUnitId }, members, year);
    if (problems.length) throw new AppException(ErrorCode.LeadershipInvalid, problems[0].message, problems);
  }

  private noMembership(year: number): AppException {
    return AppException.field(ErrorCode.NoMembership, 'year', `Cụm chưa có thành viên trong năm ${year}: cần quyết định phân cụm trước.`);
  }

  private async views(m: EntityManager, terms: LeadershipTerm[]): Promise<TermView[]> {
    const ids = [...new Set(terms.flatMap((t) => [t.chairUnitId, t.viceChairUnitId, t.hostUnitId]).filter((x): x is string => !!x))];
    const units = await this.units.byIds(m, ids);
    const ref = (id: string | null) => (id ? unitRef(units.get(id), id) : null);
    return terms.map((t) => ({
      id: t.id,
      clusterId: t.clusterId,
      year: t.year,
      chair: ref(t.chairUnitId)!,
      viceChair: ref(t.viceChairUnitId),
      host: ref(t.hostUnitId),
      method: t.method,
      methodLabel: TERM_METHOD_LABELS[t.method],
      decisionNumber: t.decisionNumber,
      decisionDate: t.decisionDate,
      note: t.note,
      version: t.version,
      updatedAt: t.updatedAt,
    }));
  }
}
