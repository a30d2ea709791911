import { Module } from '@nestjs/common';
import { ScoringModule } from '../scoring/scoring.module';
import { AwardsController } from './awards.controller';
import { ProposalsController } from './proposals.controller';
import { ProposalsService } from './proposals.service';
import { ReviewMeetingsService } from './review-meetings.service';

@Module({ imports: [ScoringModule], providers: [ReviewMeetingsService, ProposalsService], controllers: [AwardsController, ProposalsController], exports: [ReviewMeetingsService, ProposalsService] })
export class AwardsModule {}
