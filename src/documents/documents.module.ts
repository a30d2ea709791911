import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { DocumentsController } from './documents.controller';
import { DocumentNumbersService } from './document-numbers.service';
import { IssuedDocumentsService } from './issued-documents.service';
import { SigningService } from './signing/signing.service';

@Module({ imports: [AuditModule], providers: [SigningService, IssuedDocumentsService, DocumentNumbersService], controllers: [DocumentsController], exports: [SigningService, IssuedDocumentsService, DocumentNumbersService] })
export class DocumentsModule {}
