import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller';
import { AuditRepository } from './audit.repository';
import { AuditService } from './audit.service';
import { AuditAppender } from './audit-appender';

@Module({ providers: [AuditRepository, AuditAppender, AuditService], controllers: [AuditController], exports: [AuditService, AuditRepository] })
export class AuditModule {}
