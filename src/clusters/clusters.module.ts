import { AuthModule } from '../auth/auth.module';
import { AuditModule } from '../audit/audit.module';
import { Module } from '@nestjs/common';
import { ClusterDecisionsController } from './cluster-decisions.controller';
import { ClustersController } from './clusters.controller';
import { ClustersService } from './clusters.service';
import { EmulationYearsService } from './emulation-years.service';
import { MembershipsService } from './memberships.service';
import { MembershipsRepository } from './memberships.repository';

@Module({
  imports: [AuthModule, AuditModule],
  providers: [MembershipsRepository, ClustersService, MembershipsService, EmulationYearsService],
  controllers: [ClustersController, ClusterDecisionsController],
  exports: [ClustersService, MembershipsService, EmulationYearsService],
})
export class ClustersModule {}
