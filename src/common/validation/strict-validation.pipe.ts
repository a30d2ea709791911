import { ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import type { ValidationError, ValidatorOptions } from 'class-validator';
import { withCrossFieldProblems } from './cross-field';
import { AppException } from '../errors/app.exception';
import { ErrorCode } from '../errors/error-codes';
import { sanitizeOnce } from './input-hygiene';
import { validationExceptionFactory } from './validation-errors';

const PRIMITIVES = new Set<unknown>([String, Number, Boolean, Array, Object]);

/**
 * The global ValidationPipe, plus: a body bound to a DTO class must be a JSON object
 * (not missing, null, an array or a scalar), which the stock pipe lets through.
 */
export class StrictValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      transform: true,
      transformOptions: { enableImplicitConversion: false },
      validationError: { target: false, value: false },
      exceptionFactory: validationExceptionFactory,
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const isDtoBody = metadata.type === 'body' && metadata.metatype && !PRIMITIVES.has(metadata.metatype);
    if (isDtoBody && (value === null || typeof value !== 'object' || Array.isArray(value))) {
      throw new AppException(ErrorCode.ValidationFailed, 'Nội dung gửi lên phải là một đối tượng JSON.', [
        { field: '(body)', code: 'isObject', message: 'Nội dung gửi lên phải là một đối tượng JSON.' },
      ]);
    }
    // Multipart fields and query strings have not passed the body middleware: the same checks here.
    if ((metadata.type === 'body' || metadata.type === 'query') && value !== null && typeof value === 'object') sanitizeOnce(value);
    // Path parameters stay text for their own pipes (YearParamPipe, UuidParamPipe…): the stock conversion would read
    // "2e3" as the year 2000.
    if (metadata.type === 'param') return value;
    return super.transform(value, metadata);
  }

  /** The fields' own checks, and with them the checks of fields against each other (cross-field.ts). */
  protected override async validate(object: object, options?: ValidatorOptions): Promise<ValidationError[]> {
    return withCrossFieldProblems(object, await super.validate(object, options));
  }
}
