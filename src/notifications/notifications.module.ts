import { Global, Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { AuditModule } from '../audit/audit.module';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';
import { Notifier } from './notifier';
import { OutboxSender } from './outbox-sender';
import { ReminderJob } from './reminder-job';
import { ServiceLevels } from './service-levels';
import { OutboxAdmin } from './outbox-admin';

/** Notifications in the app, the e-mail outbox and its sender, the deadline reminders and the queue's service level. */
@Global()
@Module({
  imports: [AccessModule, AuditModule],
  providers: [Notifier, NotificationsService, ServiceLevels, ReminderJob, OutboxSender, OutboxAdmin],
  controllers: [NotificationsController],
  exports: [Notifier, NotificationsService, ServiceLevels, ReminderJob, OutboxSender, OutboxAdmin],
})
export class NotificationsModule {}
