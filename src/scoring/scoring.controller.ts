import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentUser } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ALL_ROLES, Role } from '../auth/roles';
import { UuidParamPipe, YearParamPipe } from '../common/validation/params';
import { ScoreSheetsService } from './score-sheets.service';
import {
  AssignmentView,
  CreateSheetDto,
  FinalizeDto,
  RankingView,
  ReturnSheetDto,
  SaveEntriesDto,
  ScoringConfigDto,
  ScoringConfigView,
  SheetActionDto,
  SheetQueryDto,
  SheetView,
} from './scoring.dto';
import { ScoringService } from './scoring.service';

const MANAGERS = [Role.Admin, Role.MinistryReviewer, Role.ClusterSecretary];

@ApiTags('Chấm điểm, xếp hạng')
@Controller('api/clusters/:id/years/:year/scoring')
export class ScoringController {
  constructor(
    private readonly scoring: ScoringService,
    private readonly sheets: ScoreSheetsService,
  ) {}

  @Get('config')
  @Auth(...ALL_ROLES)
  @ApiOkResponse({ type: ScoringConfigView })
  config(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number): Promise<ScoringConfigView> {
    return this.scoring.getConfig(p, id, year);
  }

  @Put('config')
  @Auth(...MANAGERS)
  @ApiOkResponse({ type: ScoringConfigView })
  putConfig(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number, @Body() dto: ScoringConfigDto): Promise<ScoringConfigView> {
    return this.scoring.putConfig(p, id, year, dto);
  }

  @Get('assignments')
  @Auth(...ALL_ROLES)
  @ApiOkResponse({ type: [AssignmentView] })
  assignments(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number): Promise<AssignmentView[]> {
    return this.scoring.assignments(p, id, year);
  }

  @Get('ranking')
  @Auth(...ALL_ROLES)
  @ApiOkResponse({ type: RankingView })
  ranking(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number): Promise<RankingView> {
    return this.scoring.ranking(p, id, year);
  }

  @Post('finalize')
  @Auth(...MANAGERS)
  @HttpCode(200)
  finalize(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number, @Body() dto: FinalizeDto): Promise<{ locked: number; publishedAt: string }> {
    return this.sheets.finalize(p, id, year, dto.reason);
  }

  @Get('sheets')
  @Auth(...ALL_ROLES)
  @ApiOkResponse({ type: [SheetView] })
  list(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number, @Query() q: SheetQueryDto): Promise<SheetView[]> {
    return this.sheets.list(p, id, year, q);
  }

  @Post('sheets')
  @Auth(...ALL_ROLES)
  @ApiCreatedResponse({ type: SheetView })
  create(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number, @Body() dto: CreateSheetDto): Promise<SheetView> {
    return this.sheets.create(p, id, year, dto);
  }

  @Get('sheets/:sheetId')
  @Auth(...ALL_ROLES)
  @ApiOkResponse({ type: SheetView })
  get(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number, @Param('sheetId', UuidParamPipe) sheetId: string): Promise<SheetView> {
    return this.sheets.get(p, id, year, sheetId);
  }

  @Put('sheets/:sheetId/entries')
  @Auth(...ALL_ROLES)
  @ApiOkResponse({ type: SheetView })
  save(
    @CurrentUser() p: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Param('year', YearParamPipe) year: number,
    @Param('sheetId', UuidParamPipe) sheetId: string,
    @Body() dto: SaveEntriesDto,
  ): Promise<SheetView> {
    return this.sheets.saveEntries(p, id, year, sheetId, dto);
  }

  @Post('sheets/:sheetId/submit')
  @Auth(...ALL_ROLES)
  @HttpCode(200)
  @ApiOkResponse({ type: SheetView })
  submit(
    @CurrentUser() p: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Param('year', YearParamPipe) year: number,
    @Param('sheetId', UuidParamPipe) sheetId: string,
    @Body() dto: SheetActionDto,
  ): Promise<SheetView> {
    return this.sheets.submit(p, id, year, sheetId, dto);
  }

  @Post('sheets/:sheetId/return')
  @Auth(...MANAGERS)
  @HttpCode(200)
  @ApiOkResponse({ type: SheetView })
  returnSheet(
    @CurrentUser() p: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Param('year', YearParamPipe) year: number,
    @Param('sheetId', UuidParamPipe) sheetId: string,
    @Body() dto: ReturnSheetDto,
  ): Promise<SheetView> {
    return this.sheets.returnSheet(p, id, year, sheetId, dto);
  }
}
