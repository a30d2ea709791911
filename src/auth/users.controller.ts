import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UuidParamPipe } from '../common/validation/params';
import { Auth, CurrentUser } from '../common/auth/auth.decorators';
import type { Principal } from '../common/auth/principal';
import { Role } from '../common/auth/roles';
import { CreateUserDto, ResetMfaDto, ResetPasswordDto, UpdateUserDto, UserPage, UserQueryDto, UserView } from './users.dto';
import { UsersService } from './users.service';

@ApiTags('Tài khoản')
@Controller('api/users')
@Auth(Role.Admin)
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOkResponse({ type: UserPage })
  @ApiOperation({ summary: 'Danh sách tài khoản' })
  list(@Query() query: UserQueryDto): Promise<UserPage> {
    return this.users.list(query);
  }

  @Get(':id')
  @ApiOkResponse({ type: UserView })
  @ApiOperation({ summary: 'Xem một tài khoản' })
  get(@Param('id', UuidParamPipe) id: string): Promise<UserView> {
    return this.users.get(id);
  }

  @Post()
  @ApiCreatedResponse({ type: UserView })
  @ApiOperation({ summary: 'Tạo tài khoản' })
  create(@Body() dto: CreateUserDto): Promise<UserView> {
    return this.users.create(dto);
  }

  @Patch(':id')
  @ApiOkResponse({ type: UserView })
  @ApiOperation({ summary: 'Cập nhật tài khoản' })
  update(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Body() dto: UpdateUserDto): Promise<UserView> {
    return this.users.update(p.userId, id, dto);
  }

  @Post(':id/password')
  @HttpCode(204)
  @ApiOperation({ summary: 'Đặt lại mật khẩu của tài khoản' })
  @ApiNoContentResponse({ description: 'Đã đặt lại mật khẩu; mọi phiên của tài khoản kết thúc.' })
  resetPassword(@Param('id', UuidParamPipe) id: string, @Body() dto: ResetPasswordDto): Promise<void> {
    return this.users.resetPassword(id, dto);
  }

  @Post(':id/mfa/reset')
  @HttpCode(204)
  @ApiOperation({ summary: 'Đặt lại xác thực hai lớp của tài khoản (mất điện thoại và mã khôi phục)' })
  @ApiNoContentResponse({ description: 'Đã xóa ứng dụng xác thực, mã khôi phục và thiết bị được ghi nhớ; mọi phiên của tài khoản kết thúc.' })
  resetMfa(@Param('id', UuidParamPipe) id: string, @Body() dto: ResetMfaDto): Promise<void> {
    return this.users.resetMfa(id, dto);
  }
}
