import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service';
import { Permission } from '../access/access.policy';
import type { Principal } from '../common/auth/principal';
import { AuditService } from '../audit/audit.service';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-codes';
import { formatDateVi, nowIso, todayInVietnam } from '../common/time';
import { UnitOfWork } from '../database/unit-of-work';
import { CreateYearDto, PhasesDto, UpdateYearDto, YearView } from './clusters.dto';
import { EmulationYear } from './emulation-year.entity';
import { EmulationYearsRepository } from './emulation-years.repository';
import { MembershipsRepository } from './memberships.repository';
import { PHASE_KEYS, Phases, isReplay, phaseProblems } from './phases.rules';
import { UnitsRepository } from '../units/units.repository';
import { organizerYearProblem } from '../units/units.rules';

/** Năm thi đua of a cluster and its phase dates; run by the cluster's secretariat. */
@Injectable()
export class EmulationYearsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly years: EmulationYearsRepository,
    private readonly memberships: MembershipsRepository,
    private readonly units: UnitsRepository,
  ) {}

  list(p: Principal, clusterId: string): Promise<YearView[]> {
    return this.uow.read(async (m) => {
      await this.access.require(m, p, Permission.ClusterRead, clusterId);
      const years = await this.years.list(m, clusterId);
      return Promise.all(years.map((y) => this.view(m, y)));
    });
  }

  get(p: Principal, clusterId: string, year: number): Promise<YearView> {
    return this.uow.read(async (m) => {
      await this.access.require(m, p, Permission.ClusterRead, clusterId);
      return this.view(m, await this.find(m, clusterId, year));
    });
  }

  /**
   * The year as the pages know it: opened (its view), or never opened but with members (a division recorded, or a
   * past year entered through the API: its pages work on the members); neither answers 404 like `get`.
   */
  getOrMembers(p: Principal, clusterId: string, year: number): Promise<{ opened: YearView } | { notOpened: { memberCount: number } }> {
    return this.uow.read(async (m) => {
      await this.access.require(m, p, Permission.ClusterRead, clusterId);
      const row = await this.years.find(m, clusterId, year);
      if (row) return { opened: await this.view(m, row) };
      // Every membership of the year counts, a unit that left it on a merger included.
      const memberCount = (await this.memberships.list(m, clusterId, year)).length;
      if (!memberCount) await this.find(m, clusterId, year);
      return { notOpened: { memberCount } };
    });
  }

  create(p: Principal, clusterId: string, dto: CreateYearDto): Promise<YearView> {
    return this.uow.write(async (m) => {
      const cluster = await this.access.require(m, p, Permission.YearManage, clusterId, dto.year);
      if (await this.years.exists(m, clusterId, dto.year)) {
        throw AppException.field(ErrorCode.Duplicate, 'year', `Năm thi đua ${dto.year} của cụm này đã được tạo.`);
      }
      const organizer = await this.units.get(m, cluster.organizerId);
      const ended = organizerYearProblem(organizer, dto.year, (await this.units.successorNow(m, organizer.id, `${dto.year}-12-31`))?.name ?? null);
      if (ended) throw AppException.field(ErrorCode.UnitInactive, 'year', ended);
      if (!(await this.memberships.anyInYear(m, clusterId, dto.year))) {
        throw AppException.field(
          ErrorCode.BusinessRule,
          'year',
          `Cụm chưa có thành viên trong năm ${dto.year}: cần quyết định phân cụm trước khi mở năm thi đua.`,
        );
      }
      const phases = this.checkedPhases(dto.year, phasesOf(dto));
      const now = nowIso();
      const row: EmulationYear = { id: randomUUID(), clusterId, year: dto.year, ...phases, version: 1, createdAt: now, updatedAt: now };
      await this.years.insert(m, row);
      const view = await this.view(m, row);
      await this.audit.record(m, {
        action: 'emulation_year.create',
        entityType: 'emulation_year',
        entityId: row.id,
        after: view,
        reason: dto.reason,
        organizerId: cluster.organizerId,
        clusterId,
      });
      return view;
    });
  }

  update(p: Principal, clusterId: string, year: number, dto: UpdateYearDto): Promise<YearView> {
    return this.uow.write(async (m) => {
      const cluster = await this.access.require(m, p, Permission.YearManage, clusterId, year);
      const current = await this.find(m, clusterId, year);
      const merged = { ...phasesOf(current), ...definedPhases(dto) };
      const phases = this.checkedPhases(year, merged);
      // Saving the dates as they are changes nothing: no new version, no entry in the trail.
      const was = phasesOf(current);
      if ((Object.keys(phases) as Array<keyof Phases>).every((k) => (phases[k] ?? null) === (was[k] ?? null))) {
        if (dto.version !== current.version) throw AppException.stale(current.version);
        return this.view(m, current);
      }
      const updated = await this.years.update(m, current, dto.version, { ...phases, updatedAt: nowIso() });
      const [before, after] = [await this.view(m, current), await this.view(m, updated)];
      await this.audit.record(m, {
        action: 'emulation_year.update',
        entityType: 'emulation_year',
        entityId: current.id,
        before,
        after,
        reason: dto.reason,
        organizerId: cluster.organizerId,
        clusterId,
      });
      return after;
    });
  }

  private checkedPhases(year: number, phases: Phases): Phases {
    const problems = phaseProblems(year, phases);
    if (problems.length) throw new AppException(ErrorCode.InvalidPhaseOrder, problems[0].message, problems);
    return phases;
  }

  private async find(m: EntityManager, clusterId: string, year: number): Promise<EmulationYear> {
    const row = await this.years.find(m, clusterId, year);
    if (!row) throw AppException.notFound(`năm thi đua ${year} của cụm này`, 'year');
    return row;
  }

  private async view(m: EntityManager, y: EmulationYear): Promise<YearView> {
    const memberCount = await this.memberships.count(m, y.clusterId, y.year);
    const opened = todayInVietnam(new Date(y.createdAt));
    const replay = isReplay(y.year, opened);
    return {
      id: y.id,
      clusterId: y.clusterId,
      year: y.year,
      ...phasesOf(y),
      memberCount,
      replay,
      replayNote: replay
        ? `Năm thi đua ${y.year} được mở ngày ${formatDateVi(opened)}, sau khi năm đã kết thúc: đây là nhập lại dữ liệu của năm đã qua; mỗi văn bản mang ngày của việc nó ghi nhận và căn cứ pháp lý của ngày đó.`
        : null,
      version: y.version,
      createdAt: y.createdAt,
      updatedAt: y.updatedAt,
    };
  }
}

function phasesOf(source: Partial<Phases>): Phases {
  return Object.fromEntries(PHASE_KEYS.map((k) => [k, source[k] ?? null])) as unknown as Phases;
}

/** Only the phases the client sent (undefined = unchanged, null = cleared). */
function definedPhases(dto: PhasesDto): Partial<Phases> {
  return Object.fromEntries(PHASE_KEYS.filter((k) => dto[k] !== undefined).map((k) => [k, dto[k]])) as Partial<Phases>;
}
