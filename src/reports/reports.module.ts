import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { AwardsModule } from '../awards/awards.module';
import { ScoringModule } from '../scoring/scoring.module';
import { UnitRecordsModule } from '../units/unit-records.module';
import { HistoryController } from './history.controller';
import { HistoryService } from './history.service';

/** Reports across the reorganisation: the history of a unit and of a cluster (pages, Excel and the API). */
@Module({ imports: [AccessModule, AwardsModule, ScoringModule, UnitRecordsModule], providers: [HistoryService], controllers: [HistoryController], exports: [HistoryService] })
export class ReportsModule {}
