import { parse as parseQueryString } from 'qs';

/**
 * The request body parsers, with the rules and errors of Express's body-parser that the application had before it
 * moved to Fastify: a JSON body must be an object or an array (strict), an empty body is `{}`, a charset other than
 * UTF-8 answers 415; a form body is flat (no `a[b]` nesting), at most 1,000 parameters. Their errors carry body-parser's
 * `type` and `status`, which the exception filter turns into the Vietnamese error (malformed JSON 400, too large 413,
 * unsupported charset 415). The size limit (1 MB) is Fastify's `bodyLimit`, set in bootstrap.
 */
const FORM_PARAMETER_LIMIT = 1000;

interface BodyError extends Error {
  type: string;
  status: number;
  statusCode: number;
  expose: boolean;
}

function bodyError(status: number, message: string, type: string): BodyError {
  return Object.assign(new Error(message), { type, status, statusCode: status, expose: true });
}

function charsetOf(contentType: string | undefined): string | undefined {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
  return match?.[1].toLowerCase();
}

function assertCharset(contentType: string | undefined, valid: (charset: string) => boolean): void {
  const charset = charsetOf(contentType) ?? 'utf-8';
  if (!valid(charset)) throw bodyError(415, `unsupported charset "${charset.toUpperCase()}"`, 'charset.unsupported');
}

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The body as UTF-8 text; bytes that are not UTF-8 are refused (400), not stored as U+FFFD. */
function utf8Text(body: Buffer): string {
  try {
    return UTF8.decode(body);
  } catch {
    throw bodyError(400, 'invalid UTF-8', 'encoding.invalid');
  }
}

/** A JSON body (application/json), as body-parser's `json({ strict: true })` read it. */
export function parseJsonBody(contentType: string | undefined, body: Buffer): unknown {
  // RFC 7159: JSON is in a Unicode encoding; body-parser accepted the UTF ones and decoded UTF-8 (BOM dropped).
  assertCharset(contentType, (c) => c.startsWith('utf-'));
  let text = utf8Text(body);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.length === 0) return {};
  const first = /^[\x20\x09\x0a\x0d]*(.?)/.exec(text)![1];
  if (first !== '{' && first !== '[') throw bodyError(400, `Unexpected token ${first || 'end of input'} in JSON`, 'entity.parse.failed');
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw bodyError(400, e instanceof Error ? e.message : String(e), 'entity.parse.failed');
  }
}

/** A form body (application/x-www-form-urlencoded), as body-parser's `urlencoded({ extended: false })` read it. */
export function parseFormBody(contentType: string | undefined, body: Buffer): Record<string, unknown> {
  assertCharset(contentType, (c) => c === 'utf-8' || c === 'iso-8859-1');
  const charset = charsetOf(contentType) === 'iso-8859-1' ? 'iso-8859-1' : 'utf-8';
  const text = charset === 'iso-8859-1' ? body.toString('latin1') : utf8Text(body);
  if (text.length === 0) return {};
  const parameters = text.split('&').length;
  if (parameters > FORM_PARAMETER_LIMIT) throw bodyError(413, 'too many parameters', 'parameters.too.many');
  return parseQueryString(text, { allowPrototypes: true, arrayLimit: parameters, depth: 0, charset, parameterLimit: FORM_PARAMETER_LIMIT, strictDepth: true }) as Record<string, unknown>;
}
