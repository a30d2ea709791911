import { Controller, Get, Inject, Param, Res, UseGuards } from '@nestjs/common';
import { OpenedYearGuard } from './opened-year.guard';
import { ApiExcludeController } from '@nestjs/swagger';
import type { HttpResponse } from '../common/http';
import { Auth, CurrentUser } from '../common/auth/auth.decorators';
import type { Principal } from '../common/auth/principal';
import { ALL_ROLES, Role } from '../common/auth/roles';
import { BallotSessionsService } from '../awards/ballots/ballot-sessions.service';
import { ClustersService } from '../clusters/clusters.service';
import { AppException } from '../common/errors/app.exception';
import { UuidParamPipe, YearParamPipe } from '../common/validation/params';
import { SERVER_SECRET } from '../config/config.tokens';
import { sendPage, signedInFrame } from './page-response';
import { ballotPage } from './views/ballot.view';

/** The secret ballot's page: voting (a phone is enough), who has voted, and once closed the tally with every receipt. */
@ApiExcludeController()
@Controller()
export class BallotPagesController {
  constructor(
    @Inject(SERVER_SECRET) private readonly secret: string,
    private readonly sessions: BallotSessionsService,
    private readonly clusters: ClustersService,
  ) {}

  @Get('cum/:id/nam/:year/bo-phieu/:sid')
  @UseGuards(OpenedYearGuard)
  @Auth(...ALL_ROLES)
  async ballot(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number, @Param('sid', UuidParamPipe) sid: string, @Res() res: HttpResponse): Promise<void> {
    const cluster = await this.clusters.get(p, id);
    const session = await this.sessions.get(p, sid);
    if (!(await this.sessions.list(p, id, year)).some((s) => s.id === sid)) throw AppException.notFound('phiên bỏ phiếu');
    // The units of the roll the caller votes for (its own, or those it succeeded), not voted yet; none for an ended unit.
    const mine = p.role === Role.UnitOfficer && !p.unitEndedOn ? session.roll.filter((r) => !r.voted && p.unitIds.includes(r.unit.id)).map((r) => ({ id: r.unit.id, name: r.unit.name })) : [];
    sendPage(res, ballotPage(signedInFrame(this.secret, p), cluster, year, session, mine));
  }
}
