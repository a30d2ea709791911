import { ERROR_CATALOGUE, ErrorCode } from './error-codes';

/** One problem with one field of the request. `field` is a dotted path such as `phases.scoringOpensOn`. */
export interface ErrorDetail {
  field: string;
  message: string;
  code?: string;
  /** For errors in an uploaded workbook: the sheet and the cell (e.g. "Phiếu chấm", "E7"). */
  sheet?: string;
  cell?: string;
}

/** The single exception type of the application; the global filter turns it into the JSON error shape. */
export class AppException extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly details: ErrorDetail[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(message ?? ERROR_CATALOGUE[code].message);
    this.status = ERROR_CATALOGUE[code].status;
  }

  static notFound(what: string, field = 'id'): AppException {
    return new AppException(ErrorCode.NotFound, `Không tìm thấy ${what}.`, [
      { field, message: `Không tìm thấy ${what}.` },
    ]);
  }

  static forbidden(message?: string): AppException {
    return new AppException(ErrorCode.Forbidden, message);
  }

  static field(code: ErrorCode, field: string, message: string): AppException {
    return new AppException(code, message, [{ field, message, code }]);
  }

  /** 409 for a write made on a version that is no longer the current one. */
  static stale(current: number): AppException {
    return new AppException(ErrorCode.VersionConflict, undefined, [{ field: 'version', code: 'stale', message: `Phiên bản hiện tại là ${current}.` }]);
  }

  static validation(details: ErrorDetail[]): AppException {
    return new AppException(ErrorCode.ValidationFailed, undefined, details);
  }
}
