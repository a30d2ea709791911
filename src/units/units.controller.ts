import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentUser } from '../common/auth/auth.decorators';
import type { Principal } from '../common/auth/principal';
import { ALL_ROLES, Role } from '../common/auth/roles';
import { UuidParamPipe } from '../common/validation/params';
import { CreateUnitDto, UnitPage, UnitQueryDto, UnitView, UpdateUnitDto } from './units.dto';
import { UnitsService } from './units.service';

@ApiTags('Đơn vị')
@Controller('api/units')
export class UnitsController {
  constructor(private readonly units: UnitsService) {}

  @Get()
  @Auth(...ALL_ROLES)
  @ApiOkResponse({ type: UnitPage })
  @ApiOperation({ summary: 'Danh sách đơn vị' })
  list(@CurrentUser() p: Principal, @Query() query: UnitQueryDto): Promise<UnitPage> {
    return this.units.list(p, query);
  }

  @Get(':id')
  @Auth(...ALL_ROLES)
  @ApiOkResponse({ type: UnitView })
  @ApiOperation({ summary: 'Xem một đơn vị' })
  get(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string): Promise<UnitView> {
    return this.units.get(p, id);
  }

  @Post()
  @Auth(Role.Admin)
  @ApiCreatedResponse({ type: UnitView })
  @ApiOperation({ summary: 'Tạo đơn vị' })
  create(@Body() dto: CreateUnitDto): Promise<UnitView> {
    return this.units.create(dto);
  }

  @Patch(':id')
  @Auth(Role.Admin)
  @ApiOkResponse({ type: UnitView })
  @ApiOperation({ summary: 'Cập nhật đơn vị' })
  update(@Param('id', UuidParamPipe) id: string, @Body() dto: UpdateUnitDto): Promise<UnitView> {
    return this.units.update(id, dto);
  }
}
