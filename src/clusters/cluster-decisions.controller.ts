import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { UuidParamPipe } from '../common/validation/params';
import { DivisionService } from './division.service';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ErrorBody } from '../common/errors/error-body';
import { Auth, CurrentUser } from '../common/auth/auth.decorators';
import type { Principal } from '../common/auth/principal';
import { Role } from '../common/auth/roles';
import { CreateDecisionDto, DecisionQueryDto, DecisionView, DivisionDto, DivisionQueryDto, DivisionReportView } from './clusters.dto';
import { ClustersService } from './clusters.service';

@ApiTags('Cụm thi đua')
@Controller('api/cluster-decisions')
@Auth(Role.Admin, Role.MinistryReviewer)
export class ClusterDecisionsController {
  constructor(
    private readonly clusters: ClustersService,
    private readonly division: DivisionService,
  ) {}

  @Get('division')
  @ApiOkResponse({ type: DivisionReportView })
  @ApiOperation({ summary: 'Kết quả phân cụm của một năm: các cụm, đơn vị chưa được phân cụm, thành viên đã kết thúc hoạt động' })
  @ApiResponse({ status: 404, description: 'Không tìm thấy cơ quan tổ chức (hoặc ngoài phạm vi).', type: ErrorBody })
  report(@CurrentUser() p: Principal, @Query() q: DivisionQueryDto): Promise<DivisionReportView> {
    return this.division.report(p, q.organizerId, q.year);
  }

  @Post(':decisionId/division')
  @ApiCreatedResponse({ type: DivisionReportView })
  @ApiOperation({ summary: 'Phân cụm một năm theo quyết định (tất cả hoặc không)' })
  @ApiResponse({ status: 404, description: 'Không tìm thấy quyết định hoặc cơ quan tổ chức.', type: ErrorBody })
  @ApiResponse({ status: 409, description: 'Đơn vị đã thuộc một cụm trong năm, hoặc được phân vào hai cụm.', type: ErrorBody })
  @ApiResponse({ status: 422, description: 'Cơ quan đã kết thúc hoạt động, đơn vị không hoạt động, cụm không thuộc cơ quan.', type: ErrorBody })
  divide(@CurrentUser() p: Principal, @Param('decisionId', UuidParamPipe) id: string, @Body() dto: DivisionDto): Promise<DivisionReportView> {
    return this.division.divide(p, id, dto);
  }

  @Get()
  @ApiOkResponse({ type: [DecisionView] })
  @ApiOperation({ summary: 'Danh sách quyết định phân cụm' })
  list(@CurrentUser() p: Principal, @Query() q: DecisionQueryDto): Promise<DecisionView[]> {
    return this.clusters.listDecisions(p, q);
  }

  @Post()
  @ApiCreatedResponse({ type: DecisionView })
  @ApiOperation({ summary: 'Ghi nhận quyết định phân cụm' })
  create(@CurrentUser() p: Principal, @Body() dto: CreateDecisionDto): Promise<DecisionView> {
    return this.clusters.createDecision(p, dto);
  }
}
