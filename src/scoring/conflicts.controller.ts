import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ErrorBody } from '../common/errors/error-body';
import { Auth, CurrentUser } from '../common/auth/auth.decorators';
import type { Principal } from '../common/auth/principal';
import { ALL_ROLES, Role } from '../common/auth/roles';
import { UuidParamPipe, YearParamPipe } from '../common/validation/params';
import { ConflictView, DeclareRelationDto, OverrideConflictDto, RelationView } from './conflicts.dto';
import { ConflictsService } from './conflicts.service';

const MANAGERS = [Role.Admin, Role.MinistryReviewer, Role.ClusterSecretary];

@ApiTags('Chấm điểm')
@Controller('api/clusters/:id/years/:year/scoring/conflicts')
export class ConflictsController {
  constructor(private readonly conflicts: ConflictsService) {}

  @Get()
  @Auth(...ALL_ROLES)
  @ApiOkResponse({ type: [ConflictView] })
  @ApiOperation({ summary: 'Xung đột lợi ích trong phân công chấm chéo (tính trước khi chấm)' })
  list(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number): Promise<ConflictView[]> {
    return this.conflicts.list(p, id, year);
  }

  @Post('overrides')
  @HttpCode(200)
  @Auth(...MANAGERS)
  @ApiOkResponse({ type: [ConflictView] })
  @ApiOperation({ summary: 'Cho phép giữ một phân công có xung đột lợi ích (cần lý do)' })
  override(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number, @Body() dto: OverrideConflictDto): Promise<ConflictView[]> {
    return this.conflicts.override(p, id, year, dto);
  }

  @Post('relations')
  @HttpCode(200)
  @Auth(...MANAGERS)
  @ApiOkResponse({ type: [ConflictView] })
  @ApiOperation({ summary: 'Khai báo quan hệ giữa hai đơn vị (xung đột lợi ích khi chấm chéo)' })
  declare(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number, @Body() dto: DeclareRelationDto): Promise<ConflictView[]> {
    return this.conflicts.declare(p, id, year, dto);
  }

  @Get('relations')
  @Auth(...ALL_ROLES)
  @ApiOkResponse({ type: [RelationView] })
  @ApiOperation({ summary: 'Danh sách quan hệ đã khai báo giữa các đơn vị thành viên' })
  relations(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number): Promise<RelationView[]> {
    return this.conflicts.relations(p, id, year);
  }

  @Post('relations/remove')
  @HttpCode(200)
  @Auth(...MANAGERS)
  @ApiOkResponse({ type: [ConflictView] })
  @ApiResponse({ status: 404, description: 'Chưa khai báo quan hệ giữa hai đơn vị này.', type: ErrorBody })
  @ApiOperation({ summary: 'Xóa quan hệ đã khai báo giữa hai đơn vị (cần lý do, ghi nhật ký)' })
  removeRelation(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number, @Body() dto: DeclareRelationDto): Promise<ConflictView[]> {
    return this.conflicts.removeRelation(p, id, year, dto);
  }
}
