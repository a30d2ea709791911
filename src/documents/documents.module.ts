import { Module } from '@nestjs/common';
import { SigningService } from './signing/signing.service';
import { UnitKeysService } from './signing/unit-keys.service';
import { PadesStore } from './signing/pades-store';

/** The document kit: signing (pdf/ and excel/ are pure renderers, imported as functions). */
@Module({ providers: [SigningService, PadesStore, UnitKeysService], exports: [SigningService, UnitKeysService] })
export class DocumentsModule {}
