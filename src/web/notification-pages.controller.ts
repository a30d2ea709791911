import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { HttpResponse } from '../common/http';
import { Auth, CurrentUser } from '../common/auth/auth.decorators';
import type { Principal } from '../common/auth/principal';
import { ALL_ROLES } from '../common/auth/roles';
import { SERVER_SECRET } from '../config/config.tokens';
import { NotificationsService } from '../notifications/notifications.service';
import { sendPage, signedInFrame } from './page-response';
import { myAccountPage } from './views/notifications.view';

/** The person's own page: their e-mail settings and their notifications. */
@ApiExcludeController()
@Controller()
export class NotificationPagesController {
  constructor(
    @Inject(SERVER_SECRET) private readonly secret: string,
    private readonly notifications: NotificationsService,
  ) {}

  @Get('tai-khoan-cua-toi')
  @Auth(...ALL_ROLES)
  async mine(@CurrentUser() p: Principal, @Res() res: HttpResponse): Promise<void> {
    const [settings, list] = await Promise.all([this.notifications.settings(p), this.notifications.list(p, { limit: 200 })]);
    sendPage(res, myAccountPage(signedInFrame(this.secret, p), settings, list));
  }
}
