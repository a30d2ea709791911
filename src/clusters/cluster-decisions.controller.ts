import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentUser } from '../common/auth/auth.decorators';
import type { Principal } from '../common/auth/principal';
import { Role } from '../common/auth/roles';
import { CreateDecisionDto, DecisionQueryDto, DecisionView } from './clusters.dto';
import { ClustersService } from './clusters.service';

@ApiTags('Cụm thi đua')
@Controller('api/cluster-decisions')
@Auth(Role.Admin, Role.MinistryReviewer)
export class ClusterDecisionsController {
  constructor(private readonly clusters: ClustersService) {}

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
