import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import type { Request } from 'express';
import { ErrorBody } from '../common/errors/error-body';
import { Auth, CurrentUser, Public } from './auth.decorators';
import { ChangePasswordDto, LoginDto, MeView, TokenView } from './auth.dto';
import { AuthService } from './auth.service';
import type { Principal } from './principal';
import { ALL_ROLES, ROLE_LABELS } from './roles';

const client = (req: Request) => ({ ip: req.ip, userAgent: req.header('user-agent') });

@ApiTags('Đăng nhập')
@Controller('api/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: TokenView })
  @ApiTooManyRequestsResponse({ type: ErrorBody })
  @ApiOperation({ summary: 'Đăng nhập, nhận mã truy cập' })
  login(@Body() dto: LoginDto, @Req() req: Request): Promise<TokenView> {
    return this.auth.login(dto.username, dto.password, client(req));
  }

  @Post('logout')
  @Auth(...ALL_ROLES)
  @HttpCode(204)
  @ApiOperation({ summary: 'Đăng xuất (kết thúc phiên hiện tại)' })
  @ApiNoContentResponse({ description: 'Phiên đã kết thúc.' })
  logout(@CurrentUser() p: Principal): Promise<void> {
    return this.auth.logout(p);
  }

  @Get('me')
  @Auth(...ALL_ROLES)
  @ApiOkResponse({ type: MeView })
  @ApiOperation({ summary: 'Thông tin tài khoản đang đăng nhập' })
  me(@CurrentUser() p: Principal): MeView {
    return {
      id: p.userId,
      username: p.username,
      fullName: p.fullName,
      role: p.role,
      roleLabel: ROLE_LABELS[p.role],
      unitId: p.unitId,
      organizerId: p.organizerId,
      clusterIds: p.clusterIds,
    };
  }

  @Post('password')
  @Auth(...ALL_ROLES)
  @HttpCode(200)
  @ApiOkResponse({ type: TokenView, description: 'Mọi phiên cũ kết thúc; dùng mã truy cập mới.' })
  @ApiOperation({ summary: 'Đổi mật khẩu của mình' })
  changePassword(@CurrentUser() p: Principal, @Body() dto: ChangePasswordDto, @Req() req: Request): Promise<TokenView> {
    return this.auth.changePassword(p, dto.currentPassword, dto.newPassword, client(req));
  }
}
