import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import type { HttpRequest, HttpResponse } from '../common/http';
import { cookieValue, setCookie } from './cookies';
import { MfaService } from './mfa.service';
import { ErrorBody } from '../common/errors/error-body';
import { Auth, CurrentUser, MfaSetupAllowed, Public } from '../common/auth/auth.decorators';
import { ChangePasswordDto, LoginDto, MeView, MfaCodeDto, MfaDisableDto, MfaSetupView, MfaStatusView, RecoveryCodesView, TokenView } from './auth.dto';
import { AuthService, ClientInfo, DEVICE_COOKIE, IssuedCookie, REMEMBER_COOKIE } from './auth.service';
import type { Principal } from '../common/auth/principal';
import { ALL_ROLES, ROLE_LABELS } from '../common/auth/roles';

export function clientOf(req: HttpRequest): ClientInfo {
  return { ip: req.ip, userAgent: req.headers['user-agent'], deviceToken: cookieValue(req, DEVICE_COOKIE), rememberToken: cookieValue(req, REMEMBER_COOKIE) };
}

export function setIssuedCookies(res: HttpResponse, req: HttpRequest, cookies: IssuedCookie[]): void {
  for (const c of cookies) setCookie(res, req, c.name, c.value, c.maxAgeSeconds);
}

@ApiTags('Đăng nhập')
@Controller('api/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly mfa: MfaService,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: TokenView })
  @ApiTooManyRequestsResponse({ type: ErrorBody })
  @ApiOperation({ summary: 'Đăng nhập, nhận mã truy cập' })
  async login(@Body() dto: LoginDto, @Req() req: HttpRequest, @Res({ passthrough: true }) res: HttpResponse): Promise<TokenView> {
    const { token, cookies } = await this.auth.login(dto.username, dto.password, clientOf(req), { code: dto.code, rememberDevice: dto.rememberDevice });
    setIssuedCookies(res, req, cookies);
    return token;
  }

  @Post('logout')
  @Auth(...ALL_ROLES)
  @MfaSetupAllowed()
  @HttpCode(204)
  @ApiOperation({ summary: 'Đăng xuất (kết thúc phiên hiện tại)' })
  @ApiNoContentResponse({ description: 'Phiên đã kết thúc.' })
  logout(@CurrentUser() p: Principal): Promise<void> {
    return this.auth.logout(p);
  }

  @Get('me')
  @Auth(...ALL_ROLES)
  @MfaSetupAllowed()
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
      unitIds: p.unitIds,
    };
  }

  @Get('mfa')
  @Auth(...ALL_ROLES)
  @MfaSetupAllowed()
  @ApiOkResponse({ type: MfaStatusView })
  @ApiOperation({ summary: 'Trạng thái xác thực hai lớp của tài khoản' })
  mfaStatus(@CurrentUser() p: Principal): Promise<MfaStatusView> {
    return this.mfa.status(p);
  }

  @Post('mfa/setup')
  @Auth(...ALL_ROLES)
  @MfaSetupAllowed()
  @HttpCode(200)
  @ApiOkResponse({ type: MfaSetupView })
  @ApiOperation({ summary: 'Đăng ký ứng dụng xác thực: tạo khóa bí mật và mã QR' })
  mfaSetup(@CurrentUser() p: Principal): Promise<MfaSetupView> {
    return this.mfa.setup(p);
  }

  @Post('mfa/enable')
  @Auth(...ALL_ROLES)
  @MfaSetupAllowed()
  @HttpCode(200)
  @ApiOkResponse({ type: RecoveryCodesView })
  @ApiOperation({ summary: 'Bật xác thực hai lớp bằng mã đầu tiên; nhận mã khôi phục' })
  mfaEnable(@CurrentUser() p: Principal, @Body() dto: MfaCodeDto): Promise<RecoveryCodesView> {
    return this.mfa.enable(p, dto.code);
  }

  @Post('mfa/recovery-codes')
  @Auth(...ALL_ROLES)
  @HttpCode(200)
  @ApiOkResponse({ type: RecoveryCodesView })
  @ApiOperation({ summary: 'Tạo lại mã khôi phục (mã cũ hết hiệu lực)' })
  mfaRecoveryCodes(@CurrentUser() p: Principal, @Body() dto: MfaCodeDto): Promise<RecoveryCodesView> {
    return this.mfa.regenerateRecoveryCodes(p, dto.code);
  }

  @Post('mfa/disable')
  @Auth(...ALL_ROLES)
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Đã tắt xác thực hai lớp.' })
  @ApiOperation({ summary: 'Tắt xác thực hai lớp (không áp dụng cho quản trị, thẩm định)' })
  mfaDisable(@CurrentUser() p: Principal, @Body() dto: MfaDisableDto): Promise<void> {
    return this.mfa.disable(p, dto.password, dto.code);
  }

  @Post('password')
  @Auth(...ALL_ROLES)
  @MfaSetupAllowed()
  @HttpCode(200)
  @ApiOkResponse({ type: TokenView, description: 'Mọi phiên cũ kết thúc; dùng mã truy cập mới.' })
  @ApiOperation({ summary: 'Đổi mật khẩu của mình' })
  changePassword(@CurrentUser() p: Principal, @Body() dto: ChangePasswordDto, @Req() req: HttpRequest): Promise<TokenView> {
    return this.auth.changePassword(p, dto.currentPassword, dto.newPassword, clientOf(req));
  }
}
