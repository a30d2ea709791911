import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { AppException } from './errors/app.exception';
import { ErrorCode } from './errors/error-codes';
import { mediaType, requestPath } from './http';

const WITH_BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const ACCEPTED = new Set(['application/json', 'multipart/form-data', 'application/x-www-form-urlencoded']);

/** The API's paths: /api and below (not /apidocs). */
export function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/');
}

/** A request that sends a body in a type the API does not read answers 415 instead of being half-read. */
export function contentTypeProblem(req: FastifyRequest): AppException | null {
  const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  if (WITH_BODY.has(req.method) && hasBody && !ACCEPTED.has(mediaType(req.headers['content-type']))) {
    return new AppException(ErrorCode.UnsupportedMediaType, 'Kiểu nội dung gửi lên không được hỗ trợ: hãy gửi JSON (Content-Type: application/json).', [
      { field: 'Content-Type', code: 'unsupported', message: `Không hỗ trợ "${req.headers['content-type'] ?? '(không có)'}".` },
    ]);
  }
  return null;
}

/**
 * Fastify hook (onRequest) for the API's paths: answers carry people's and units' data, so no browser or proxy
 * keeps them unless a route says otherwise (the ranking, revalidated by its ETag); a body of a type the API does
 * not read answers 415.
 */
export function apiRequestHook(req: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void {
  if (!isApiPath(requestPath(req))) {
    done();
    return;
  }
  reply.raw.setHeader('Cache-Control', 'no-store');
  const problem = contentTypeProblem(req);
  if (problem) done(problem);
  else done();
}
