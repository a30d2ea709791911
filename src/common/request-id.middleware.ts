import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { RequestContext, runWithContext } from './request-context';

const SAFE_ID = /^[A-Za-z0-9._-]{8,64}$/;
const CONTEXT = Symbol('thidua request context');

type WithContext = IncomingMessage & { id?: unknown; ip?: string; [CONTEXT]?: RequestContext };

/** A request's id: the caller's X-Request-Id when well-formed, else a new one (Fastify's `genReqId`). */
export function requestIdOf(req: IncomingMessage): string {
  const incoming = req.headers['x-request-id'];
  return typeof incoming === 'string' && SAFE_ID.test(incoming) ? incoming : randomUUID();
}

/**
 * Gives every request its id (Fastify's request id, which middie copies onto the Node request and the request log
 * records) in the X-Request-Id header, and a context for the audit log. A middleware (Fastify's middie, before
 * Nest's own) on the Node request and response.
 */
export function requestContextMiddleware(req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void): void {
  const id = (req as WithContext).id;
  const requestId = typeof id === 'string' && id ? id : requestIdOf(req);
  res.setHeader('X-Request-Id', requestId);
  const context: RequestContext = { requestId, ip: (req as WithContext).ip };
  (req as WithContext)[CONTEXT] = context;
  runWithContext(context, () => next());
}

/**
 * Fastify hook (preValidation): enters the request's context again once the body is read. The body arrives in
 * stream events that do not carry the context the middleware entered; the guards, pipes and handler that follow
 * run in it again.
 */
export function reenterRequestContext(req: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction): void {
  const context = (req.raw as WithContext)[CONTEXT];
  if (context) runWithContext(context, () => done());
  else done();
}
