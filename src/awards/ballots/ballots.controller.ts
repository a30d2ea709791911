import { Body, Controller, Get, Param, Post, Res, UploadedFile, UseGuards, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-fastify/multipart';
import type { UploadedFileData } from '../../common/http';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { HttpResponse } from '../../common/http';
import { UploadTargetGuard } from '../../auth/upload-target.guard';
import { sendUploadedFile } from '../../common/file-response';
import { AppException } from '../../common/errors/app.exception';
import { ErrorCode } from '../../common/errors/error-codes';
import { singleFileUpload } from '../../common/validation/input-hygiene';
import { OPINION_LETTERS, WrittenOpinionsService } from './written-opinions.service';
import { Auth, CurrentUser } from '../../common/auth/auth.decorators';
import type { Principal } from '../../common/auth/principal';
import { ALL_ROLES, Role } from '../../common/auth/roles';
import { Permission, rolesHolding } from '../../access/access.policy';
import { UuidParamPipe, YearParamPipe } from '../../common/validation/params';
import { BallotCastingService } from './ballot-casting.service';
import { BallotSessionsService } from './ballot-sessions.service';
import { BallotSessionView, CastBallotDto, CloseBallotDto, OpenBallotDto, PaperCountDto, ReceiptView, TieDecisionDto, WrittenOpinionDto } from './ballots.dto';

/** Opening, counting and closing the cluster's ballots: the roles that hold awards.manage. */
const MANAGERS = rolesHolding(Permission.AwardsManage);

@ApiTags('Bình xét, khen thưởng')
@Controller('api')
export class BallotsController {
  constructor(
    private readonly sessions: BallotSessionsService,
    private readonly casting: BallotCastingService,
    private readonly opinions: WrittenOpinionsService,
  ) {}

  @Get('clusters/:id/years/:year/review-meeting/ballot-sessions')
  @Auth(...ALL_ROLES)
  @ApiOperation({ summary: 'Các phiên bỏ phiếu kín của hội nghị bình xét' })
  @ApiOkResponse({ type: [BallotSessionView] })
  list(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number): Promise<BallotSessionView[]> {
    return this.sessions.list(p, id, year);
  }

  @Post('clusters/:id/years/:year/review-meeting/ballot-sessions')
  @Auth(...MANAGERS)
  @ApiOperation({ summary: 'Mở phiên bỏ phiếu kín cho một danh hiệu (kiểm tra số thành viên có mặt theo quy chế)' })
  @ApiCreatedResponse({ type: BallotSessionView })
  open(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number, @Body() dto: OpenBallotDto): Promise<BallotSessionView> {
    return this.sessions.open(p, id, year, dto);
  }

  @Get('ballot-sessions/:sid')
  @Auth(...ALL_ROLES)
  @ApiOperation({ summary: 'Xem phiên bỏ phiếu: ai đã bỏ phiếu (không cho biết bỏ thế nào); khi đã đóng, kết quả và các phiếu theo mã biên nhận' })
  @ApiOkResponse({ type: BallotSessionView })
  get(@CurrentUser() p: Principal, @Param('sid', UuidParamPipe) sid: string): Promise<BallotSessionView> {
    return this.sessions.get(p, sid);
  }

  @Post('ballot-sessions/:sid/votes')
  @Auth(Role.UnitOfficer)
  @ApiOperation({ summary: 'Đơn vị bỏ phiếu (một lần); trả mã biên nhận, chỉ hiển thị một lần' })
  @ApiCreatedResponse({ type: ReceiptView })
  vote(@CurrentUser() p: Principal, @Param('sid', UuidParamPipe) sid: string, @Body() dto: CastBallotDto): Promise<ReceiptView> {
    return this.casting.vote(p, sid, dto);
  }

  @Post('ballot-sessions/:sid/paper-counts')
  @Auth(...MANAGERS)
  @ApiOperation({ summary: 'Nhập kết quả kiểm phiếu giấy (hai người nhập độc lập; chấp nhận khi khớp nhau)' })
  @ApiCreatedResponse({ type: BallotSessionView })
  paperCount(@CurrentUser() p: Principal, @Param('sid', UuidParamPipe) sid: string, @Body() dto: PaperCountDto): Promise<BallotSessionView> {
    return this.casting.enterCounts(p, sid, dto);
  }

  @Post('ballot-sessions/:sid/close')
  @Auth(...MANAGERS)
  @ApiOperation({ summary: 'Đóng phiên bỏ phiếu, ghi Ban kiểm phiếu và công bố kết quả' })
  @ApiCreatedResponse({ type: BallotSessionView })
  close(@CurrentUser() p: Principal, @Param('sid', UuidParamPipe) sid: string, @Body() dto: CloseBallotDto): Promise<BallotSessionView> {
    return this.sessions.close(p, sid, dto);
  }

  @Post('ballot-sessions/:sid/tie-decision')
  @Auth(...MANAGERS)
  @ApiOperation({ summary: 'Ghi nhận quyết định của chủ trì khi đồng phiếu ở vị trí cuối trong chỉ tiêu' })
  @ApiCreatedResponse({ type: BallotSessionView })
  tie(@CurrentUser() p: Principal, @Param('sid', UuidParamPipe) sid: string, @Body() dto: TieDecisionDto): Promise<BallotSessionView> {
    return this.sessions.decideTie(p, sid, dto);
  }

  @Post('ballot-sessions/:sid/written-opinions')
  @Auth(...MANAGERS)
  @UseGuards(UploadTargetGuard(WrittenOpinionsService))
  @UseInterceptors(FileInterceptor('file', singleFileUpload(OPINION_LETTERS.maxBytes, 60)))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary', description: 'Văn bản ý kiến (bản quét PDF hoặc ảnh), tối đa 20 MB.' }, unitId: { type: 'string', format: 'uuid' }, choices: { type: 'string', description: 'Mã các ứng viên được đồng ý, cách nhau bởi dấu phẩy.' } } } })
  @ApiOperation({ summary: 'Ghi nhận ý kiến bằng văn bản của thành viên vắng mặt, kèm văn bản quét' })
  @ApiCreatedResponse({ type: BallotSessionView })
  writtenOpinion(@CurrentUser() p: Principal, @Param('sid', UuidParamPipe) sid: string, @Body() dto: WrittenOpinionDto, @UploadedFile() file: UploadedFileData | undefined): Promise<BallotSessionView> {
    if (!file) throw AppException.field(ErrorCode.ValidationFailed, 'file', 'Cần tải lên văn bản ý kiến.');
    return this.opinions.record(p, sid, dto, file);
  }

  @Get('ballot-sessions/:sid/written-opinions/:opinionId')
  @Auth(...ALL_ROLES)
  @ApiOperation({ summary: 'Tải về văn bản ý kiến của thành viên vắng mặt' })
  @ApiOkResponse({ description: 'Văn bản ý kiến, đúng định dạng đã tải lên.', content: { '*/*': { schema: { type: 'string', format: 'binary' } } } })
  async letter(@CurrentUser() p: Principal, @Param('sid', UuidParamPipe) sid: string, @Param('opinionId', UuidParamPipe) opinionId: string, @Res() res: HttpResponse): Promise<void> {
    sendUploadedFile(res, await this.opinions.download(p, sid, opinionId));
  }
}
