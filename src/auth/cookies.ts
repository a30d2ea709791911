import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyInstance } from 'fastify';
import type { HttpRequest, HttpResponse } from '../common/http';

/**
 * The browser's cookies and CSRF tokens. Cookies are read and written by @fastify/cookie (registered in bootstrap):
 * httpOnly, SameSite=Strict, path /, Secure when the site is served over https.
 */
/** The browser session: the access token in an httpOnly cookie, and a CSRF token bound to its session. */
export const SESSION_COOKIE = 'thidua_session';
/** Before login: a random token in a cookie that the login form must echo (double submit). */
export const LOGIN_CSRF_COOKIE = 'thidua_login_csrf';
export const CSRF_HEADER = 'x-csrf-token';
/** Set at start-up from PUBLIC_BASE_URL, on the application's Fastify instance: every cookie is Secure. */
const SECURE_COOKIES = 'thiduaSecureCookies';

export function markCookiesSecure(fastify: FastifyInstance, secure: boolean): void {
  fastify.decorate(SECURE_COOKIES, secure);
}

/** A cookie's value as sent, or undefined. */
export function cookieValue(req: HttpRequest, name: string): string | undefined {
  const value = (req.cookies as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : undefined;
}

export function sessionCookieToken(req: HttpRequest): string | undefined {
  const token = cookieValue(req, SESSION_COOKIE);
  return token && /^[A-Za-z0-9._~+/=-]+$/.test(token) ? token : undefined;
}

/** The CSRF token of a session: an HMAC of its id, so nothing more needs storing. */
export function csrfTokenFor(secret: string, sessionId: string): string {
  return createHmac('sha256', secret).update(`csrf:${sessionId}`).digest('base64url');
}

export function sameToken(a: unknown, b: string): boolean {
  if (typeof a !== 'string' || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

export function newLoginCsrf(): string {
  return randomBytes(24).toString('base64url');
}

function cookieOptions(req: HttpRequest): CookieSerializeOptions {
  // Secure whenever the site is published over https (PUBLIC_BASE_URL), even behind a proxy that speaks http to us.
  const secureSite = (req.server as unknown as Record<string, unknown>)[SECURE_COOKIES] === true;
  return { path: '/', httpOnly: true, sameSite: 'strict', secure: req.protocol === 'https' || secureSite };
}

/** A cookie with Max-Age and Expires (as Express wrote them) when it has a lifetime, else a session cookie. */
export function setCookie(res: HttpResponse, req: HttpRequest, name: string, value: string, maxAgeSeconds?: number): void {
  const lifetime = maxAgeSeconds !== undefined ? { maxAge: maxAgeSeconds, expires: new Date(Date.now() + maxAgeSeconds * 1000) } : {};
  void res.setCookie(name, value, { ...cookieOptions(req), ...lifetime });
}

export function clearCookie(res: HttpResponse, req: HttpRequest, name: string): void {
  void res.clearCookie(name, cookieOptions(req));
}
