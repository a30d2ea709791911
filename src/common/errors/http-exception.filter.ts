import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { HttpRequest, HttpResponse } from '../http';
import { requestPath } from '../http';
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
export type HtmlErrorRenderer = (error: AppException, request: HttpRequest, response: HttpResponse) => boolean;
let htmlErrorRenderer: HtmlErrorRenderer | undefined;
export function setHtmlErrorRenderer(renderer: HtmlErrorRenderer): void {
  htmlErrorRenderer = renderer;
}

function requestIdOf(response: HttpResponse): string | undefined {
  const id = response.raw.getHeader('X-Request-Id');
  return typeof id === 'string' ? id : undefined;
}

/** Turns every error into `{statusCode, code, message, details[]}`; never leaks a stack trace. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger(AllExceptionsFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    this.answer(exception, ctx.getRequest<HttpRequest>(), ctx.getResponse<HttpResponse>());
  }

  /**
   * The answer to an error; also for the errors Fastify's router meets before any hook or route (a malformed
   * percent-encoding, an over-long path parameter), which reach no Nest filter (bootstrap's frameworkErrors).
   */
  answer(exception: unknown, request: HttpRequest, response: HttpResponse): void {
    const appError = this.toAppException(exception, request);
    if (appError.status >= 500) {
      this.logger.error(
        `${request?.method} ${request?.originalUrl} → ${appError.code}`,
        exception instanceof Error ? exception.stack : String(exception),
      );
    }
    if (response.sent || response.raw.headersSent) {
      if (!response.raw.writableEnded) response.raw.end();
      return;
    }
    for (const [name, value] of Object.entries(appError.headers)) void response.header(name, value);
    // A URL the router refused (malformed encoding) answers before the middleware that sets the id.
    if (!response.raw.hasHeader('X-Request-Id') && request?.id) void response.header('X-Request-Id', request.id);
    if (htmlErrorRenderer?.(appError, request, response)) return;
    void response
      .status(appError.status)
      .header('Content-Type', 'application/json; charset=utf-8')
      .send({
        statusCode: appError.status,
        code: appError.code,
        message: appError.message,
        details: appError.details,
        // An error met while the body was read (malformed JSON, too large) is handled outside the request's context;
        // Fastify's request id is the same id (bootstrap's genReqId).
        requestId: currentRequestId() ?? requestIdOf(response) ?? request?.id,
      });
  }

  private toAppException(exception: unknown, request: HttpRequest): AppException {
    if (exception instanceof AppException) return exception;
    const dbError = mapDatabaseError(exception);
    if (dbError) return dbError;
    // The adapter wraps the body parsers' and Fastify's errors in an HttpException and keeps the original as `cause`.
    const cause = (exception as { cause?: unknown })?.cause;
    // A percent-encoding that decodes to nothing (Fastify's router answers it before any route).
    if (cause instanceof URIError || (cause as { code?: unknown } | undefined)?.code === 'FST_ERR_BAD_URL') {
      return new AppException(ErrorCode.ValidationFailed, 'Đường dẫn chứa ký tự mã hóa không hợp lệ.');
    }
    const mw = (cause && typeof cause === 'object' && 'type' in cause ? cause : exception) as MiddlewareError;
    if (mw && typeof mw === 'object' && typeof mw.type === 'string') {
      if (mw.type === 'entity.parse.failed') return new AppException(ErrorCode.MalformedJson);
      if (mw.type === 'encoding.invalid') return new AppException(ErrorCode.ValidationFailed, 'Nội dung gửi lên chứa byte không phải UTF-8 hợp lệ.');
      if (mw.type === 'entity.too.large') return new AppException(ErrorCode.PayloadTooLarge);
      if (mw.type === 'encoding.unsupported' || mw.type === 'charset.unsupported') {
        return new AppException(ErrorCode.UnsupportedMediaType);
      }
      if ((mw.status ?? 500) < 500) return new AppException(ErrorCode.ValidationFailed);
    }
    // A multipart body that cannot be read (a broken boundary, a truncated part): said at the upload's field, 'file'.
    if (exception instanceof HttpException && exception.getStatus() === 400 && /^multipart\/form-data/i.test(String(request?.headers?.['content-type'] ?? ''))) {
      return AppException.field(ErrorCode.ValidationFailed, 'file', 'Không đọc được tệp gửi lên (dữ liệu multipart/form-data bị hỏng hoặc không trọn vẹn): hãy chọn lại tệp và gửi lại.');
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      if (status === 404) {
        return new AppException(ErrorCode.RouteNotFound, `Không tìm thấy đường dẫn ${request?.method} ${request ? requestPath(request) : ''}.`);
      }
      const code = STATUS_TO_CODE[status];
      if (code) return new AppException(code);
      if (status < 500) return new AppException(ErrorCode.ValidationFailed, ERROR_CATALOGUE[ErrorCode.ValidationFailed].message);
    }
    return new AppException(ErrorCode.Internal);
  }
}
