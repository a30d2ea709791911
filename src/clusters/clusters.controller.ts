import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentUser } from '../common/auth/auth.decorators';
import type { Principal } from '../common/auth/principal';
import { ALL_ROLES, Role } from '../common/auth/roles';
import { UuidParamPipe, YearParamPipe } from '../common/validation/params';
import {
  AddMemberDto,
  ClusterQueryDto,
  ClusterView,
  CreateClusterDto,
  CreateYearDto,
  MemberQueryDto,
  MemberView,
  RemoveMemberDto,
  UpdateClusterDto,
  UpdateYearDto,
  YearView,
} from './clusters.dto';
import { ClustersService } from './clusters.service';
import { EmulationYearsService } from './emulation-years.service';
import { MembershipsService } from './memberships.service';

const ORGANIZERS = [Role.Admin, Role.MinistryReviewer];
const YEAR_MANAGERS = [Role.Admin, Role.MinistryReviewer, Role.ClusterSecretary];

@ApiTags('Cụm thi đua')
@Controller('api/clusters')
export class ClustersController {
  constructor(
    private readonly clusters: ClustersService,
    private readonly members: MembershipsService,
    private readonly years: EmulationYearsService,
  ) {}

  @Get()
  @Auth(...ALL_ROLES)
  @ApiOkResponse({ type: [ClusterView] })
  @ApiOperation({ summary: 'Danh sách cụm thi đua' })
  list(@CurrentUser() p: Principal, @Query() q: ClusterQueryDto): Promise<ClusterView[]> {
    return this.clusters.list(p, q);
  }

  @Get(':id')
  @Auth(...ALL_ROLES)
  @ApiOkResponse({ type: ClusterView })
  @ApiOperation({ summary: 'Xem một cụm thi đua' })
  get(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string): Promise<ClusterView> {
    return this.clusters.get(p, id);
  }

  @Post()
  @Auth(...ORGANIZERS)
  @ApiCreatedResponse({ type: ClusterView })
  @ApiOperation({ summary: 'Tạo cụm thi đua' })
  create(@CurrentUser() p: Principal, @Body() dto: CreateClusterDto): Promise<ClusterView> {
    return this.clusters.create(p, dto);
  }

  @Patch(':id')
  @Auth(...ORGANIZERS)
  @ApiOkResponse({ type: ClusterView })
  @ApiOperation({ summary: 'Cập nhật cụm thi đua' })
  update(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Body() dto: UpdateClusterDto): Promise<ClusterView> {
    return this.clusters.update(p, id, dto);
  }

  @Get(':id/members')
  @Auth(...ALL_ROLES)
  @ApiOkResponse({ type: [MemberView] })
  @ApiOperation({ summary: 'Danh sách đơn vị thành viên của cụm' })
  listMembers(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Query() q: MemberQueryDto): Promise<MemberView[]> {
    return this.members.list(p, id, q.year);
  }

  @Post(':id/members')
  @Auth(...ORGANIZERS)
  @ApiCreatedResponse({ type: MemberView })
  @ApiOperation({ summary: 'Thêm đơn vị thành viên vào cụm' })
  addMember(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Body() dto: AddMemberDto): Promise<MemberView> {
    return this.members.add(p, id, dto);
  }

  @Delete(':id/members/:membershipId')
  @Auth(...ORGANIZERS)
  @HttpCode(204)
  @ApiOperation({ summary: 'Đưa đơn vị thành viên ra khỏi cụm' })
  @ApiNoContentResponse({ description: 'Đã đưa đơn vị ra khỏi cụm.' })
  removeMember(
    @CurrentUser() p: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Param('membershipId', UuidParamPipe) membershipId: string,
    @Body() dto: RemoveMemberDto,
  ): Promise<void> {
    return this.members.remove(p, id, membershipId, dto);
  }

  @Get(':id/years')
  @Auth(...ALL_ROLES)
  @ApiOkResponse({ type: [YearView] })
  @ApiOperation({ summary: 'Danh sách năm thi đua của cụm' })
  listYears(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string): Promise<YearView[]> {
    return this.years.list(p, id);
  }

  @Get(':id/years/:year')
  @Auth(...ALL_ROLES)
  @ApiOkResponse({ type: YearView })
  @ApiOperation({ summary: 'Xem một năm thi đua của cụm' })
  getYear(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number): Promise<YearView> {
    return this.years.get(p, id, year);
  }

  @Post(':id/years')
  @Auth(...YEAR_MANAGERS)
  @ApiCreatedResponse({ type: YearView })
  @ApiOperation({ summary: 'Mở năm thi đua mới của cụm' })
  createYear(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Body() dto: CreateYearDto): Promise<YearView> {
    return this.years.create(p, id, dto);
  }

  @Patch(':id/years/:year')
  @Auth(...YEAR_MANAGERS)
  @ApiOkResponse({ type: YearView })
  @ApiOperation({ summary: 'Cập nhật năm thi đua của cụm' })
  updateYear(
    @CurrentUser() p: Principal,
    @Param('id', UuidParamPipe) id: string,
    @Param('year', YearParamPipe) year: number,
    @Body() dto: UpdateYearDto,
  ): Promise<YearView> {
    return this.years.update(p, id, year, dto);
  }
}
