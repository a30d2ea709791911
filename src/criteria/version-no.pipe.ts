import { Injectable, PipeTransform } from '@nestjs/common';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-codes';

/** A version number in the path: a positive integer. */
@Injectable()
export class VersionNoParamPipe implements PipeTransform<string | number, number> {
  transform(value: string | number): number {
    const text = String(value);
    if (/^\d{1,6}$/.test(text) && Number(text) >= 1) return Number(text);
    throw new AppException(ErrorCode.ValidationFailed, undefined, [{ field: 'versionNo', code: 'isInt', message: 'Số phiên bản phải là số nguyên dương.' }]);
  }
}
