import { ClustersModule } from '../clusters/clusters.module';
import { AccessModule } from '../access/access.module';
import { AuditModule } from '../audit/audit.module';
import { Module } from '@nestjs/common';
import { CriteriaController } from './criteria.controller';
import { CriteriaRepository } from './criteria.repository';
import { CriteriaService } from './criteria.service';
import { CriteriaTargetsController } from './criteria-targets.controller';
import { CriteriaTargetsService } from './criteria-targets.service';

@Module({ imports: [AccessModule, AuditModule, ClustersModule], providers: [CriteriaRepository, CriteriaService, CriteriaTargetsService], controllers: [CriteriaTargetsController, CriteriaController], exports: [CriteriaService, CriteriaRepository, CriteriaTargetsService] })
export class CriteriaModule {}
