import { IssuedDocumentsModule } from '../issued-documents/issued-documents.module';
import { AuthModule } from '../auth/auth.module';
import { AuditModule } from '../audit/audit.module';
import { Module } from '@nestjs/common';
import { ClustersModule } from '../clusters/clusters.module';
import { CriteriaModule } from '../criteria/criteria.module';
import { LeadershipModule } from '../leadership/leadership.module';
import { PledgeDocumentService } from './pledge-document.service';
import { PledgeSigningService } from './pledge-signing.service';
import { PledgesController } from './pledges.controller';
import { PledgesService } from './pledges.service';

@Module({
  imports: [AuthModule, AuditModule, IssuedDocumentsModule, CriteriaModule, ClustersModule, LeadershipModule],
  providers: [PledgesService, PledgeSigningService, PledgeDocumentService],
  controllers: [PledgesController],
  exports: [PledgesService],
})
export class PledgesModule {}
