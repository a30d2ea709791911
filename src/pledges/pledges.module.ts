import { LegalModule } from '../legal/legal.module';
import { UnitRecordsModule } from '../units/unit-records.module';
import { IssuedDocumentsModule } from '../issued-documents/issued-documents.module';
import { AuthModule } from '../auth/auth.module';
import { AccessModule } from '../access/access.module';
import { AuditModule } from '../audit/audit.module';
import { Module } from '@nestjs/common';
import { ClustersModule } from '../clusters/clusters.module';
import { CriteriaModule } from '../criteria/criteria.module';
import { LeadershipModule } from '../leadership/leadership.module';
import { PledgeDocumentService } from './pledge-document.service';
import { PledgeSigningService } from './pledge-signing.service';
import { PledgeSignedFileService } from './pledge-signed-file.service';
import { PledgeFileRevisions } from './pledge-file-revisions';
import { PledgesController } from './pledges.controller';
import { PledgesService } from './pledges.service';
import { PledgeStates } from './pledge-state';
import { PledgeCriteriaHook } from './pledge-criteria.hook';
import { PledgesRepository } from './pledges.repository';
import { CRITERIA_CHANGE_HOOK } from '../criteria/criteria-change.hook';

@Module({
  imports: [AuthModule, AccessModule, AuditModule, IssuedDocumentsModule, CriteriaModule, ClustersModule, LeadershipModule, UnitRecordsModule, LegalModule],
  providers: [PledgesRepository, PledgeStates, PledgesService, PledgeSigningService, PledgeDocumentService, PledgeSignedFileService, PledgeFileRevisions, { provide: CRITERIA_CHANGE_HOOK, useClass: PledgeCriteriaHook }],
  controllers: [PledgesController],
  exports: [PledgesService, CRITERIA_CHANGE_HOOK],
})
export class PledgesModule {}
