import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ClustersModule } from '../clusters/clusters.module';
import { DocumentsModule } from '../documents/documents.module';
import { DocumentNumbersService } from './document-numbers.service';
import { DocumentsController } from './documents.controller';
import { TrustStoreController } from './trust-store.controller';
import { CaPublicationController } from './ca-publication.controller';
import { UnitKeysController } from './unit-keys.controller';
import { UnitsModule } from '../units/units.module';
import { UnitRecordsModule } from '../units/unit-records.module';
import { IssuedDocumentsRepository } from './issued-documents.repository';
import { IssuedDocumentsService } from './issued-documents.service';
import { SignatureReportService } from './signature-report.service';
import { SignedPledgeRevisions } from './signed-pledge-revisions';

/** The register of issued documents (signed, numbered, verifiable by anyone through the QR code). */
@Module({ imports: [AuditModule, DocumentsModule, ClustersModule, UnitsModule, UnitRecordsModule], providers: [SignedPledgeRevisions, IssuedDocumentsRepository, IssuedDocumentsService, DocumentNumbersService, SignatureReportService], controllers: [DocumentsController, TrustStoreController, CaPublicationController, UnitKeysController], exports: [IssuedDocumentsService, DocumentNumbersService, DocumentsModule] })
export class IssuedDocumentsModule {}
