import { AuthModule } from '../auth/auth.module';
import { AuditModule } from '../audit/audit.module';
import { Module } from '@nestjs/common';
import { UnitsController } from './units.controller';
import { UnitsRepository } from './units.repository';
import { UnitsService } from './units.service';

@Module({ imports: [AuthModule, AuditModule], providers: [UnitsRepository, UnitsService], controllers: [UnitsController], exports: [UnitsService] })
export class UnitsModule {}
