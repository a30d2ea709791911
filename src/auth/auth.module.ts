import { Global, Module } from '@nestjs/common';
import { AccessService } from './access.service';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { MfaService } from './mfa.service';
import { PasswordService } from './password.service';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Global()
@Module({
  providers: [AuthService, MfaService, PasswordService, AccessService, UsersService],
  controllers: [AuthController, UsersController],
  exports: [AuthService, MfaService, PasswordService, AccessService],
})
export class AuthModule {}
