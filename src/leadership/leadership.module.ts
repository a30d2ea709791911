import { UnitRecordsModule } from '../units/unit-records.module';
import { AuthModule } from '../auth/auth.module';
import { AuditModule } from '../audit/audit.module';
import { Module } from '@nestjs/common';
import { ClustersModule } from '../clusters/clusters.module';
import { LeadershipController } from './leadership.controller';
import { LeadershipRepository } from './leadership.repository';
import { LeadershipService } from './leadership.service';
import { RotationService } from './rotation.service';

@Module({
  imports: [AuthModule, AuditModule, ClustersModule, UnitRecordsModule],
  providers: [LeadershipRepository, LeadershipService, RotationService],
  controllers: [LeadershipController],
  exports: [LeadershipService, RotationService, LeadershipRepository],
})
export class LeadershipModule {}
