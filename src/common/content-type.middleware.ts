import type { NextFunction, Request, Response } from 'express';
import { AppException } from './errors/app.exception';
import { ErrorCode } from './errors/error-codes';

const WITH_BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const ACCEPTED = ['application/json', 'multipart/form-data', 'application/x-www-form-urlencoded'];

/** A request that sends a body in a type the API does not read answers 415 instead of being half-read. */
export function contentTypeMiddleware(req: Request, _res: Response, next: NextFunction): void {
  const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  if (WITH_BODY.has(req.method) && hasBody && !req.is(ACCEPTED)) {
    next(
      new AppException(ErrorCode.UnsupportedMediaType, 'Kiểu nội dung gửi lên không được hỗ trợ: hãy gửi JSON (Content-Type: application/json).', [
        { field: 'Content-Type', code: 'unsupported', message: `Không hỗ trợ "${req.headers['content-type'] ?? '(không có)'}".` },
      ]),
    );
    return;
  }
  next();
}

/**
 * API answers carry people's and units' data: no browser or proxy keeps them unless a route says otherwise
 * (the ranking, revalidated by its ETag).
 */
export function apiNoStoreMiddleware(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('Cache-Control', 'no-store');
  next();
}
