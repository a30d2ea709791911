import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { AppException } from '../errors/app.exception';
import { ErrorCode } from '../errors/error-codes';

/**
 * Text and structure checks every request body and query string passes before validation:
 *  - nesting deeper than MAX_INPUT_DEPTH is refused (class-transformer recurses and would overflow its stack);
 *  - every string is normalised to Unicode NFC, so "Phú Yên" typed composed or decomposed is one value;
 *  - control characters (C0 but tab, line feed and carriage return; DEL; C1) are refused: PostgreSQL cannot
 *    store NUL and nothing legitimate sends them;
 *  - invisible format characters (zero-width spaces and joiners, bidi controls, soft hyphen, BOM) are refused:
 *    they would make two values that look the same differ, in a unique key above all.
 * Tab and line breaks are checked per field by TextField (single-line fields refuse them).
 */
export const MAX_INPUT_DEPTH = 20;

const CONTROL_CHARS = '\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F';
const INVISIBLE_CHARS = '\\u00AD\\u180E\\u200B-\\u200F\\u202A-\\u202E\\u2060-\\u2064\\u2066-\\u2069\\uFEFF';
const CONTROL = new RegExp(`[${CONTROL_CHARS}]`);
const INVISIBLE = new RegExp(`[${INVISIBLE_CHARS}]`);
/** A file name keeps neither control characters (line breaks included) nor invisible ones. */
const NOT_IN_FILE_NAMES = new RegExp(`[\\u0000-\\u001F\\u007F-\\u009F${INVISIBLE_CHARS}]`, 'g');
const LINE_BREAK_OR_TAB = /[\t\r\n\u2028\u2029]/;
/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const TEXT_MESSAGES = {
  control: 'Không được chứa ký tự điều khiển (ví dụ ký tự NUL).',
  invisible: 'Không được chứa ký tự vô hình (khoảng trắng độ rộng 0, ký tự định hướng…).',
  singleLine: 'Phải nằm trên một dòng (không có dấu xuống dòng hoặc tab).',
  malformed: 'Chứa ký tự không hợp lệ (mã UTF-16 không đầy đủ).',
  depth: `Nội dung gửi lên lồng nhau quá sâu (tối đa ${MAX_INPUT_DEPTH} cấp).`,
  reservedKey: 'Trường này không được phép.',
};

/**
 * Names no field of the API has and JavaScript gives a meaning to: JSON.parse makes "__proto__" an own key, which
 * class-transformer then drops before the whitelist check could name it.
 */
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Null when the text is acceptable, else the Vietnamese reason. */
export function textProblem(text: string, multiline = true): string | null {
  if (CONTROL.test(text)) return TEXT_MESSAGES.control;
  // A lone surrogate ("\ud800") is no character: it cannot be stored as UTF-8 or printed.
  if (LONE_SURROGATE.test(text)) return TEXT_MESSAGES.malformed;
  if (INVISIBLE.test(text)) return TEXT_MESSAGES.invisible;
  if (!multiline && LINE_BREAK_OR_TAB.test(text)) return TEXT_MESSAGES.singleLine;
  return null;
}

/** NFC text with the checks above, or an AppException naming the field. For text read from files too. */
export function cleanText(text: string, field: string, multiline = true): string {
  const problem = textProblem(text, multiline);
  if (problem) throw AppException.field(ErrorCode.ValidationFailed, field, problem);
  return text.normalize('NFC');
}

interface Frame {
  holder: Record<string, unknown> | unknown[];
  key: string | number;
  path: string;
  depth: number;
}

/**
 * Walks a parsed value without recursion (a deep value cannot overflow this walk), normalising strings in
 * place. Throws a 400 naming the first offending field (dotted path, as validation errors name fields).
 */
export function sanitizeInput(root: unknown, rootField = '(body)'): void {
  if (root === null || typeof root !== 'object') return;
  const stack: Frame[] = [];
  const push = (container: Record<string, unknown> | unknown[], path: string, depth: number) => {
    if (depth > MAX_INPUT_DEPTH) throw AppException.field(ErrorCode.ValidationFailed, rootField, TEXT_MESSAGES.depth);
    if (Array.isArray(container)) container.forEach((_v, i) => stack.push({ holder: container, key: i, path: path ? `${path}.${i}` : String(i), depth }));
    else for (const key of Object.keys(container)) stack.push({ holder: container, key, path: path ? `${path}.${key}` : key, depth });
  };
  push(root as Record<string, unknown>, '', 1);
  while (stack.length > 0) {
    const { holder, key, path, depth } = stack.pop()!;
    if (typeof key === 'string') {
      if (RESERVED_KEYS.has(key)) throw AppException.field(ErrorCode.ValidationFailed, path, TEXT_MESSAGES.reservedKey);
      const keyProblem = textProblem(key, false);
      if (keyProblem) throw AppException.field(ErrorCode.ValidationFailed, path, keyProblem);
    }
    const value = (holder as Record<string | number, unknown>)[key];
    if (typeof value === 'string') {
      const problem = textProblem(value);
      if (problem) throw AppException.field(ErrorCode.ValidationFailed, path, problem);
      const nfc = value.normalize('NFC');
      if (nfc !== value) (holder as Record<string | number, unknown>)[key] = nfc;
    } else if (value !== null && typeof value === 'object') {
      push(value as Record<string, unknown>, path, depth + 1);
    }
  }
}

/** Bodies the middleware already walked: the validation pipe does not walk them again. */
const sanitized = new WeakSet<object>();

/** For the validation pipe: walks what the middleware could not (multipart fields, query strings). */
export function sanitizeOnce(value: object): void {
  if (!sanitized.has(value)) sanitizeInput(value);
}

/**
 * Fastify hook (preValidation): runs after the body parsers, so a bad body answers 400 before any guard, pipe or
 * handler sees it.
 */
export function inputHygieneHook(req: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction): void {
  try {
    sanitizeInput(req.body);
    if (req.body !== null && typeof req.body === 'object') sanitized.add(req.body as object);
  } catch (error) {
    done(error as Error);
    return;
  }
  done();
}

/**
 * The upload interceptor's options for one uploaded file (multer's keys, read by @nestjs/platform-fastify/multipart on
 * @fastify/multipart): its size, one file, at most `fields` text fields, part names in UTF-8 (the default reads them as
 * latin1).
 */
export function singleFileUpload(maxBytes: number, fields: number) {
  return { limits: { fileSize: maxBytes, files: 1, fields }, defParamCharset: 'utf8' };
}

/** An uploaded file's name as stored and served: NFC, no control or invisible characters, no path. */
export function cleanFileName(raw: string): string {
  const name = raw
    .normalize('NFC')
    .replace(NOT_IN_FILE_NAMES, '')
    .replace(/[/\\]/g, '_')
    .trim()
    .slice(0, 200);
  return name || 'tep';
}
