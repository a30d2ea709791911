import { sendDocument } from '../common/file-response';
import { Body, Controller, Get, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { HttpResponse } from '../common/http';
import { Auth, CurrentUser } from '../common/auth/auth.decorators';
import type { Principal } from '../common/auth/principal';
import { ALL_ROLES, Role } from '../common/auth/roles';
import { UuidParamPipe, YearParamPipe } from '../common/validation/params';
import { XLSX_MIME } from '../documents/excel/table-workbook';
import {
  ApplyRotationDto,
  CreateTermDto,
  OverrideTermDto,
  PreviewQueryDto,
  PreviewView,
  RotationPolicyDto,
  RotationPolicyView,
  TermView,
} from './leadership.dto';
import { LeadershipService } from './leadership.service';
import { RotationService } from './rotation.service';

const ORGANIZERS = [Role.Admin, Role.MinistryReviewer];
const CLUSTER_MANAGERS = [Role.Admin, Role.MinistryReviewer, Role.ClusterSecretary];

@ApiTags('Cụm trưởng, Cụm phó')
@Controller('api/clusters/:id')
export class LeadershipController {
  constructor(
    private readonly leadership: LeadershipService,
    private readonly rotation: RotationService,
  ) {}

  @Get('leadership')
  @Auth(...ALL_ROLES)
  @ApiOkResponse({ type: [TermView] })
  @ApiOperation({ summary: 'Danh sách nhiệm kỳ Cụm trưởng, Cụm phó' })
  list(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string): Promise<TermView[]> {
    return this.leadership.list(p, id);
  }

  @Get('leadership/export')
  @Auth(...ALL_ROLES)
  @ApiOperation({ summary: 'Tải lịch sử Cụm trưởng, Cụm phó (Excel)' })
  @ApiOkResponse({ description: 'Lịch sử Cụm trưởng, Cụm phó (tệp .xlsx).', content: { [XLSX_MIME]: { schema: { type: 'string', format: 'binary' } } } })
  async export(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Res() res: HttpResponse): Promise<void> {
    const file = await this.leadership.exportHistory(p, id);
    sendDocument(res, file, XLSX_MIME);
  }

  @Get('leadership/:year')
  @Auth(...ALL_ROLES)
  @ApiOkResponse({ type: TermView })
  @ApiOperation({ summary: 'Xem Cụm trưởng, Cụm phó của một năm' })
  get(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number): Promise<TermView> {
    return this.leadership.get(p, id, year);
  }

  @Post('leadership')
  @Auth(...CLUSTER_MANAGERS)
  @ApiCreatedResponse({ type: TermView })
  @ApiOperation({ summary: 'Ghi nhận Cụm trưởng, Cụm phó của một năm' })
  create(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Body() dto: CreateTermDto): Promise<TermView> {
    return this.leadership.create(p, id, dto);
  }

  @Post('leadership/rotate')
  @Auth(...CLUSTER_MANAGERS)
  @ApiCreatedResponse({ type: TermView, description: 'Ghi nhận nhiệm kỳ của năm theo quy tắc luân phiên.' })
  @ApiOperation({ summary: 'Ghi nhận Cụm trưởng, Cụm phó theo quy tắc luân phiên' })
  rotate(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Body() dto: ApplyRotationDto): Promise<TermView> {
    return this.leadership.applyRotation(p, id, dto);
  }

  @Put('leadership/:year/override')
  @Auth(...ORGANIZERS)
  @ApiOkResponse({ type: TermView, description: 'Quyết định của cơ quan tổ chức (có số, ngày và lý do).' })
  @ApiOperation({ summary: 'Đặt Cụm trưởng, Cụm phó theo quyết định của cơ quan tổ chức' })
  override(
    @CurrentUser() p: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Param('year', YearParamPipe) year: number,
    @Body() dto: OverrideTermDto,
  ): Promise<TermView> {
    return this.leadership.override(p, id, year, dto);
  }

  @Get('rotation')
  @Auth(...ALL_ROLES)
  @ApiOkResponse({ type: RotationPolicyView })
  @ApiOperation({ summary: 'Xem quy tắc luân phiên' })
  policy(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string): Promise<RotationPolicyView> {
    return this.rotation.getPolicy(p, id);
  }

  @Put('rotation')
  @Auth(...CLUSTER_MANAGERS)
  @ApiOkResponse({ type: RotationPolicyView })
  @ApiOperation({ summary: 'Cập nhật quy tắc luân phiên' })
  putPolicy(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Body() dto: RotationPolicyDto): Promise<RotationPolicyView> {
    return this.rotation.putPolicy(p, id, dto);
  }

  @Get('rotation/preview')
  @Auth(...ALL_ROLES)
  @ApiOkResponse({ type: PreviewView })
  @ApiOperation({ summary: 'Xem trước lượt luân phiên các năm tới' })
  preview(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Query() q: PreviewQueryDto): Promise<PreviewView> {
    return this.rotation.preview(p, id, q.years ?? 5, q.fromYear);
  }
}
