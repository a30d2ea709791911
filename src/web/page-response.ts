import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { HttpResponse } from '../common/http';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-codes';
import type { Html } from './html';
import { csrfTokenFor } from '../auth/cookies';
import type { Principal } from '../common/auth/principal';
import type { PageFrame } from './views/layout';

/** Sends a rendered page; pages show personal data, so no shared cache keeps them. */
export function sendPage(res: HttpResponse, page: Html, status = 200): void {
  void res.status(status).header('Content-Type', 'text/html; charset=utf-8').header('Cache-Control', 'no-store').send(page.value);
}

/** A redirect after a form or to the sign-in page (303 See Other unless told). */
export function redirect(res: HttpResponse, location: string, status = 303): void {
  void res.redirect(location, status);
}

/** The folder of the static assets: src/web/static, whether running from src or from the compiled dist/. */
export function staticDir(): string {
  const candidates = [join(__dirname, 'static'), join(__dirname, '..', '..', '..', 'src', 'web', 'static')];
  const found = candidates.find((d) => existsSync(join(d, 'app.js')));
  if (!found) throw new Error(`Web assets not found (looked in ${candidates.join(', ')})`);
  return found;
}

/** A value, or null when the service answers "not found" (an object not created yet); other errors pass. */
export async function orNull<T>(promise: Promise<T>): Promise<T | null> {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof AppException && error.code === ErrorCode.NotFound) return null;
    throw error;
  }
}

/** The frame of a signed-in user's page: their navigation, and the CSRF token their forms send back. */
export function signedInFrame(secret: string, p: Principal): PageFrame & { principal: Principal } {
  return { title: '', principal: p, csrf: csrfTokenFor(secret, p.sessionId) };
}
