import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentUser } from '../common/auth/auth.decorators';
import type { Principal } from '../common/auth/principal';
import { ALL_ROLES, Role } from '../common/auth/roles';
import { UuidParamPipe, YearParamPipe } from '../common/validation/params';
import { CriteriaTargetsView, ReplaceTargetsDto } from './criteria-targets.dto';
import { CriteriaTargetsService } from './criteria-targets.service';

@ApiTags('Bộ tiêu chí')
@Controller('api/clusters/:id/years/:year/criteria/targets')
export class CriteriaTargetsController {
  constructor(private readonly targets: CriteriaTargetsService) {}

  @Get()
  @Auth(...ALL_ROLES)
  @ApiOkResponse({ type: CriteriaTargetsView })
  @ApiOperation({ summary: 'Chỉ tiêu giao cho từng đơn vị và tiêu chí không áp dụng' })
  get(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number): Promise<CriteriaTargetsView> {
    return this.targets.get(p, id, year);
  }

  @Put()
  @Auth(Role.Admin, Role.MinistryReviewer, Role.ClusterSecretary)
  @ApiOkResponse({ type: CriteriaTargetsView })
  @ApiOperation({ summary: 'Giao chỉ tiêu (thay toàn bộ; khóa cùng bản giao ước)' })
  replace(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number, @Body() dto: ReplaceTargetsDto): Promise<CriteriaTargetsView> {
    return this.targets.replace(p, id, year, dto);
  }
}
