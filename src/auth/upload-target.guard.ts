import { CanActivate, ExecutionContext, Injectable, Type, mixin } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { HttpRequest } from '../common/http';
import type { Principal } from '../common/auth/principal';

/** A service that can tell, from the route's parameters alone, whether the caller may upload there. */
export interface UploadTarget {
  /** Throws the same 400/403/404 the upload itself would, before any byte of the file is read. */
  checkUploadTarget(p: Principal, params: Record<string, string>): Promise<void>;
}

/**
 * Runs the upload's access check before multer reads the body (guards run before interceptors): a stranger,
 * or a target that does not exist, gets its 403/404 without the server reading, let alone inflating, the file.
 */
export function UploadTargetGuard(service: Type<UploadTarget>): Type<CanActivate> {
  @Injectable()
  class CheckUploadTarget implements CanActivate {
    constructor(private readonly moduleRef: ModuleRef) {}

    async canActivate(context: ExecutionContext): Promise<boolean> {
      const req = context.switchToHttp().getRequest<HttpRequest>();
      // The global AuthGuard ran first and put the principal on the request.
      if (!req.principal) return false;
      await this.moduleRef.get(service, { strict: false }).checkUploadTarget(req.principal, req.params as Record<string, string>);
      return true;
    }
  }
  return mixin(CheckUploadTarget);
}
