import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { HttpResponse } from '../common/http';
import { UserQueryDto } from '../auth/users.dto';
import { UsersService } from '../auth/users.service';
import { ClustersService } from '../clusters/clusters.service';
import { Auth, CurrentUser } from '../common/auth/auth.decorators';
import type { Principal } from '../common/auth/principal';
import { Role } from '../common/auth/roles';
import { UuidParamPipe } from '../common/validation/params';
import { SERVER_SECRET } from '../config/config.tokens';
import type { UnitView } from '../units/units.dto';
import { UnitsService } from '../units/units.service';
import { UnitKeysService } from '../documents/signing/unit-keys.service';
import { sendPage, signedInFrame } from './page-response';
import { accountPage } from './views/account.view';
import { accountsPage } from './views/accounts.view';
import { unitEditPage } from './views/unit-edit.view';

/** The administrators' pages: the accounts (list, one account) and the form that edits a unit. */
@ApiExcludeController()
@Controller()
export class AdminPagesController {
  constructor(
    @Inject(SERVER_SECRET) private readonly secret: string,
    private readonly users: UsersService,
    private readonly units: UnitsService,
    private readonly clusters: ClustersService,
    private readonly keys: UnitKeysService,
  ) {}

  @Get('tai-khoan')
  @Auth(Role.Admin)
  async accounts(@CurrentUser() p: Principal, @Query() q: UserQueryDto, @Res() res: HttpResponse): Promise<void> {
    const [users, units, clusters] = await Promise.all([this.users.list({ ...q, limit: q.limit ?? 200 }), this.units.list(p, { limit: 500 }), this.clusters.list(p, {})]);
    // A cluster continued by another after a reorganisation takes no new secretary.
    const continued = new Set(clusters.map((c) => c.predecessorId));
    sendPage(res, accountsPage(signedInFrame(this.secret, p), users, q, units.items, clusters.filter((c) => !continued.has(c.id))));
  }

  @Get('tai-khoan/:id')
  @Auth(Role.Admin)
  async account(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Res() res: HttpResponse): Promise<void> {
    const user = await this.users.get(id);
    const [units, clusters] = await Promise.all([this.unitChoices(p, [user.unitId, user.organizerId]), this.clusters.list(p, {})]);
    const continued = new Set(clusters.map((c) => c.predecessorId));
    sendPage(res, accountPage(signedInFrame(this.secret, p), { user, units, clusters: clusters.filter((c) => !continued.has(c.id) || user.clusterIds.includes(c.id)) }));
  }

  @Get('don-vi/:id/sua')
  @Auth(Role.Admin)
  async unitEdit(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Res() res: HttpResponse): Promise<void> {
    const unit = await this.units.get(p, id);
    const [choices, means] = await Promise.all([this.unitChoices(p, [unit.parentId, unit.successorId]), this.keys.describeKey(unit.id)]);
    sendPage(res, unitEditPage(signedInFrame(this.secret, p), unit, choices, means));
  }

  /** The units a select offers (alphabetical), with the current choices even beyond the first 500. */
  private async unitChoices(p: Principal, current: Array<string | null>): Promise<UnitView[]> {
    const units = (await this.units.list(p, { limit: 500 })).items;
    const missing = current.filter((id): id is string => !!id && !units.some((u) => u.id === id));
    return [...units, ...(await Promise.all(missing.map((id) => this.units.get(p, id))))];
  }
}
