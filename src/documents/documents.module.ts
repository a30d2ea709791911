import { Global, Module } from '@nestjs/common';
import { DocumentsController } from './documents.controller';
import { IssuedDocumentsService } from './issued-documents.service';
import { SigningService } from './signing/signing.service';

@Global()
@Module({ providers: [SigningService, IssuedDocumentsService], controllers: [DocumentsController], exports: [SigningService, IssuedDocumentsService] })
export class DocumentsModule {}
