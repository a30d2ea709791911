import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { HttpResponse } from '../common/http';
import { Auth, CurrentUser } from '../common/auth/auth.decorators';
import type { Principal } from '../common/auth/principal';
import { ALL_ROLES, Role } from '../common/auth/roles';
import { APP_CONFIG, SERVER_SECRET } from '../config/config.tokens';
import type { AppConfig } from '../config/app-config';
import { OutboxAdmin, OutboxQueryDto } from '../notifications/outbox-admin';
import { outboxPage } from './views/outbox.view';
import { NotificationsService } from '../notifications/notifications.service';
import { sendPage, signedInFrame } from './page-response';
import { myAccountPage } from './views/notifications.view';

/** The person's own page (their e-mail settings and notifications) and the administrators' e-mail outbox. */
@ApiExcludeController()
@Controller()
export class NotificationPagesController {
  constructor(
    @Inject(SERVER_SECRET) private readonly secret: string,
    private readonly notifications: NotificationsService,
    private readonly outbox: OutboxAdmin,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('tai-khoan-cua-toi')
  @Auth(...ALL_ROLES)
  async mine(@CurrentUser() p: Principal, @Res() res: HttpResponse): Promise<void> {
    const [settings, list] = await Promise.all([this.notifications.settings(p), this.notifications.list(p, { limit: 200 })]);
    sendPage(res, myAccountPage(signedInFrame(this.secret, p), settings, list));
  }

  @Get('hop-thu-di')
  @Auth(Role.Admin)
  async outboxPage(@CurrentUser() p: Principal, @Query() q: OutboxQueryDto, @Res() res: HttpResponse): Promise<void> {
    sendPage(res, outboxPage(signedInFrame(this.secret, p), await this.outbox.list(q), !!this.config.smtpUrl));
  }
}
