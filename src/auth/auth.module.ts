import { UnitRecordsModule } from '../units/unit-records.module';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuditModule } from '../audit/audit.module';
import { AccessModule } from '../access/access.module';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AccountChecks } from './account-checks';
import { AuthService } from './auth.service';
import { Authenticator } from './authenticator';
import { LoginAttemptsRepository } from './login-attempts.repository';
import { MfaRepository } from './mfa.repository';
import { MfaService } from './mfa.service';
import { PasswordService } from './password.service';
import { SessionsRepository } from './sessions.repository';
import { SessionsCleanup } from './sessions-cleanup';
import { UsersController } from './users.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

/** Sign-in, sessions, second factor and accounts; installs the one global guard. */
@Module({
  imports: [AuditModule, UnitRecordsModule, AccessModule],
  providers: [
    AuthService,
    AccountChecks,
    Authenticator,
    MfaService,
    PasswordService,
    UsersService,
    UsersRepository,
    SessionsRepository,
    SessionsCleanup,
    MfaRepository,
    LoginAttemptsRepository,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  controllers: [AuthController, UsersController],
  exports: [AuthService, Authenticator, MfaService, PasswordService, UsersRepository, UsersService],
})
export class AuthModule {}
