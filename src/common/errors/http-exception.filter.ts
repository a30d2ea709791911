import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AppException } from './app.exception';
import { mapDatabaseError } from './db-errors';
import { ERROR_CATALOGUE, ErrorCode } from './error-codes';
import { currentRequestId } from '../request-context';

/** Body-parser and similar middleware errors carry a `type` and a `status`. */
interface MiddlewareError {
  type?: string;
  status?: number;
  statusCode?: number;
}

const STATUS_TO_CODE: Record<number, ErrorCode> = {
  400: ErrorCode.ValidationFailed,
  401: ErrorCode.AuthRequired,
  403: ErrorCode.Forbidden,
  404: ErrorCode.RouteNotFound,
  409: ErrorCode.Duplicate,
  413: ErrorCode.PayloadTooLarge,
  415: ErrorCode.UnsupportedMediaType,
  422: ErrorCode.BusinessRule,
  429: ErrorCode.TooManyLoginAttempts,
  503: ErrorCode.ServiceUnavailable,
};

/** Renders an error as a page for a browser's page request; returns false when the request wants JSON. */
export type HtmlErrorRenderer = (error: AppException, request: Request, response: Response) => boolean;
let htmlErrorRenderer: HtmlErrorRenderer | undefined;
export function setHtmlErrorRenderer(renderer: HtmlErrorRenderer): void {
  htmlErrorRenderer = renderer;
}

/** Turns every error into `{statusCode, code, message, details[]}`; never leaks a stack trace. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger(AllExceptionsFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const response = ctx.getResponse<Response>();
    const request = ctx.getRequest<Request>();
    const appError = this.toAppException(exception, request);
    if (appError.status >= 500) {
      this.logger.error(
        `${request?.method} ${request?.originalUrl} → ${appError.code}`,
        exception instanceof Error ? exception.stack : String(exception),
      );
    }
    if (response.headersSent) {
      response.end();
      return;
    }
    for (const [name, value] of Object.entries(appError.headers)) response.setHeader(name, value);
    if (htmlErrorRenderer?.(appError, request, response)) return;
    response.status(appError.status).json({
      statusCode: appError.status,
      code: appError.code,
      message: appError.message,
      details: appError.details,
      requestId: currentRequestId(),
    });
  }

  private toAppException(exception: unknown, request: Request): AppException {
    if (exception instanceof AppException) return exception;
    const dbError = mapDatabaseError(exception);
    if (dbError) return dbError;
    // Express adapter wraps body-parser errors in an HttpException and keeps the original as `cause`.
    const cause = (exception as { cause?: unknown })?.cause;
    if (cause instanceof URIError) {
      return new AppException(ErrorCode.ValidationFailed, 'Đường dẫn chứa ký tự mã hóa không hợp lệ.');
    }
    const mw = (cause && typeof cause === 'object' && 'type' in cause ? cause : exception) as MiddlewareError;
    if (mw && typeof mw === 'object' && typeof mw.type === 'string') {
      if (mw.type === 'entity.parse.failed') return new AppException(ErrorCode.MalformedJson);
      if (mw.type === 'entity.too.large') return new AppException(ErrorCode.PayloadTooLarge);
      if (mw.type === 'encoding.unsupported' || mw.type === 'charset.unsupported') {
        return new AppException(ErrorCode.UnsupportedMediaType);
      }
      if ((mw.status ?? 500) < 500) return new AppException(ErrorCode.ValidationFailed);
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      if (status === 404) {
        return new AppException(ErrorCode.RouteNotFound, `Không tìm thấy đường dẫn ${request?.method} ${request?.path}.`);
      }
      const code = STATUS_TO_CODE[status];
      if (code) return new AppException(code);
      if (status < 500) return new AppException(ErrorCode.ValidationFailed, ERROR_CATALOGUE[ErrorCode.ValidationFailed].message);
    }
    return new AppException(ErrorCode.Internal);
  }
}
