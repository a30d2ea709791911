import { Module } from '@nestjs/common';
import { SigningService } from './signing/signing.service';

/** The document kit: signing (pdf/ and excel/ are pure renderers, imported as functions). */
@Module({ providers: [SigningService], exports: [SigningService] })
export class DocumentsModule {}
