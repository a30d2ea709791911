import { sendDocument } from '../common/file-response';
import { Body, Controller, Get, Param, Post, Put, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { HttpResponse } from '../common/http';
import { Auth, CurrentUser } from '../common/auth/auth.decorators';
import type { Principal } from '../common/auth/principal';
import { ALL_ROLES, Role } from '../common/auth/roles';
import { UuidParamPipe, YearParamPipe } from '../common/validation/params';
import { VersionNoParamPipe } from './version-no.pipe';
import { XLSX_MIME } from '../documents/excel/table-workbook';
import { AmendCriteriaDto, CreateCriteriaDto, CriteriaSetView, CriteriaVersionView, ReplaceCriteriaDto } from './criteria.dto';
import { CriteriaService } from './criteria.service';

const MANAGERS = [Role.Admin, Role.MinistryReviewer, Role.ClusterSecretary];

@ApiTags('Bộ tiêu chí')
@Controller('api/clusters/:id/years/:year/criteria')
export class CriteriaController {
  constructor(private readonly criteria: CriteriaService) {}

  @Get()
  @Auth(...ALL_ROLES)
  @ApiOkResponse({ type: CriteriaSetView, description: 'Phiên bản hiện hành.' })
  @ApiOperation({ summary: 'Bộ tiêu chí hiện hành của năm' })
  current(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number): Promise<CriteriaSetView> {
    return this.criteria.current(p, id, year);
  }

  @Get('versions')
  @Auth(...ALL_ROLES)
  @ApiOkResponse({ type: [CriteriaVersionView] })
  @ApiOperation({ summary: 'Các phiên bản của bộ tiêu chí' })
  versions(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number): Promise<CriteriaVersionView[]> {
    return this.criteria.versions(p, id, year);
  }

  @Get('versions/:versionNo')
  @Auth(...ALL_ROLES)
  @ApiOkResponse({ type: CriteriaSetView })
  @ApiOperation({ summary: 'Xem một phiên bản của bộ tiêu chí' })
  version(
    @CurrentUser() p: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Param('year', YearParamPipe) year: number,
    @Param('versionNo', VersionNoParamPipe) versionNo: number,
  ): Promise<CriteriaSetView> {
    return this.criteria.version(p, id, year, versionNo);
  }

  @Get('export')
  @Auth(...ALL_ROLES)
  @ApiOperation({ summary: 'Tải bộ tiêu chí (Excel)' })
  @ApiOkResponse({ description: 'Bộ tiêu chí (tệp .xlsx).', content: { [XLSX_MIME]: { schema: { type: 'string', format: 'binary' } } } })
  async export(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number, @Res() res: HttpResponse): Promise<void> {
    const file = await this.criteria.exportXlsx(p, id, year);
    sendDocument(res, file, XLSX_MIME);
  }

  @Post()
  @Auth(...MANAGERS)
  @ApiCreatedResponse({ type: CriteriaSetView })
  @ApiOperation({ summary: 'Tạo bộ tiêu chí của năm' })
  create(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number, @Body() dto: CreateCriteriaDto): Promise<CriteriaSetView> {
    return this.criteria.create(p, id, year, dto);
  }

  @Put()
  @Auth(...MANAGERS)
  @ApiOkResponse({ type: CriteriaSetView })
  @ApiOperation({ summary: 'Thay toàn bộ nội dung bộ tiêu chí (phiên bản chưa khóa)' })
  replace(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number, @Body() dto: ReplaceCriteriaDto): Promise<CriteriaSetView> {
    return this.criteria.replace(p, id, year, dto);
  }

  @Post('amendments')
  @Auth(...MANAGERS)
  @ApiCreatedResponse({ type: CriteriaSetView })
  @ApiOperation({ summary: 'Sửa đổi bộ tiêu chí đã ký (tạo phiên bản mới)' })
  amend(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number, @Body() dto: AmendCriteriaDto): Promise<CriteriaSetView> {
    return this.criteria.amend(p, id, year, dto);
  }
}
