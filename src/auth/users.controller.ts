import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { UuidParamPipe } from '../common/validation/params';
import { Auth } from './auth.decorators';
import { Role } from './roles';
import { CreateUserDto, ResetPasswordDto, UpdateUserDto, UserPage, UserQueryDto, UserView } from './users.dto';
import { UsersService } from './users.service';

@ApiTags('Tài khoản')
@Controller('api/users')
@Auth(Role.Admin)
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOkResponse({ type: UserPage })
  list(@Query() query: UserQueryDto): Promise<UserPage> {
    return this.users.list(query);
  }

  @Get(':id')
  @ApiOkResponse({ type: UserView })
  get(@Param('id', UuidParamPipe) id: string): Promise<UserView> {
    return this.users.get(id);
  }

  @Post()
  @ApiCreatedResponse({ type: UserView })
  create(@Body() dto: CreateUserDto): Promise<UserView> {
    return this.users.create(dto);
  }

  @Patch(':id')
  @ApiOkResponse({ type: UserView })
  update(@Param('id', UuidParamPipe) id: string, @Body() dto: UpdateUserDto): Promise<UserView> {
    return this.users.update(id, dto);
  }

  @Post(':id/password')
  @HttpCode(204)
  resetPassword(@Param('id', UuidParamPipe) id: string, @Body() dto: ResetPasswordDto): Promise<void> {
    return this.users.resetPassword(id, dto);
  }
}
