import { IssuedDocumentsModule } from '../issued-documents/issued-documents.module';
import { AuthModule } from '../auth/auth.module';
import { AuditModule } from '../audit/audit.module';
import { Module } from '@nestjs/common';
import { ClustersModule } from '../clusters/clusters.module';
import { LeadershipModule } from '../leadership/leadership.module';
import { ScoringModule } from '../scoring/scoring.module';
import { AwardsController } from './awards.controller';
import { DossierService } from './dossier.service';
import { AchievementReportsService } from './achievement-reports.service';
import { AwardReportsController } from './award-reports.controller';
import { AwardReportsService } from './award-reports.service';
import { MinutesService } from './minutes.service';
import { ProposalsController } from './proposals.controller';
import { ProposalsService } from './proposals.service';
import { ReviewMeetingsService } from './review-meetings.service';

@Module({ imports: [AuthModule, AuditModule, IssuedDocumentsModule, ScoringModule, LeadershipModule, ClustersModule], providers: [ReviewMeetingsService, ProposalsService, MinutesService, DossierService, AchievementReportsService, AwardReportsService], controllers: [AwardsController, ProposalsController, AwardReportsController], exports: [ReviewMeetingsService, ProposalsService, AchievementReportsService] })
export class AwardsModule {}
