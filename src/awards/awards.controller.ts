import { Body, Controller, Get, Param, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentUser } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ALL_ROLES, Role } from '../auth/roles';
import { UuidParamPipe, YearParamPipe } from '../common/validation/params';
import { AttendanceDto, BallotsDto, CreateMeetingDto, MeetingView, QuotasDto } from './awards.dto';
import { AwardCode } from './awards.rules';
import { ReviewMeetingsService } from './review-meetings.service';

const MANAGERS = [Role.Admin, Role.MinistryReviewer, Role.ClusterSecretary];

@ApiTags('Bình xét, khen thưởng')
@Controller('api/clusters/:id/years/:year')
export class AwardsController {
  constructor(private readonly meetings: ReviewMeetingsService) {}

  @Get('awards/quotas')
  @Auth(...ALL_ROLES)
  quotas(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number): Promise<Record<AwardCode, number>> {
    return this.meetings.getQuotas(p, id, year);
  }

  @Put('awards/quotas')
  @Auth(Role.Admin, Role.MinistryReviewer)
  putQuotas(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number, @Body() dto: QuotasDto): Promise<Record<AwardCode, number>> {
    return this.meetings.putQuotas(p, id, year, dto);
  }

  @Get('review-meeting')
  @Auth(...ALL_ROLES)
  @ApiOkResponse({ type: MeetingView })
  get(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number): Promise<MeetingView> {
    return this.meetings.get(p, id, year);
  }

  @Post('review-meeting')
  @Auth(...MANAGERS)
  @ApiCreatedResponse({ type: MeetingView })
  create(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number, @Body() dto: CreateMeetingDto): Promise<MeetingView> {
    return this.meetings.create(p, id, year, dto);
  }

  @Put('review-meeting/attendance')
  @Auth(...MANAGERS)
  @ApiOkResponse({ type: MeetingView })
  attendance(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number, @Body() dto: AttendanceDto): Promise<MeetingView> {
    return this.meetings.setAttendance(p, id, year, dto);
  }

  @Put('review-meeting/ballots')
  @Auth(...MANAGERS)
  @ApiOkResponse({ type: MeetingView })
  ballots(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number, @Body() dto: BallotsDto): Promise<MeetingView> {
    return this.meetings.setBallots(p, id, year, dto);
  }
}
