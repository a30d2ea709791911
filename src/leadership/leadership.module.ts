import { AuthModule } from '../auth/auth.module';
import { AuditModule } from '../audit/audit.module';
import { Module } from '@nestjs/common';
import { LeadershipController } from './leadership.controller';
import { LeadershipService } from './leadership.service';
import { RotationService } from './rotation.service';

@Module({ imports: [AuthModule, AuditModule], providers: [LeadershipService, RotationService], controllers: [LeadershipController], exports: [LeadershipService, RotationService] })
export class LeadershipModule {}
