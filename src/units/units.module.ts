import { AccessModule } from '../access/access.module';
import { AuditModule } from '../audit/audit.module';
import { Module } from '@nestjs/common';
import { UnitsController } from './units.controller';
import { UnitRecordsModule } from './unit-records.module';
import { UnitsService } from './units.service';

@Module({ imports: [AccessModule, AuditModule, UnitRecordsModule], providers: [UnitsService], controllers: [UnitsController], exports: [UnitsService] })
export class UnitsModule {}
