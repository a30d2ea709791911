import { sendDocument } from '../common/file-response';
import { Body, Controller, Get, HttpCode, Param, Patch, Post, Req, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-fastify/multipart';
import type { UploadedFileData } from '../common/http';
import { singleFileUpload } from '../common/validation/input-hygiene';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-codes';
import { PledgeSignedFileService } from './pledge-signed-file.service';
import { ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { HttpRequest, HttpResponse } from '../common/http';
import { Auth, CurrentUser } from '../common/auth/auth.decorators';
import type { Principal } from '../common/auth/principal';
import { ALL_ROLES, Role } from '../common/auth/roles';
import { UuidParamPipe, YearParamPipe } from '../common/validation/params';
import { PledgeDocumentService } from './pledge-document.service';
import { PledgeSigningService } from './pledge-signing.service';
import { CertificateDto, CreatePledgeDto, OpenPledgeDto, PledgeView, RecordPaperSignatureDto, SignPledgeDto, UpdatePledgeDto, WithdrawPaperSignatureDto, WithdrawSignatureDto } from './pledges.dto';
import { PledgesService } from './pledges.service';

/** A signed pledge of many members with their certificates stays well under this. */
const MAX_SIGNED_BYTES = 30 * 1024 * 1024;
const MANAGERS = [Role.Admin, Role.MinistryReviewer, Role.ClusterSecretary];

@ApiTags('Giao ước thi đua')
@Controller('api/clusters/:id/years/:year/pledge')
export class PledgesController {
  constructor(
    private readonly pledges: PledgesService,
    private readonly signing: PledgeSigningService,
    private readonly documents: PledgeDocumentService,
    private readonly signedFile: PledgeSignedFileService,
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
    @Req() req: HttpRequest,
  ): Promise<PledgeView> {
    return this.signing.sign(p, id, year, dto, req.headers['user-agent']);
  }

  @Post('signatures/withdraw')
  @Auth(Role.UnitOfficer)
  @HttpCode(200)
  @ApiOkResponse({ type: PledgeView })
  @ApiOperation({ summary: 'Rút chữ ký khỏi bản giao ước' })
  withdraw(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number, @Body() dto: WithdrawSignatureDto): Promise<PledgeView> {
    return this.signing.withdraw(p, id, year, dto);
  }

  @Post('paper-signatures')
  @Auth(...MANAGERS)
  @ApiCreatedResponse({ type: PledgeView, description: 'Chữ ký của đơn vị trên bản giấy, do thư ký cụm ghi nhận.' })
  @ApiOperation({ summary: 'Ghi nhận chữ ký trên bản giấy (tại hội nghị ký giao ước, hoặc nhập bổ sung giao ước các năm trước)' })
  recordPaper(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number, @Body() dto: RecordPaperSignatureDto): Promise<PledgeView> {
    return this.signing.recordPaper(p, id, year, dto);
  }

  @Post('paper-signatures/withdraw')
  @Auth(...MANAGERS)
  @HttpCode(200)
  @ApiOkResponse({ type: PledgeView })
  @ApiOperation({ summary: 'Hủy ghi nhận chữ ký trên bản giấy' })
  withdrawPaper(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number, @Body() dto: WithdrawPaperSignatureDto): Promise<PledgeView> {
    return this.signing.withdrawPaper(p, id, year, dto);
  }

  @Get('pdf')
  @Auth(...ALL_ROLES)
  @ApiOperation({ summary: 'Tải bản giao ước thi đua (PDF)' })
  @ApiOkResponse({ description: 'Bản giao ước thi đua (tệp PDF có mã xác thực).', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } })
  async pdf(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number, @Res() res: HttpResponse): Promise<void> {
    const file = await this.documents.pdf(p, id, year);
    sendDocument(res, file, 'application/pdf');
  }

  @Get('signed-pdf')
  @Auth(...ALL_ROLES)
  @ApiOperation({ summary: 'Tải bản giao ước ký số (PDF, phiên bản mới nhất: mỗi đơn vị ký bằng khóa của mình)' })
  @ApiOkResponse({ description: 'Bản giao ước ký số PAdES, một phiên bản cho mỗi chữ ký.', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } })
  async signedPdf(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number, @Res() res: HttpResponse): Promise<void> {
    sendDocument(res, await this.signedFile.current(p, id, year), 'application/pdf');
  }

  @Post('signatures/upload')
  @Auth(Role.UnitOfficer)
  @UseInterceptors(FileInterceptor('file', singleFileUpload(MAX_SIGNED_BYTES, 4)))
  @ApiConsumes('multipart/form-data')
  @ApiCreatedResponse({ type: PledgeView, description: 'Phiên bản đơn vị đã ký bằng công cụ riêng (token, phần mềm ký) được chấp nhận.' })
  @ApiOperation({ summary: 'Gửi bản giao ước đơn vị đã ký số bằng công cụ riêng' })
  async upload(
    @CurrentUser() p: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Param('year', YearParamPipe) year: number,
    @UploadedFile() file: UploadedFileData | undefined,
    @Body() dto: SignPledgeDto,
    @Req() req: HttpRequest,
  ): Promise<PledgeView> {
    if (!file) throw AppException.field(ErrorCode.ValidationFailed, 'file', 'Cần tải lên tệp PDF đã ký.');
    return this.signing.signUpload(p, id, year, dto, file.buffer, req.headers['user-agent']);
  }

  @Post('signatures/certificate')
  @Auth(Role.UnitOfficer)
  @UseInterceptors(FileInterceptor('file', singleFileUpload(64 * 1024, 2)))
  @ApiConsumes('multipart/form-data')
  @ApiCreatedResponse({ description: 'Chứng thư số của đơn vị đã được đăng ký để ký ngoài hệ thống.' })
  @ApiOperation({ summary: 'Đăng ký chứng thư số đơn vị dùng để ký bằng công cụ riêng' })
  async certificate(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number, @UploadedFile() file: UploadedFileData | undefined, @Body() dto: CertificateDto): Promise<{ sha256: string; subject: string }> {
    if (!file) throw AppException.field(ErrorCode.ValidationFailed, 'file', 'Cần tải lên tệp chứng thư số.');
    return this.signing.registerCertificate(p, id, year, dto.unitId, file.buffer);
  }
}
