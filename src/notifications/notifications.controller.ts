import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentUser, MfaSetupAllowed } from '../common/auth/auth.decorators';
import type { Principal } from '../common/auth/principal';
import { ALL_ROLES, Role } from '../common/auth/roles';
import { UuidParamPipe } from '../common/validation/params';
import { EmailSettingsView, NotificationList, NotificationQueryDto, NotificationView, ServiceLevelView, SetServiceLevelDto, UpdateEmailSettingsDto } from './notifications.dto';
import { NotificationsService } from './notifications.service';
import { ServiceLevels } from './service-levels';
import { OutboxAdmin, OutboxMailView, OutboxQueryDto, OutboxView, ResendMailDto } from './outbox-admin';

@ApiTags('Thông báo và nhắc việc')
@Controller()
export class NotificationsController {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly serviceLevels: ServiceLevels,
    private readonly outbox: OutboxAdmin,
  ) {}

  @Get('api/notifications')
  @Auth(...ALL_ROLES)
  @ApiOperation({ summary: 'Thông báo của tôi (mới nhất trước) và số thông báo chưa đọc' })
  @ApiOkResponse({ type: NotificationList })
  list(@CurrentUser() p: Principal, @Query() q: NotificationQueryDto): Promise<NotificationList> {
    return this.notifications.list(p, q);
  }

  @Post('api/notifications/read-all')
  @HttpCode(200)
  @Auth(...ALL_ROLES)
  @ApiOperation({ summary: 'Đánh dấu mọi thông báo của tôi là đã đọc' })
  @ApiOkResponse({ description: 'Số thông báo vừa được đánh dấu đã đọc.', schema: { type: 'object', properties: { marked: { type: 'integer' } } } })
  readAll(@CurrentUser() p: Principal): Promise<{ marked: number }> {
    return this.notifications.markAllRead(p);
  }

  @Post('api/notifications/:id/read')
  @HttpCode(200)
  @Auth(...ALL_ROLES)
  @ApiOperation({ summary: 'Đánh dấu một thông báo của tôi là đã đọc' })
  @ApiOkResponse({ type: NotificationView })
  read(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string): Promise<NotificationView> {
    return this.notifications.markRead(p, id);
  }

  @Get('api/notifications/email-settings')
  @Auth(...ALL_ROLES)
  @ApiOperation({ summary: 'Địa chỉ thư và việc nhận thư nhắc việc của tôi' })
  @ApiOkResponse({ type: EmailSettingsView })
  settings(@CurrentUser() p: Principal): Promise<EmailSettingsView> {
    return this.notifications.settings(p);
  }

  @Patch('api/notifications/email-settings')
  @Auth(...ALL_ROLES)
  // The person's own account: open also to an account whose unit ended (read-only otherwise) or not yet enrolled in MFA.
  @MfaSetupAllowed()
  @ApiOperation({ summary: 'Đổi địa chỉ thư hoặc bật/tắt thư nhắc việc của tôi' })
  @ApiOkResponse({ type: EmailSettingsView })
  updateSettings(@CurrentUser() p: Principal, @Body() dto: UpdateEmailSettingsDto): Promise<EmailSettingsView> {
    return this.notifications.updateSettings(p, dto);
  }

  @Get('api/organizers/:id/service-level')
  @Auth(Role.Admin, Role.MinistryReviewer)
  @ApiOperation({ summary: 'Thời hạn xử lý hồ sơ đề nghị của cơ quan tổ chức' })
  @ApiOkResponse({ type: ServiceLevelView })
  serviceLevel(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string): Promise<ServiceLevelView> {
    return this.serviceLevels.get(p, id);
  }

  @Put('api/organizers/:id/service-level')
  @Auth(Role.Admin, Role.MinistryReviewer)
  @ApiOperation({ summary: 'Đặt thời hạn xử lý hồ sơ đề nghị (số ngày) của cơ quan tổ chức' })
  @ApiOkResponse({ type: ServiceLevelView })
  setServiceLevel(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Body() dto: SetServiceLevelDto): Promise<ServiceLevelView> {
    return this.serviceLevels.set(p, id, dto);
  }

  @Get('api/email-outbox')
  @Auth(Role.Admin)
  @ApiOperation({ summary: 'Hộp thư đi: số thư theo trạng thái và các thư cần xem (gửi thất bại, không rõ đã gửi chưa)' })
  @ApiOkResponse({ type: OutboxView })
  outboxList(@Query() q: OutboxQueryDto): Promise<OutboxView> {
    return this.outbox.list(q);
  }

  @Post('api/email-outbox/:id/resend')
  @HttpCode(200)
  @Auth(Role.Admin)
  @ApiOperation({ summary: 'Gửi lại một thư gửi thất bại hoặc không rõ đã gửi chưa (có lý do; thư vào lại hàng chờ gửi)' })
  @ApiOkResponse({ type: OutboxMailView })
  resend(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Body() dto: ResendMailDto): Promise<OutboxMailView> {
    return this.outbox.resend(p, id, dto);
  }
}
