import { Module } from '@nestjs/common';
import { SigningService } from './signing/signing.service';
import { UnitKeysService } from './signing/unit-keys.service';

/** The document kit: signing (pdf/ and excel/ are pure renderers, imported as functions). */
@Module({ providers: [SigningService, UnitKeysService], exports: [SigningService, UnitKeysService] })
export class DocumentsModule {}
