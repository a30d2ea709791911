import { Module } from '@nestjs/common';
import { ScoreExcelService } from './score-excel.service';
import { ScoreboardService } from './scoreboard.service';
import { EvidenceService } from './evidence.service';
import { ScoreSheetsService } from './score-sheets.service';
import { ScoringController } from './scoring.controller';
import { ScoringService } from './scoring.service';

@Module({ providers: [ScoringService, ScoreSheetsService, ScoreExcelService, ScoreboardService, EvidenceService], controllers: [ScoringController], exports: [ScoringService, ScoreSheetsService] })
export class ScoringModule {}
