import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentUser } from '../../common/auth/auth.decorators';
import type { Principal } from '../../common/auth/principal';
import { ALL_ROLES, Role } from '../../common/auth/roles';
import { UuidParamPipe, YearParamPipe } from '../../common/validation/params';
import { AnswerContestDto, ContestView, CreateContestDto, ExplanationRoundView, OpenRoundDto } from './contests.dto';
import { ContestsService } from './contests.service';

const MANAGERS = [Role.Admin, Role.MinistryReviewer, Role.ClusterSecretary];

@ApiTags('Chấm điểm')
@Controller('api/clusters/:id/years/:year/scoring/contests')
export class ContestsController {
  constructor(private readonly contests: ContestsService) {}

  @Get()
  @Auth(...ALL_ROLES)
  @ApiQuery({ name: 'unitId', required: false })
  @ApiOkResponse({ type: ExplanationRoundView })
  @ApiOperation({ summary: 'Giải trình: hạn, điểm tạm thời theo tiêu chí của đơn vị và các giải trình' })
  round(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number, @Query('unitId') unitId?: string): Promise<ExplanationRoundView> {
    return this.contests.round(p, id, year, unitId && /^[0-9a-f-]{36}$/i.test(unitId) ? unitId : undefined);
  }

  @Post('round')
  @HttpCode(200)
  @Auth(...MANAGERS)
  @ApiOkResponse({ type: ExplanationRoundView })
  @ApiOperation({ summary: 'Mở (hoặc gia hạn) vòng giải trình sau khi có điểm cụm tạm thời' })
  open(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number, @Body() dto: OpenRoundDto): Promise<ExplanationRoundView> {
    return this.contests.open(p, id, year, dto);
  }

  @Post()
  @Auth(Role.UnitOfficer)
  @ApiCreatedResponse({ type: ContestView })
  @ApiOperation({ summary: 'Đơn vị giải trình (khiếu nại) điểm của một tiêu chí, kèm minh chứng' })
  contest(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number, @Body() dto: CreateContestDto): Promise<ContestView> {
    return this.contests.contest(p, id, year, dto);
  }

  @Post(':contestId/answer')
  @HttpCode(200)
  @Auth(...MANAGERS)
  @ApiOkResponse({ type: ContestView })
  @ApiOperation({ summary: 'Thư ký cụm trả lời giải trình: chấp nhận với điểm mới, hoặc giữ nguyên kèm lý do' })
  answer(
    @CurrentUser() p: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Param('year', YearParamPipe) year: number,
    @Param('contestId', UuidParamPipe) contestId: string,
    @Body() dto: AnswerContestDto,
  ): Promise<ContestView> {
    return this.contests.answer(p, id, year, contestId, dto);
  }
}
