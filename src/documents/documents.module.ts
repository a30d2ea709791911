import { Global, Module } from '@nestjs/common';
import { DocumentsController } from './documents.controller';
import { DocumentNumbersService } from './document-numbers.service';
import { IssuedDocumentsService } from './issued-documents.service';
import { SigningService } from './signing/signing.service';

@Global()
@Module({ providers: [SigningService, IssuedDocumentsService, DocumentNumbersService], controllers: [DocumentsController], exports: [SigningService, IssuedDocumentsService, DocumentNumbersService] })
export class DocumentsModule {}
