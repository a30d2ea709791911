import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller';
import { AuditRepository } from './audit.repository';
import { AuditService } from './audit.service';

@Module({ providers: [AuditRepository, AuditService], controllers: [AuditController], exports: [AuditService, AuditRepository] })
export class AuditModule {}
