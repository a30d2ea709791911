import { ScoreSheetViews } from './score-sheet-views';
import { UnitRecordsModule } from '../units/unit-records.module';
import { IssuedDocumentsModule } from '../issued-documents/issued-documents.module';
import { AccessModule } from '../access/access.module';
import { AuditModule } from '../audit/audit.module';
import { Module } from '@nestjs/common';
import { CriteriaModule } from '../criteria/criteria.module';
import { AttachmentsModule } from '../attachments/attachments.module';
import { ClustersModule } from '../clusters/clusters.module';
import { LeadershipModule } from '../leadership/leadership.module';
import { ScoreExcelService } from './score-excel.service';
import { ScoreboardService } from './scoreboard.service';
import { EvidenceService } from './evidence.service';
import { ScoreSheetsService } from './score-sheets.service';
import { ScoringController } from './scoring.controller';
import { EvidenceController } from './evidence.controller';
import { ScoringService } from './scoring.service';
import { ScoreSheetsRepository } from './score-sheets.repository';
import { ScoringConfigsRepository } from './scoring-configs.repository';
import { ConflictsController } from './conflicts.controller';
import { ContestsController } from './contests/contests.controller';
import { ContestsService } from './contests/contests.service';
import { ConflictsService } from './conflicts.service';
import { ResultsController } from './results/results.controller';
import { ResultsService } from './results/results.service';
import { SheetFollowUp } from './sheet-follow-up';
import { LateScorers } from '../notifications/late-scorers';

@Module({ imports: [AccessModule, AuditModule, IssuedDocumentsModule, CriteriaModule, AttachmentsModule, ClustersModule, LeadershipModule, UnitRecordsModule], providers: [{ provide: LateScorers, useExisting: ConflictsService }, SheetFollowUp, ScoreSheetsRepository, ScoringConfigsRepository, ScoreSheetViews, ScoringService, ScoreSheetsService, ScoreExcelService, ScoreboardService, EvidenceService, ConflictsService, ContestsService, ResultsService], controllers: [ConflictsController, ContestsController, ScoringController, EvidenceController, ResultsController], exports: [LateScorers, SheetFollowUp, ResultsService, ConflictsService, ContestsService, ScoringService, ScoreSheetsService, EvidenceService, ScoreSheetsRepository, ScoringConfigsRepository] })
export class ScoringModule {}
