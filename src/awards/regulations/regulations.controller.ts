import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentUser } from '../../common/auth/auth.decorators';
import type { Principal } from '../../common/auth/principal';
import { ALL_ROLES, Role } from '../../common/auth/roles';
import { UuidParamPipe } from '../../common/validation/params';
import { CreateRegulationDto, RegulationView, UpdateRegulationDto } from './regulations.dto';
import { RegulationsService } from './regulations.service';

const MANAGERS = [Role.Admin, Role.MinistryReviewer, Role.ClusterSecretary];

@ApiTags('Bình xét, khen thưởng')
@Controller('api')
export class RegulationsController {
  constructor(private readonly regulations: RegulationsService) {}

  @Get('clusters/:id/regulations')
  @Auth(...ALL_ROLES)
  @ApiOperation({ summary: 'Các phiên bản quy chế hoạt động của cụm' })
  @ApiOkResponse({ type: [RegulationView] })
  list(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string): Promise<RegulationView[]> {
    return this.regulations.list(p, id);
  }

  @Post('clusters/:id/regulations')
  @Auth(...MANAGERS)
  @ApiOperation({ summary: 'Ghi nhận quy chế hoạt động của cụm (một phiên bản, áp dụng từ một ngày)' })
  @ApiCreatedResponse({ type: RegulationView })
  create(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Body() dto: CreateRegulationDto): Promise<RegulationView> {
    return this.regulations.create(p, id, dto);
  }

  @Patch('regulations/:id')
  @Auth(...MANAGERS)
  @ApiOperation({ summary: 'Sửa một phiên bản quy chế hoạt động của cụm' })
  @ApiOkResponse({ type: RegulationView })
  update(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Body() dto: UpdateRegulationDto): Promise<RegulationView> {
    return this.regulations.update(p, id, dto);
  }
}
