import { Global, Module } from '@nestjs/common';
import { AccessService } from './access.service';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { PasswordService } from './password.service';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Global()
@Module({
  providers: [AuthService, PasswordService, AccessService, UsersService],
  controllers: [AuthController, UsersController],
  exports: [AuthService, PasswordService, AccessService],
})
export class AuthModule {}
