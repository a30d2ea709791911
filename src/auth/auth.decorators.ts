import { SetMetadata, applyDecorators, createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ErrorBody } from '../common/errors/error-body';
import type { Principal } from './principal';
import { Role } from './roles';

export const ACCESS_KEY = 'thidua:access';

/** Route access metadata. A route without it is closed to everyone (the guard answers 403). */
export type AccessRule = { public: true } | { public: false; roles: Role[] };

/** The roles admitted to a route. Object-level scope is still checked by the service. */
export function Auth(...roles: Role[]): MethodDecorator & ClassDecorator {
  if (roles.length === 0) throw new Error('@Auth() needs at least one role');
  return applyDecorators(
    SetMetadata(ACCESS_KEY, { public: false, roles } satisfies AccessRule),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'Chưa đăng nhập hoặc phiên đã kết thúc.', type: ErrorBody }),
    ApiForbiddenResponse({ description: 'Không có quyền.', type: ErrorBody }),
  );
}

/** Open to anyone (health, login, API docs). */
export function Public(): MethodDecorator & ClassDecorator {
  return SetMetadata(ACCESS_KEY, { public: true } satisfies AccessRule);
}

export const CurrentUser = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal => {
  return ctx.switchToHttp().getRequest().principal;
});
