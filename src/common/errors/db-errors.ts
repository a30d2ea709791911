import { AppException } from './app.exception';
import { ErrorCode } from './error-codes';

/**
 * Maps a database constraint failure (SQLite or PostgreSQL) to the matching client error.
 * Returns undefined for anything that is not a constraint failure: those stay server errors.
 */
export function mapDatabaseError(error: unknown): AppException | undefined {
  const driverError = (error as { driverError?: unknown })?.driverError ?? error;
  const raw = (driverError as { code?: unknown })?.code;
  const code = typeof raw === 'string' || typeof raw === 'number' ? String(raw) : '';
  switch (code) {
    case 'SQLITE_CONSTRAINT_UNIQUE':
    case 'SQLITE_CONSTRAINT_PRIMARYKEY':
    case '23505':
      return new AppException(ErrorCode.Duplicate);
    case 'SQLITE_CONSTRAINT_FOREIGNKEY':
    case '23503':
      return new AppException(ErrorCode.ReferenceInUse);
    case 'SQLITE_CONSTRAINT_CHECK':
    case 'SQLITE_CONSTRAINT_NOTNULL':
    case '23514':
    case '23502':
    case '22001':
      return new AppException(ErrorCode.BusinessRule);
    default:
      return undefined;
  }
}
