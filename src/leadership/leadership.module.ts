import { UnitRecordsModule } from '../units/unit-records.module';
import { AccessModule } from '../access/access.module';
import { AuditModule } from '../audit/audit.module';
import { Module } from '@nestjs/common';
import { ClustersModule } from '../clusters/clusters.module';
import { LeadershipController } from './leadership.controller';
import { LeadershipRepository } from './leadership.repository';
import { LeadershipService } from './leadership.service';
import { RotationService } from './rotation.service';

@Module({
  imports: [AccessModule, AuditModule, ClustersModule, UnitRecordsModule],
  providers: [LeadershipRepository, LeadershipService, RotationService],
  controllers: [LeadershipController],
  exports: [LeadershipService, RotationService, LeadershipRepository],
})
export class LeadershipModule {}
