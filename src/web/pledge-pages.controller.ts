import { Controller, Get, Inject, Param, Res, UseGuards } from '@nestjs/common';
import { OpenedYearGuard } from './opened-year.guard';
import { ApiExcludeController } from '@nestjs/swagger';
import type { HttpResponse } from '../common/http';
import { AccessService } from '../access/access.service';
import { Permission } from '../access/access.policy';
import { ClustersService } from '../clusters/clusters.service';
import { Auth, CurrentUser } from '../common/auth/auth.decorators';
import type { Principal } from '../common/auth/principal';
import { ALL_ROLES } from '../common/auth/roles';
import { UuidParamPipe, YearParamPipe } from '../common/validation/params';
import { SERVER_SECRET } from '../config/config.tokens';
import { CriteriaService } from '../criteria/criteria.service';
import { UnitOfWork } from '../database/unit-of-work';
import { PledgesService } from '../pledges/pledges.service';
import { orNull, sendPage, signedInFrame } from './page-response';
import { criteriaPage } from './views/criteria.view';
import { CriteriaTargetsService } from '../criteria/criteria-targets.service';
import { pledgePage } from './views/pledge.view';

/**
 * The pages of a year's pledge and its criteria (giao ước thi đua, bộ tiêu chí): read through the API's services (the
 * same scope checks), changed by the pages' scripts through the JSON API.
 */
@ApiExcludeController()
@Controller()
export class PledgePagesController {
  constructor(
    @Inject(SERVER_SECRET) private readonly secret: string,
    private readonly uow: UnitOfWork,
    private readonly access: AccessService,
    private readonly clusters: ClustersService,
    private readonly pledges: PledgesService,
    private readonly criteria: CriteriaService,
    private readonly targets: CriteriaTargetsService,
  ) {}

  /** Whether the caller may change the data of this cluster-year (the same rule the services apply). */
  private canManageYear(p: Principal, clusterId: string, year: number): Promise<boolean> {
    return this.uow.read((m) => this.access.can(m, p, Permission.YearManage, clusterId, year));
  }

  @Get('cum/:id/nam/:year/giao-uoc')
  @UseGuards(OpenedYearGuard)
  @Auth(...ALL_ROLES)
  async pledge(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number, @Res() res: HttpResponse): Promise<void> {
    const cluster = await this.clusters.get(p, id);
    const [pledge, criteria, canManage] = await Promise.all([orNull(this.pledges.get(p, id, year)), orNull(this.criteria.current(p, id, year)), this.canManageYear(p, id, year)]);
    const choices = !pledge && !criteria && canManage ? await this.criteria.choices(p, id, year) : null;
    sendPage(res, pledgePage(signedInFrame(this.secret, p), { cluster, year, pledge, criteria, choices, canManage }));
  }

  @Get('cum/:id/nam/:year/tieu-chi')
  @UseGuards(OpenedYearGuard)
  @Auth(...ALL_ROLES)
  async criteriaSet(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number, @Res() res: HttpResponse): Promise<void> {
    const cluster = await this.clusters.get(p, id);
    const [set, versions, pledge, canManage, targets] = await Promise.all([
      orNull(this.criteria.current(p, id, year)),
      this.criteria.versions(p, id, year),
      orNull(this.pledges.get(p, id, year)),
      this.canManageYear(p, id, year),
      orNull(this.targets.get(p, id, year)),
    ]);
    const choices = !set && canManage ? await this.criteria.choices(p, id, year) : null;
    sendPage(res, criteriaPage(signedInFrame(this.secret, p), { cluster, year, set, versions, choices, pledge, canManage, targets }));
  }
}
