import { UnitRecordsModule } from '../units/unit-records.module';
import { AccessModule } from '../access/access.module';
import { AuditModule } from '../audit/audit.module';
import { Module } from '@nestjs/common';
import { ClusterDecisionsController } from './cluster-decisions.controller';
import { ClustersController } from './clusters.controller';
import { ClustersRepository } from './clusters.repository';
import { ClustersService } from './clusters.service';
import { EmulationYearsRepository } from './emulation-years.repository';
import { EmulationYearsService } from './emulation-years.service';
import { MembershipsService } from './memberships.service';
import { MembershipsRepository } from './memberships.repository';
import { DivisionService } from './division.service';
import { MergersController } from './mergers.controller';
import { MergersService } from './mergers.service';

@Module({
  imports: [AccessModule, AuditModule, UnitRecordsModule],
  providers: [ClustersRepository, EmulationYearsRepository, MembershipsRepository, ClustersService, MembershipsService, EmulationYearsService, DivisionService, MergersService],
  controllers: [ClustersController, ClusterDecisionsController, MergersController],
  exports: [DivisionService, ClustersService, MembershipsService, EmulationYearsService, ClustersRepository, EmulationYearsRepository, MembershipsRepository],
})
export class ClustersModule {}
