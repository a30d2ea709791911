import { sendDocument } from '../common/file-response';
import { Body, Controller, Get, Param, Post, Put, Res } from '@nestjs/common';
import type { HttpResponse } from '../common/http';
import { MinutesService } from './minutes.service';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentUser } from '../common/auth/auth.decorators';
import type { Principal } from '../common/auth/principal';
import { ALL_ROLES, Role } from '../common/auth/roles';
import { Permission, rolesHolding } from '../access/access.policy';
import { UuidParamPipe, YearParamPipe } from '../common/validation/params';
import { AttendanceDto, AwardQuotasView, BallotsDto, CreateMeetingDto, ElectionDto, MeetingView, QuotasDto } from './awards.dto';
import { TermView } from '../leadership/leadership.dto';
import { AwardCode } from './awards.rules';
import { ReviewMeetingsService } from './review-meetings.service';

/** The meeting's writes: the roles that hold awards.manage (a reviewer reads the meeting, never records it). */
const MANAGERS = rolesHolding(Permission.AwardsManage);

@ApiTags('Bình xét, khen thưởng')
@Controller('api/clusters/:id/years/:year')
export class AwardsController {
  constructor(
    private readonly meetings: ReviewMeetingsService,
    private readonly minutes: MinutesService,
  ) {}

  @Get('review-meeting/minutes.pdf')
  @Auth(...ALL_ROLES)
  @ApiOperation({ summary: 'Tải biên bản họp bình xét (PDF)' })
  @ApiOkResponse({ description: 'Biên bản họp bình xét (tệp PDF có mã xác thực; trước khi cụm gửi đề nghị, thư ký cụm nhận bản dự thảo chưa có số, chưa ký số).', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } })
  async minutesPdf(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number, @Res() res: HttpResponse): Promise<void> {
    const file = await this.minutes.pdf(p, id, year);
    sendDocument(res, file, 'application/pdf');
  }

  @Get('awards/quotas')
  @Auth(...ALL_ROLES)
  @ApiOperation({ summary: 'Xem chỉ tiêu khen thưởng của cụm trong năm' })
  @ApiOkResponse({ type: AwardQuotasView })
  quotas(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number): Promise<Record<AwardCode, number>> {
    return this.meetings.getQuotas(p, id, year);
  }

  @Put('awards/quotas')
  @Auth(Role.Admin, Role.MinistryReviewer)
  @ApiOperation({ summary: 'Cập nhật chỉ tiêu khen thưởng của cụm trong năm' })
  @ApiOkResponse({ type: AwardQuotasView })
  putQuotas(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number, @Body() dto: QuotasDto): Promise<Record<AwardCode, number>> {
    return this.meetings.putQuotas(p, id, year, dto);
  }

  @Get('review-meeting')
  @Auth(...ALL_ROLES)
  @ApiOkResponse({ type: MeetingView })
  @ApiOperation({ summary: 'Xem hội nghị bình xét và kết quả' })
  get(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number): Promise<MeetingView> {
    return this.meetings.get(p, id, year);
  }

  @Post('review-meeting')
  @Auth(...MANAGERS)
  @ApiCreatedResponse({ type: MeetingView })
  @ApiOperation({ summary: 'Ghi nhận hội nghị bình xét' })
  create(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number, @Body() dto: CreateMeetingDto): Promise<MeetingView> {
    return this.meetings.create(p, id, year, dto);
  }

  @Put('review-meeting/attendance')
  @Auth(...MANAGERS)
  @ApiOkResponse({ type: MeetingView })
  @ApiOperation({ summary: 'Cập nhật thành phần tham dự hội nghị bình xét' })
  attendance(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number, @Body() dto: AttendanceDto): Promise<MeetingView> {
    return this.meetings.setAttendance(p, id, year, dto);
  }

  @Post('review-meeting/election')
  @Auth(...MANAGERS)
  @ApiCreatedResponse({ type: TermView, description: 'Bầu Cụm trưởng, Cụm phó năm sau: ghi nhận nhiệm kỳ năm sau.' })
  @ApiOperation({ summary: 'Bầu Cụm trưởng, Cụm phó năm sau' })
  election(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number, @Body() dto: ElectionDto): Promise<TermView> {
    return this.meetings.electNext(p, id, year, dto);
  }

  @Put('review-meeting/ballots')
  @Auth(...MANAGERS)
  @ApiOkResponse({ type: MeetingView })
  @ApiOperation({ summary: 'Ghi nhận kết quả bỏ phiếu bình xét' })
  ballots(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number, @Body() dto: BallotsDto): Promise<MeetingView> {
    return this.meetings.setBallots(p, id, year, dto);
  }
}
