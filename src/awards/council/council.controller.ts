import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { HttpResponse } from '../../common/http';
import { Auth, CurrentUser } from '../../common/auth/auth.decorators';
import type { Principal } from '../../common/auth/principal';
import { Role } from '../../common/auth/roles';
import { sendDocument } from '../../common/file-response';
import { UuidParamPipe } from '../../common/validation/params';
import { CloseCouncilMeetingDto, CouncilAttendanceDto, CouncilBallotsDto, CouncilMeetingView, CouncilMemberView, CreateCouncilMeetingDto, CreateCouncilMemberDto, UpdateCouncilMemberDto } from './council.dto';
import { CouncilService } from './council.service';

const ORGANIZER = [Role.Admin, Role.MinistryReviewer];

@ApiTags('Hội đồng Thi đua – Khen thưởng')
@Controller('api')
export class CouncilController {
  constructor(private readonly council: CouncilService) {}

  @Get('organizers/:organizerId/council/members')
  @Auth(...ORGANIZER)
  @ApiOperation({ summary: 'Thành viên Hội đồng Thi đua – Khen thưởng theo nhiệm kỳ' })
  @ApiOkResponse({ type: [CouncilMemberView] })
  members(@CurrentUser() p: Principal, @Param('organizerId', UuidParamPipe) organizerId: string): Promise<CouncilMemberView[]> {
    return this.council.members(p, organizerId);
  }

  @Post('organizers/:organizerId/council/members')
  @Auth(...ORGANIZER)
  @ApiOperation({ summary: 'Thêm thành viên Hội đồng' })
  @ApiCreatedResponse({ type: CouncilMemberView })
  addMember(@CurrentUser() p: Principal, @Param('organizerId', UuidParamPipe) organizerId: string, @Body() dto: CreateCouncilMemberDto): Promise<CouncilMemberView> {
    return this.council.addMember(p, organizerId, dto);
  }

  @Patch('council/members/:id')
  @Auth(...ORGANIZER)
  @ApiOperation({ summary: 'Sửa thành viên Hội đồng (kể cả ngày kết thúc nhiệm kỳ)' })
  @ApiOkResponse({ type: CouncilMemberView })
  updateMember(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Body() dto: UpdateCouncilMemberDto): Promise<CouncilMemberView> {
    return this.council.updateMember(p, id, dto);
  }

  @Get('council/meetings')
  @Auth(...ORGANIZER)
  @ApiOperation({ summary: 'Các cuộc họp Hội đồng xét khen thưởng' })
  @ApiOkResponse({ type: [CouncilMeetingView] })
  list(@CurrentUser() p: Principal): Promise<CouncilMeetingView[]> {
    return this.council.list(p);
  }

  @Post('council/meetings')
  @Auth(...ORGANIZER)
  @ApiOperation({ summary: 'Lập cuộc họp Hội đồng xét khen thưởng của một năm' })
  @ApiCreatedResponse({ type: CouncilMeetingView })
  create(@CurrentUser() p: Principal, @Body() dto: CreateCouncilMeetingDto): Promise<CouncilMeetingView> {
    return this.council.createMeeting(p, dto);
  }

  @Get('council/meetings/:id')
  @Auth(...ORGANIZER)
  @ApiOperation({ summary: 'Xem cuộc họp Hội đồng: thành phần, tỷ lệ biểu quyết, kết quả' })
  @ApiOkResponse({ type: CouncilMeetingView })
  get(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string): Promise<CouncilMeetingView> {
    return this.council.get(p, id);
  }

  @Put('council/meetings/:id/attendance')
  @Auth(...ORGANIZER)
  @ApiOperation({ summary: 'Ghi nhận thành phần tham dự họp Hội đồng' })
  @ApiOkResponse({ type: CouncilMeetingView })
  attendance(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Body() dto: CouncilAttendanceDto): Promise<CouncilMeetingView> {
    return this.council.setAttendance(p, id, dto);
  }

  @Put('council/meetings/:id/ballots')
  @Auth(...ORGANIZER)
  @ApiOperation({ summary: 'Ghi nhận kết quả biểu quyết của Hội đồng cho từng đề nghị' })
  @ApiOkResponse({ type: CouncilMeetingView })
  ballots(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Body() dto: CouncilBallotsDto): Promise<CouncilMeetingView> {
    return this.council.setBallots(p, id, dto);
  }

  @Post('council/meetings/:id/close')
  @HttpCode(200)
  @Auth(...ORGANIZER)
  @ApiOperation({ summary: 'Chốt kết quả họp Hội đồng' })
  @ApiOkResponse({ type: CouncilMeetingView })
  close(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Body() dto: CloseCouncilMeetingDto): Promise<CouncilMeetingView> {
    return this.council.close(p, id, dto);
  }

  @Get('council/meetings/:id/minutes.pdf')
  @Auth(...ORGANIZER)
  @ApiOperation({ summary: 'Tải biên bản họp Hội đồng (PDF ký số)' })
  @ApiOkResponse({ description: 'Biên bản họp Hội đồng Thi đua – Khen thưởng (tệp PDF có mã xác thực).', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } })
  async minutes(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Res() res: HttpResponse): Promise<void> {
    sendDocument(res, await this.council.minutesPdf(p, id), 'application/pdf', { inline: (res.request.query as Record<string, unknown>).inline === '1' });
  }
}
