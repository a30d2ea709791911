import { DynamicModule, Global, Module } from '@nestjs/common';
import { createSecretKey } from 'node:crypto';
import { JwtModule } from '@nestjs/jwt';
import { LegalModule } from './legal/legal.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { ClustersModule } from './clusters/clusters.module';
import type { AppConfig } from './config/app-config';
import { APP_CONFIG, SERVER_KEYS, SERVER_SECRET } from './config/config.tokens';
import type { ServerKeys } from './config/secrets';
import { DatabaseModule } from './database/database.module';
import { SeedModule } from './database/seed/seed.module';
import { HealthController } from './health/health.controller';
import { Lifecycle } from './health/lifecycle';
import { MetricsService } from './metrics/metrics.service';
import { loggingModule } from './common/logging';
import { LeadershipModule } from './leadership/leadership.module';
import { CriteriaModule } from './criteria/criteria.module';
import { IssuedDocumentsModule } from './issued-documents/issued-documents.module';
import { PledgesModule } from './pledges/pledges.module';
import { ScoringModule } from './scoring/scoring.module';
import { AwardsModule } from './awards/awards.module';
import { UnitsModule } from './units/units.module';
import { WebModule } from './web/web.module';
import { ReportsModule } from './reports/reports.module';
import { NotificationsModule } from './notifications/notifications.module';

@Global()
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, jwtSecret: string, serverKeys: ServerKeys): DynamicModule {
    return {
      module: AppModule,
      imports: [
        loggingModule(config.logLevel),
        DatabaseModule.forRoot(config.database),
        // A prepared KeyObject: given a string, jsonwebtoken first tries (and fails) to parse it as a
        // public key on every verification, which cost about 1 ms per request (measured).
        JwtModule.register({ global: true, secret: createSecretKey(Buffer.from(jwtSecret)) as unknown as string, signOptions: { algorithm: 'HS256' } }),
        AuditModule,
        NotificationsModule,
        LegalModule,
        SeedModule,
        AuthModule,
        UnitsModule,
        ClustersModule,
        LeadershipModule,
        IssuedDocumentsModule,
        CriteriaModule,
        PledgesModule,
        ScoringModule,
        AwardsModule,
        ReportsModule,
        WebModule,
      ],
      controllers: [HealthController],
      providers: [
        Lifecycle,
        MetricsService,
        { provide: APP_CONFIG, useValue: config },
        { provide: SERVER_SECRET, useValue: jwtSecret },
        { provide: SERVER_KEYS, useValue: serverKeys },
      ],
      exports: [APP_CONFIG, SERVER_SECRET, SERVER_KEYS],
    };
  }
}
