import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';

/** The browser session: the access token in an httpOnly cookie, and a CSRF token bound to its session. */
export const SESSION_COOKIE = 'thidua_session';
/** Before login: a random token in a cookie that the login form must echo (double submit). */
export const LOGIN_CSRF_COOKIE = 'thidua_login_csrf';
export const CSRF_HEADER = 'x-csrf-token';
/** Express setting (set at start-up from PUBLIC_BASE_URL) that marks every cookie Secure. */
export const SECURE_COOKIES_SETTING = 'thidua secure cookies';

export function parseCookies(req: Request): Record<string, string> {
  const header = req.headers.cookie;
  const out: Record<string, string> = {};
  if (typeof header !== 'string') return out;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i <= 0) continue;
    const name = part.slice(0, i).trim();
    const value = part.slice(i + 1).trim();
    try {
      out[name] = decodeURIComponent(value);
    } catch {
      // A malformed cookie is ignored, as if absent.
    }
  }
  return out;
}

export function sessionCookieToken(req: Request): string | undefined {
  const token = parseCookies(req)[SESSION_COOKIE];
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

function cookieFlags(req: Request, maxAgeSeconds?: number): string {
  const flags = ['Path=/', 'HttpOnly', 'SameSite=Strict'];
  // Secure whenever the site is published over https (PUBLIC_BASE_URL), even behind a proxy that speaks http to us.
  if (req.secure || req.app?.get(SECURE_COOKIES_SETTING) === true) flags.push('Secure');
  if (maxAgeSeconds !== undefined) flags.push(`Max-Age=${maxAgeSeconds}`);
  return flags.join('; ');
}

export function setCookie(res: Response, req: Request, name: string, value: string, maxAgeSeconds?: number): void {
  const existing = res.getHeader('Set-Cookie');
  const list = Array.isArray(existing) ? existing : existing ? [String(existing)] : [];
  res.setHeader('Set-Cookie', [...list, `${name}=${encodeURIComponent(value)}; ${cookieFlags(req, maxAgeSeconds)}`]);
}

export function clearCookie(res: Response, req: Request, name: string): void {
  setCookie(res, req, name, '', 0);
}
