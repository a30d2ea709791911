import { sendDocument } from '../common/file-response';
import { Body, Controller, Get, HttpCode, Param, Patch, Post, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Auth, CurrentUser } from '../common/auth/auth.decorators';
import type { Principal } from '../common/auth/principal';
import { ALL_ROLES, Role } from '../common/auth/roles';
import { UuidParamPipe, YearParamPipe } from '../common/validation/params';
import { PledgeDocumentService } from './pledge-document.service';
import { PledgeSigningService } from './pledge-signing.service';
import { CreatePledgeDto, OpenPledgeDto, PledgeView, SignPledgeDto, UpdatePledgeDto, WithdrawSignatureDto } from './pledges.dto';
import { PledgesService } from './pledges.service';

const MANAGERS = [Role.Admin, Role.MinistryReviewer, Role.ClusterSecretary];

@ApiTags('Giao ước thi đua')
@Controller('api/clusters/:id/years/:year/pledge')
export class PledgesController {
  constructor(
    private readonly pledges: PledgesService,
    private readonly signing: PledgeSigningService,
    private readonly documents: PledgeDocumentService,
  ) {}

  @Get()
  @Auth(...ALL_ROLES)
  @ApiOkResponse({ type: PledgeView })
  @ApiOperation({ summary: 'Xem bản giao ước thi đua của năm' })
  get(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number): Promise<PledgeView> {
    return this.pledges.get(p, id, year);
  }

  @Post()
  @Auth(...MANAGERS)
  @ApiCreatedResponse({ type: PledgeView })
  @ApiOperation({ summary: 'Soạn bản giao ước thi đua' })
  create(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number, @Body() dto: CreatePledgeDto): Promise<PledgeView> {
    return this.pledges.create(p, id, year, dto);
  }

  @Patch()
  @Auth(...MANAGERS)
  @ApiOkResponse({ type: PledgeView })
  @ApiOperation({ summary: 'Sửa bản giao ước thi đua' })
  update(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number, @Body() dto: UpdatePledgeDto): Promise<PledgeView> {
    return this.pledges.update(p, id, year, dto);
  }

  @Post('open')
  @Auth(...MANAGERS)
  @HttpCode(200)
  @ApiOkResponse({ type: PledgeView })
  @ApiOperation({ summary: 'Mở ký bản giao ước thi đua' })
  open(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number, @Body() dto: OpenPledgeDto): Promise<PledgeView> {
    return this.pledges.open(p, id, year, dto);
  }

  @Post('signatures')
  @Auth(Role.UnitOfficer)
  @ApiCreatedResponse({ type: PledgeView, description: 'Đơn vị của người dùng ký bản giao ước.' })
  @ApiOperation({ summary: 'Ký bản giao ước (đơn vị thành viên)' })
  sign(
    @CurrentUser() p: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Param('year', YearParamPipe) year: number,
    @Body() dto: SignPledgeDto,
    @Req() req: Request,
  ): Promise<PledgeView> {
    return this.signing.sign(p, id, year, dto, req.header('user-agent'));
  }

  @Post('signatures/withdraw')
  @Auth(Role.UnitOfficer)
  @HttpCode(200)
  @ApiOkResponse({ type: PledgeView })
  @ApiOperation({ summary: 'Rút chữ ký khỏi bản giao ước' })
  withdraw(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number, @Body() dto: WithdrawSignatureDto): Promise<PledgeView> {
    return this.signing.withdraw(p, id, year, dto);
  }

  @Get('pdf')
  @Auth(...ALL_ROLES)
  @ApiOperation({ summary: 'Tải bản giao ước thi đua (PDF)' })
  @ApiOkResponse({ description: 'Bản giao ước thi đua (tệp PDF có mã xác thực).', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } })
  async pdf(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number, @Res() res: Response): Promise<void> {
    const file = await this.documents.pdf(p, id, year);
    sendDocument(res, file, 'application/pdf');
  }
}
