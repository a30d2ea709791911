import type { FastifyReply, FastifyRequest } from 'fastify';
import type { UploadedMultipartFile } from '@nestjs/platform-fastify/multipart';
import type { Principal } from './auth/principal';

/**
 * The HTTP layer's types: the application runs on Nest's Fastify adapter, so a controller's `@Req()` is Fastify's
 * request and its `@Res()` Fastify's reply. The signed-in caller is set on the request by the auth guard.
 */
export type HttpRequest = FastifyRequest & { principal?: Principal };
export type HttpResponse = FastifyReply;

/** The request's path, without its query string. */
export function requestPath(req: { url: string }): string {
  const q = req.url.indexOf('?');
  return q === -1 ? req.url : req.url.slice(0, q);
}

/** The essence of a Content-Type header ("application/json" of "application/json; charset=utf-8"), lower-cased. */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

/**
 * Whether a conditional GET's If-None-Match still matches the current ETag (RFC 9110: weak comparison, a list of
 * tags, or "*"), the check Express's `req.fresh` made when a route sent a body with an ETag.
 */
export function etagMatches(ifNoneMatch: string | string[] | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const header = Array.isArray(ifNoneMatch) ? ifNoneMatch.join(',') : ifNoneMatch;
  if (header.trim() === '*') return true;
  const bare = (tag: string) => (tag.startsWith('W/') ? tag.slice(2) : tag);
  return header.split(',').some((tag) => bare(tag.trim()) === bare(etag));
}

/**
 * The offered media type an Accept header prefers (Express's `req.accepts(offered)`): the highest quality, the most
 * specific range deciding a type's quality, ties to the first offered; the first offered when there is no header,
 * false when none is acceptable.
 */
export function preferredType(accept: string | undefined, offered: string[]): string | false {
  if (!accept || !accept.trim()) return offered[0] ?? false;
  const ranges = accept.split(',').map((part) => {
    const [range, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return { range: range.trim(), q: q ? Number(q.slice(2)) : 1 };
  });
  let best: { type: string; q: number } | null = null;
  for (const type of offered) {
    const [main] = type.split('/');
    let match: { specificity: number; q: number } | null = null;
    for (const r of ranges) {
      const specificity = r.range === type ? 2 : r.range === `${main}/*` ? 1 : r.range === '*/*' ? 0 : -1;
      if (specificity >= 0 && (!match || specificity > match.specificity)) match = { specificity, q: r.q };
    }
    if (match && match.q > 0 && (!best || match.q > best.q)) best = { type, q: match.q };
  }
  return best?.type ?? false;
}

/** An uploaded file as the upload interceptor hands it (multer's shape; memory storage: its bytes are in `buffer`). */
export type UploadedFileData = UploadedMultipartFile & { buffer: Buffer };
