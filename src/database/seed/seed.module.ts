import { Module } from '@nestjs/common';
import { AuditModule } from '../../audit/audit.module';
import { AuthModule } from '../../auth/auth.module';
import { LegalModule } from '../../legal/legal.module';
import { SeedService } from './seed.service';

/** Reference data, the first administrator and the demo records, written at start-up. */
@Module({ imports: [AuthModule, AuditModule, LegalModule], providers: [SeedService], exports: [SeedService] })
export class SeedModule {}
