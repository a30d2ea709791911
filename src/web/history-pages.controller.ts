import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { ALL_ROLES } from '../common/auth/roles';
import { UuidParamPipe } from '../common/validation/params';
import { ClusterHistoryQueryDto } from '../reports/history.dto';
import { HistoryService } from '../reports/history.service';
import { clusterHistoryPage, unitHistoryPage, unitListPage } from './views/history.view';
import { unitCreateSection } from './views/unit-edit.view';
import { UnitQueryDto } from '../units/units.dto';
import { ApiExcludeController } from '@nestjs/swagger';
import type { HttpResponse } from '../common/http';
import { ClustersService } from '../clusters/clusters.service';
import { DivisionService } from '../clusters/division.service';
import { Auth, CurrentUser } from '../common/auth/auth.decorators';
import type { Principal } from '../common/auth/principal';
import { Role } from '../common/auth/roles';
import { AppException } from '../common/errors/app.exception';
import { todayInVietnam } from '../common/time';
import { SERVER_SECRET } from '../config/config.tokens';
import { UnitOfWork } from '../database/unit-of-work';
import { UnitsRepository } from '../units/units.repository';
import { UnitsService } from '../units/units.service';
import { sendPage, signedInFrame } from './page-response';
import { divisionPage } from './views/division.view';
import type { PageFrame } from './views/layout';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The pages of the reorganisation: the organiser's division of its units into clusters. */
@ApiExcludeController()
@Controller()
export class HistoryPagesController {
  constructor(
    @Inject(SERVER_SECRET) private readonly secret: string,
    private readonly uow: UnitOfWork,
    private readonly clusters: ClustersService,
    private readonly division: DivisionService,
    private readonly units: UnitsService,
    private readonly unitRecords: UnitsRepository,
    private readonly history: HistoryService,
  ) {}

  private frame(p: Principal): PageFrame & { principal: Principal } {
    return signedInFrame(this.secret, p);
  }

  @Get('phan-cum')
  @Auth(Role.Admin, Role.MinistryReviewer)
  async divisionPage(
    @CurrentUser() p: Principal,
    @Query('co-quan') organizerText: string | undefined,
    @Query('nam') yearText: string | undefined,
    @Query('qd') decisionText: string | undefined,
    @Res() res: HttpResponse,
  ): Promise<void> {
    const organizers = (await this.units.list(p, { kind: 'ORGANIZER', limit: 500 })).items;
    const chosen = organizers.find((o) => o.id === organizerText) ?? organizers.find((o) => o.id === p.organizerId) ?? organizers.find((o) => !o.activeTo) ?? organizers[0];
    if (!chosen) throw AppException.notFound('cơ quan tổ chức');
    const year = /^\d{4}$/.test(yearText ?? '') && Number(yearText) >= 2000 && Number(yearText) <= 2100 ? Number(yearText) : Number(todayInVietnam().slice(0, 4));
    const [report, decisions, all] = await Promise.all([this.division.report(p, chosen.id, year), this.clusters.listDecisions(p, { organizerId: chosen.id }), this.clusters.list(p, {})]);
    const applicable = decisions.filter((x) => x.effectiveYear <= year);
    const decision = (decisionText && UUID.test(decisionText) ? applicable.find((x) => x.id === decisionText) : undefined) ?? applicable[0] ?? null;
    const predecessors = new Set(await this.uow.read((m) => this.unitRecords.predecessorIds(m, chosen.id)));
    sendPage(
      res,
      divisionPage(this.frame(p), {
        organizers,
        organizer: chosen,
        year,
        decisions,
        decision,
        report,
        clusters: all.filter((c) => c.organizerId === chosen.id),
        predecessorClusters: all.filter((c) => predecessors.has(c.organizerId)),
      }),
    );
  }

  @Get('don-vi/:id')
  @Auth(...ALL_ROLES)
  async unitPage(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Res() res: HttpResponse): Promise<void> {
    const history = await this.history.unitHistory(p, id);
    // An administrator records a merger from here: the successors it may name are the active units of the same kind.
    const successors = p.role === Role.Admin && !history.unit.successorId ? (await this.units.list(p, { kind: history.unit.kind, limit: 500 })).items.filter((u) => u.id !== id && !u.activeTo) : null;
    sendPage(res, unitHistoryPage(this.frame(p), history, successors));
  }

  @Get('don-vi')
  @Auth(...ALL_ROLES)
  async unitList(@CurrentUser() p: Principal, @Query() q: UnitQueryDto, @Res() res: HttpResponse): Promise<void> {
    const [page, all] = await Promise.all([this.units.list(p, { ...q, limit: q.limit ?? 100 }), p.role === Role.Admin ? this.units.list(p, { limit: 500 }) : null]);
    // An administrator creates a unit under the list; its parent and successor are chosen among all units.
    sendPage(res, unitListPage(this.frame(p), page, q, all ? unitCreateSection(all.items) : null));
  }

  @Get('cum/:id/lich-su')
  @Auth(...ALL_ROLES)
  async clusterHistory(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Query() q: ClusterHistoryQueryDto, @Res() res: HttpResponse): Promise<void> {
    sendPage(res, clusterHistoryPage(this.frame(p), await this.history.clusterHistory(p, id, q.from, q.to)));
  }
}
