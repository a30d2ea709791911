import { Injectable, PipeTransform } from '@nestjs/common';
import { AppException } from '../errors/app.exception';
import { ErrorCode } from '../errors/error-codes';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Path parameter that must be a UUID; anything else is a 400 naming the parameter. */
@Injectable()
export class UuidParamPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: { data?: string }): string {
    if (typeof value === 'string' && UUID.test(value)) return value.toLowerCase();
    const field = metadata.data ?? 'id';
    throw new AppException(ErrorCode.ValidationFailed, undefined, [
      { field, code: 'isUuid', message: 'Phải là mã định danh (UUID) hợp lệ.' },
    ]);
  }
}

/** Path parameter holding an emulation year. */
@Injectable()
export class YearParamPipe implements PipeTransform<string, number> {
  transform(value: string | number, metadata: { data?: string }): number {
    if (typeof value === 'string' && /^\d{4}$/.test(value)) {
      const year = Number(value);
      if (year >= 2000 && year <= 2100) return year;
    }
    const field = metadata.data ?? 'year';
    throw new AppException(ErrorCode.ValidationFailed, undefined, [
      { field, code: 'isYear', message: 'Năm phải là số nguyên từ 2000 đến 2100.' },
    ]);
  }
}
