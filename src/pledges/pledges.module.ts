import { UnitRecordsModule } from '../units/unit-records.module';
import { IssuedDocumentsModule } from '../issued-documents/issued-documents.module';
import { AuthModule } from '../auth/auth.module';
import { AccessModule } from '../access/access.module';
import { AuditModule } from '../audit/audit.module';
import { Module } from '@nestjs/common';
import { ClustersModule } from '../clusters/clusters.module';
import { CriteriaModule } from '../criteria/criteria.module';
import { PledgeRecordsModule } from './pledge-records.module';
import { LeadershipModule } from '../leadership/leadership.module';
import { PledgeDocumentService } from './pledge-document.service';
import { PledgeSigningService } from './pledge-signing.service';
import { PledgesController } from './pledges.controller';
import { PledgesService } from './pledges.service';
import { PledgeStates } from './pledge-state';

@Module({
  imports: [AuthModule, AccessModule, AuditModule, IssuedDocumentsModule, CriteriaModule, PledgeRecordsModule, ClustersModule, LeadershipModule, UnitRecordsModule],
  providers: [PledgeStates, PledgesService, PledgeSigningService, PledgeDocumentService],
  controllers: [PledgesController],
  exports: [PledgesService],
})
export class PledgesModule {}
