import { AuthModule } from '../auth/auth.module';
import { AuditModule } from '../audit/audit.module';
import { Module } from '@nestjs/common';
import { CriteriaController } from './criteria.controller';
import { CriteriaService } from './criteria.service';

@Module({ imports: [AuthModule, AuditModule], providers: [CriteriaService], controllers: [CriteriaController], exports: [CriteriaService] })
export class CriteriaModule {}
