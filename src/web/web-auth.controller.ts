import { Body, Controller, Get, HttpCode, Inject, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { HttpRequest, HttpResponse } from '../common/http';
import { Auth, CurrentUser, MfaSetupAllowed, Public } from '../common/auth/auth.decorators';
import { clientOf, setIssuedCookies } from '../auth/auth.controller';
import { MfaService } from '../auth/mfa.service';
import { Authenticator } from '../auth/authenticator';
import { AuthService } from '../auth/auth.service';
import { ChangePasswordDto } from '../auth/auth.dto';
import type { Principal } from '../common/auth/principal';
import { ALL_ROLES } from '../common/auth/roles';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-codes';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG, SERVER_SECRET } from '../config/config.tokens';
import { redirect, sendPage } from './page-response';
import { loginPage, mfaPage, passwordPage } from './views/auth.view';
import { WebLoginDto } from './web.dto';
import { CSRF_HEADER, LOGIN_CSRF_COOKIE, SESSION_COOKIE, clearCookie, cookieValue, csrfTokenFor, newLoginCsrf, sameToken, sessionCookieToken, setCookie } from '../auth/cookies';

const LOCAL_ORIGIN = 'http://thidua.local';

/**
 * Only a path of this site may follow a login (no open redirect). The candidate is resolved the way a browser
 * resolves it (WHATWG URL: tabs and newlines removed, backslashes read as slashes) and kept only if it stays on
 * this origin; what is returned is the resolved path, so the browser cannot read it differently.
 */
export function safeNext(next: unknown): string {
  if (typeof next !== 'string' || !next.startsWith('/')) return '/';
  let url: URL;
  try {
    url = new URL(next, LOCAL_ORIGIN);
  } catch {
    return '/';
  }
  const path = `${url.pathname}${url.search}${url.hash}`;
  // "/..//host" resolves to the path "//host", which a browser reads as another host again.
  if (url.origin !== LOCAL_ORIGIN || path.startsWith('//')) return '/';
  return path;
}

/** The browser's login, logout and password change: the token lives in an httpOnly cookie. */
@ApiExcludeController()
@Controller()
export class WebAuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly mfa: MfaService,
    private readonly authenticator: Authenticator,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(SERVER_SECRET) private readonly secret: string,
  ) {}

  @Get('dang-nhap')
  @Public()
  async loginForm(@Req() req: HttpRequest, @Res() res: HttpResponse, @Query('tiep') next?: string): Promise<void> {
    if (sessionCookieToken(req)) {
      const signedIn = await this.authenticator.authenticate(req).catch(() => null);
      if (signedIn) return redirect(res, safeNext(next));
    }
    const csrf = newLoginCsrf();
    setCookie(res, req, LOGIN_CSRF_COOKIE, csrf, 3600);
    sendPage(res, loginPage(csrf, safeNext(next), this.config.seedDemo));
  }

  @Post('dang-nhap')
  @Public()
  @HttpCode(200)
  async login(@Body() dto: WebLoginDto, @Req() req: HttpRequest, @Res({ passthrough: true }) res: HttpResponse): Promise<{ redirect: string }> {
    const expected = cookieValue(req, LOGIN_CSRF_COOKIE);
    if (!expected || !sameToken(req.headers[CSRF_HEADER], expected)) throw new AppException(ErrorCode.CsrfRejected);
    const code = dto.code?.trim() ? dto.code : undefined;
    const { token, cookies } = await this.auth.login(dto.username, dto.password, clientOf(req), { code, rememberDevice: dto.rememberDevice });
    setIssuedCookies(res, req, cookies);
    setCookie(res, req, SESSION_COOKIE, token.accessToken, this.config.sessionTtlMinutes * 60);
    clearCookie(res, req, LOGIN_CSRF_COOKIE);
    return { redirect: safeNext(dto.next) };
  }

  @Post('dang-xuat')
  @Auth(...ALL_ROLES)
  @MfaSetupAllowed()
  @HttpCode(200)
  async logout(@CurrentUser() p: Principal, @Req() req: HttpRequest, @Res({ passthrough: true }) res: HttpResponse): Promise<{ redirect: string }> {
    await this.auth.logout(p);
    clearCookie(res, req, SESSION_COOKIE);
    return { redirect: '/dang-nhap' };
  }

  @Get('xac-thuc-hai-lop')
  @Auth(...ALL_ROLES)
  @MfaSetupAllowed()
  async mfaForm(@CurrentUser() p: Principal, @Res() res: HttpResponse): Promise<void> {
    sendPage(res, mfaPage(p, csrfTokenFor(this.secret, p.sessionId), await this.mfa.status(p)));
  }

  @Get('doi-mat-khau')
  @Auth(...ALL_ROLES)
  @MfaSetupAllowed()
  passwordForm(@CurrentUser() p: Principal, @Res() res: HttpResponse): void {
    sendPage(res, passwordPage(p, csrfTokenFor(this.secret, p.sessionId)));
  }

  @Post('doi-mat-khau')
  @Auth(...ALL_ROLES)
  @MfaSetupAllowed()
  @HttpCode(200)
  async changePassword(@CurrentUser() p: Principal, @Body() dto: ChangePasswordDto, @Req() req: HttpRequest, @Res({ passthrough: true }) res: HttpResponse): Promise<{ redirect: string }> {
    const token = await this.auth.changePassword(p, dto.currentPassword, dto.newPassword, clientOf(req));
    setCookie(res, req, SESSION_COOKIE, token.accessToken, this.config.sessionTtlMinutes * 60);
    return { redirect: '/' };
  }
}
