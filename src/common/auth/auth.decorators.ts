import { SetMetadata, applyDecorators, createParamDecorator, ExecutionContext } from '@nestjs/common';
import { METHOD_METADATA } from '@nestjs/common/constants';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse, DECORATORS } from '@nestjs/swagger';
import { ErrorBody } from '../errors/error-body';
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

/** Open to anyone (health, login, API docs). Documented with `security: []`: no credentials needed. */
export function Public(): MethodDecorator & ClassDecorator {
  return applyDecorators(SetMetadata(ACCESS_KEY, { public: true } satisfies AccessRule), ApiNoSecurity());
}

/**
 * `security: []` on the OpenAPI operation(s). @nestjs/swagger drops an empty @ApiSecurity list, so the
 * empty requirement goes into the operation metadata (merged with @ApiOperation's, in either order).
 */
function ApiNoSecurity(): MethodDecorator & ClassDecorator {
  const mark = (handler: object) =>
    Reflect.defineMetadata(DECORATORS.API_OPERATION, { ...Reflect.getMetadata(DECORATORS.API_OPERATION, handler), security: [] }, handler);
  return (target: object, _key?: string | symbol, descriptor?: PropertyDescriptor) => {
    if (descriptor) {
      mark(descriptor.value);
      return;
    }
    const proto = (target as { prototype: object }).prototype;
    for (const name of Object.getOwnPropertyNames(proto)) {
      const handler = Object.getOwnPropertyDescriptor(proto, name)?.value;
      if (name === 'constructor' || typeof handler !== 'function' || !Reflect.hasMetadata(METHOD_METADATA, handler)) continue;
      // A route's own @Auth(...) wins over the class's @Public() (as in the guard): it keeps its bearer security.
      if ((Reflect.getMetadata(ACCESS_KEY, handler) as AccessRule | undefined)?.public === false) continue;
      mark(handler);
    }
  };
}

export const MFA_SETUP_KEY = 'thidua:mfa-setup';

/**
 * Open to an account that must use MFA but has not enrolled yet (its status, enrolment, password change,
 * logout): every other route answers 403 AUTH_MFA_ENROLMENT_REQUIRED until it has.
 */
export function MfaSetupAllowed(): MethodDecorator {
  return SetMetadata(MFA_SETUP_KEY, true);
}

export const CurrentUser = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal => {
  return ctx.switchToHttp().getRequest().principal;
});
