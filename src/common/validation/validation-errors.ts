import type { ValidationError } from 'class-validator';
import { AppException, ErrorDetail } from '../errors/app.exception';

/** Messages for constraints raised by class-validator itself (ours carry Vietnamese messages already). */
const BUILT_IN: Record<string, string> = {
  whitelistValidation: 'Trường này không được phép.',
  unknownValue: 'Nội dung gửi lên phải là một đối tượng JSON.',
  nestedValidation: 'Phải là một đối tượng hợp lệ.',
  isDefined: 'Bắt buộc phải có.',
};

/** A field that is missing, null or not allowed at all: its other constraints say nothing more. */
const PRESENCE = new Set(['whitelistValidation', 'unknownValue', 'isDefined', 'isNotNull']);
/** The value's kind, most telling first: once it is wrong, its range, length or format is beside the point. */
const KIND = ['isArray', 'isString', 'isInt', 'isNumber', 'isBoolean', 'isUuid', 'nestedValidation'];

/**
 * What to tell about one field: its presence if that failed, else the first kind that failed, else every other failed
 * constraint. "abc" as a version reads "Phải là số nguyên.", not that and "≥ 1" and "≤ 2147483647" too.
 */
function telling(constraints: Record<string, string>): Array<[string, string]> {
  const all = Object.entries(constraints);
  const presence = all.filter(([code]) => PRESENCE.has(code));
  if (presence.length) return presence.slice(0, 1);
  const kind = KIND.find((code) => code in constraints);
  if (kind) return [[kind, constraints[kind]]];
  // Blank text is not also "too short".
  if ('isNotBlank' in constraints) return [['isNotBlank', constraints.isNotBlank]];
  return all;
}

/** Flattens nested ValidationErrors into one detail per field and constraint that tells something new. */
export function validationDetails(errors: ValidationError[], prefix = ''): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  for (const error of errors) {
    const field = error.property ? (prefix ? `${prefix}.${error.property}` : error.property) : prefix || '(body)';
    const seen = new Set<string>();
    for (const [code, raw] of telling(error.constraints ?? {})) {
      const message = BUILT_IN[code] ?? raw;
      if (seen.has(message)) continue;
      seen.add(message);
      details.push({ field, code, message });
    }
    if (error.children?.length) details.push(...validationDetails(error.children, field));
  }
  return details;
}

export function validationExceptionFactory(errors: ValidationError[]): AppException {
  return AppException.validation(validationDetails(errors));
}
