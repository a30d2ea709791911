import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { CookieOptions, Request, Response } from 'express';

/**
 * The browser's cookies and CSRF tokens. Cookies are read by cookie-parser (installed in bootstrap) and written
 * by Express's res.cookie: httpOnly, SameSite=Strict, path /, Secure when the site is served over https.
 */
/** The browser session: the access token in an httpOnly cookie, and a CSRF token bound to its session. */
export const SESSION_COOKIE = 'thidua_session';
/** Before login: a random token in a cookie that the login form must echo (double submit). */
export const LOGIN_CSRF_COOKIE = 'thidua_login_csrf';
export const CSRF_HEADER = 'x-csrf-token';
/** Express setting (set at start-up from PUBLIC_BASE_URL) that marks every cookie Secure. */
export const SECURE_COOKIES_SETTING = 'thidua secure cookies';

/** A cookie's value as sent, or undefined (cookie-parser turns "j:…" values into objects: never trusted). */
export function cookieValue(req: Request, name: string): string | undefined {
  const value = (req.cookies as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : undefined;
}

export function sessionCookieToken(req: Request): string | undefined {
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

function cookieOptions(req: Request): CookieOptions {
  // Secure whenever the site is published over https (PUBLIC_BASE_URL), even behind a proxy that speaks http to us.
  return { path: '/', httpOnly: true, sameSite: 'strict', secure: req.secure || req.app?.get(SECURE_COOKIES_SETTING) === true };
}

export function setCookie(res: Response, req: Request, name: string, value: string, maxAgeSeconds?: number): void {
  res.cookie(name, value, { ...cookieOptions(req), ...(maxAgeSeconds !== undefined ? { maxAge: maxAgeSeconds * 1000 } : {}) });
}

export function clearCookie(res: Response, req: Request, name: string): void {
  res.clearCookie(name, cookieOptions(req));
}
