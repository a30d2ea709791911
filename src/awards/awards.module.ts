import { BallotsController } from './ballots/ballots.controller';
import { BallotsRepository } from './ballots/ballots.repository';
import { BallotSessionsService } from './ballots/ballot-sessions.service';
import { BallotCastingService } from './ballots/ballot-casting.service';
import { BallotViews } from './ballots/ballot-views';
import { RegulationsController } from './regulations/regulations.controller';
import { RegulationsService } from './regulations/regulations.service';
import { RatingsController } from './ratings/ratings.controller';
import { RatingsRepository } from './ratings/ratings.repository';
import { RatingsService } from './ratings/ratings.service';
import { CouncilController } from './council/council.controller';
import { CouncilRepository } from './council/council.repository';
import { CouncilService } from './council/council.service';
import { LegalModule } from '../legal/legal.module';
import { UnitRecordsModule } from '../units/unit-records.module';
import { IssuedDocumentsModule } from '../issued-documents/issued-documents.module';
import { AccessModule } from '../access/access.module';
import { AuditModule } from '../audit/audit.module';
import { Module } from '@nestjs/common';
import { AttachmentsModule } from '../attachments/attachments.module';
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
import { AwardsRepository } from './awards.repository';
import { ProposalsRepository } from './proposals.repository';
import { ReviewMeetingsRepository } from './review-meetings.repository';
import { ReviewMeetingsService } from './review-meetings.service';

@Module({ imports: [AccessModule, AuditModule, IssuedDocumentsModule, ScoringModule, LeadershipModule, AttachmentsModule, ClustersModule, UnitRecordsModule, LegalModule], providers: [BallotsRepository, BallotViews, BallotSessionsService, BallotCastingService, RegulationsService, RatingsRepository, RatingsService, CouncilRepository, CouncilService, ReviewMeetingsRepository, ProposalsRepository, AwardsRepository, ReviewMeetingsService, ProposalsService, MinutesService, DossierService, AchievementReportsService, AwardReportsService], controllers: [BallotsController, RegulationsController, RatingsController, CouncilController, AwardsController, ProposalsController, AwardReportsController], exports: [BallotSessionsService, AwardsRepository, AwardReportsService, RatingsService, RegulationsService, CouncilService, ReviewMeetingsService, ProposalsService, AchievementReportsService] })
export class AwardsModule {}
