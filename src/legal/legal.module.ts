import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { LegalController } from './legal.controller';
import { LegalRepository } from './legal.repository';
import { LegalService } from './legal.service';

/** The legal catalogue (texts and figures by period) and the rules that read it by the date of an act. */
@Module({
  imports: [AuditModule],
  controllers: [LegalController],
  providers: [LegalRepository, LegalService],
  exports: [LegalService],
})
export class LegalModule {}
