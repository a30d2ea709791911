import { Module } from '@nestjs/common';
import { ScoringModule } from '../scoring/scoring.module';
import { AwardsController } from './awards.controller';
import { ReviewMeetingsService } from './review-meetings.service';

@Module({ imports: [ScoringModule], providers: [ReviewMeetingsService], controllers: [AwardsController], exports: [ReviewMeetingsService] })
export class AwardsModule {}
