import type { ValidationError } from 'class-validator';
import { AppException, ErrorDetail } from '../errors/app.exception';

/** Messages for constraints raised by class-validator itself (ours carry Vietnamese messages already). */
const BUILT_IN: Record<string, string> = {
  whitelistValidation: 'Trường này không được phép.',
  unknownValue: 'Nội dung gửi lên phải là một đối tượng JSON.',
  nestedValidation: 'Phải là một đối tượng hợp lệ.',
  isDefined: 'Bắt buộc phải có.',
};

/** Flattens nested ValidationErrors into one detail per field and constraint. */
export function validationDetails(errors: ValidationError[], prefix = ''): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  for (const error of errors) {
    const field = error.property ? (prefix ? `${prefix}.${error.property}` : error.property) : prefix || '(body)';
    for (const [code, message] of Object.entries(error.constraints ?? {})) {
      details.push({ field, code, message: BUILT_IN[code] ?? message });
    }
    if (error.children?.length) details.push(...validationDetails(error.children, field));
  }
  return details;
}

export function validationExceptionFactory(errors: ValidationError[]): AppException {
  return AppException.validation(validationDetails(errors));
}
