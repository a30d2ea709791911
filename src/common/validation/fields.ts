import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptions } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
  registerDecorator,
  ValidationOptions,
} from 'class-validator';
import { formatDateVi, isIsoDate, todayInVietnam } from '../time';
import { textProblem } from './input-hygiene';

/**
 * Composite field decorators: validation with Vietnamese messages plus the OpenAPI description, in one place.
 *
 * presence:
 *  - 'required': must be present and not null;
 *  - 'optional': may be omitted, but not null (PATCH of a mandatory field);
 *  - 'nullable': may be omitted or null (null clears the value).
 */
export type Presence = 'required' | 'optional' | 'nullable';

interface BaseOptions {
  presence?: Presence;
  description?: string;
  example?: unknown;
  /** Query-string fields arrive as text and are converted strictly. */
  query?: boolean;
}

const MSG = {
  required: 'Bắt buộc phải có.',
  notNull: 'Không được để trống.',
  string: 'Phải là chuỗi ký tự.',
  blank: 'Không được để trống hoặc chỉ có khoảng trắng.',
  int: 'Phải là số nguyên.',
  number: 'Phải là số.',
  bool: 'Phải là true hoặc false.',
  uuid: 'Phải là mã định danh (UUID) hợp lệ.',
  date: 'Phải là ngày hợp lệ, dạng YYYY-MM-DD (ví dụ 2026-03-15).',
  array: 'Phải là một danh sách.',
};

function presenceDecorators(presence: Presence): PropertyDecorator[] {
  switch (presence) {
    case 'required':
      // Not ValidateIf here: it would skip IsDefined too, letting a missing field through.
      return [IsDefined({ message: MSG.required })];
    case 'optional':
      return [ValidateIf((_o, v) => v !== undefined), notNull()];
    case 'nullable':
      return [IsOptional()];
  }
}

/** A constraint of our own, by its name (the code of its error) and its test. */
function constraint(name: string, validate: (value: unknown) => boolean, options: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({ name, target: target.constructor, propertyName: propertyName as string, options, validator: { validate } });
}

/** Rejects null with its own message (IsDefined alone says "required" for null too). */
function notNull(): PropertyDecorator {
  return constraint('isNotNull', (value) => value !== null, { message: MSG.notNull });
}

function api(opts: BaseOptions, extra: ApiPropertyOptions): PropertyDecorator {
  const presence = opts.presence ?? 'required';
  return ApiProperty({
    required: presence === 'required',
    nullable: presence === 'nullable',
    description: opts.description,
    example: opts.example,
    ...extra,
  } as ApiPropertyOptions);
}

function strictQueryInt(): PropertyDecorator {
  return Transform(({ value }) => (typeof value === 'string' && /^-?\d{1,9}$/.test(value) ? Number(value) : value));
}

/**
 * Text. `multiline` (by default for fields of 500 characters or more: reasons, notes, texts) allows tab and
 * line breaks; a single-line field refuses them. Control and invisible characters are refused everywhere.
 */
export function TextField(
  opts: BaseOptions & { max: number; min?: number; pattern?: RegExp; patternMessage?: string; multiline?: boolean },
): PropertyDecorator {
  const decorators: PropertyDecorator[] = [
    ...presenceDecorators(opts.presence ?? 'required'),
    IsString({ message: MSG.string }),
    cleanTextRule(opts.multiline ?? opts.max >= 500),
    notBlank({ message: MSG.blank }),
    MaxLength(opts.max, { message: `Dài tối đa ${opts.max} ký tự.` }),
    api(opts, { type: String, maxLength: opts.max, minLength: opts.min ?? 1 }),
  ];
  if (opts.min) decorators.push(MinLength(opts.min, { message: `Dài tối thiểu ${opts.min} ký tự.` }));
  if (opts.pattern) decorators.push(Matches(opts.pattern, { message: opts.patternMessage ?? 'Sai định dạng.' }));
  return applyDecorators(...decorators);
}

export function IntField(opts: BaseOptions & { min: number; max: number }): PropertyDecorator {
  const decorators: PropertyDecorator[] = [
    ...presenceDecorators(opts.presence ?? 'required'),
    IsInt({ message: MSG.int }),
    Min(opts.min, { message: `Phải lớn hơn hoặc bằng ${opts.min}.` }),
    Max(opts.max, { message: `Phải nhỏ hơn hoặc bằng ${opts.max}.` }),
    api(opts, { type: 'integer', minimum: opts.min, maximum: opts.max }),
  ];
  if (opts.query) decorators.unshift(strictQueryInt());
  return applyDecorators(...decorators);
}

/** A decimal number with at most `decimals` digits after the point (points, percentages). */
export function DecimalField(opts: BaseOptions & { min: number; max: number; decimals: number }): PropertyDecorator {
  return applyDecorators(
    ...presenceDecorators(opts.presence ?? 'required'),
    // Not IsNumber's maxDecimalPlaces: it throws on exponent notation (3e-323) and answered 500.
    IsNumber({ allowNaN: false, allowInfinity: false }, { message: MSG.number }),
    maxDecimals(opts.decimals, { message: `Phải là số có tối đa ${opts.decimals} chữ số thập phân.` }),
    Min(opts.min, { message: `Phải lớn hơn hoặc bằng ${opts.min}.` }),
    Max(opts.max, { message: `Phải nhỏ hơn hoặc bằng ${opts.max}.` }),
    api(opts, { type: Number, minimum: opts.min, maximum: opts.max }),
  );
}

export function BoolField(opts: BaseOptions = {}): PropertyDecorator {
  const decorators: PropertyDecorator[] = [
    ...presenceDecorators(opts.presence ?? 'required'),
    IsBoolean({ message: MSG.bool }),
    api(opts, { type: Boolean }),
  ];
  if (opts.query) {
    decorators.unshift(Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)));
  }
  return applyDecorators(...decorators);
}

export function UuidField(opts: BaseOptions = {}): PropertyDecorator {
  return applyDecorators(
    ...presenceDecorators(opts.presence ?? 'required'),
    IsUUID('all', { message: MSG.uuid }),
    api(opts, { type: String, format: 'uuid' }),
  );
}

export function UuidArrayField(opts: BaseOptions & { maxItems: number }): PropertyDecorator {
  return applyDecorators(
    ...presenceDecorators(opts.presence ?? 'required'),
    IsArray({ message: MSG.array }),
    ArrayMaxSize(opts.maxItems, { message: `Tối đa ${opts.maxItems} phần tử.` }),
    IsUUID('all', { each: true, message: MSG.uuid }),
    api(opts, { type: [String], format: 'uuid', maxItems: opts.maxItems }),
  );
}

/** A calendar date (YYYY-MM-DD). `notFuture`: the date of an act already done (a decision, a meeting held). */
export function DateField(opts: BaseOptions & { notFuture?: boolean; notPast?: boolean } = {}): PropertyDecorator {
  const decorators: PropertyDecorator[] = [
    ...presenceDecorators(opts.presence ?? 'required'),
    IsString({ message: MSG.date }),
    isoDate({ message: MSG.date }),
    api(opts, { type: String, format: 'date', example: opts.example ?? '2020-03-06' }),
  ];
  if (opts.notFuture) decorators.push(notAfterToday());
  if (opts.notPast) decorators.push(notBeforeToday());
  return applyDecorators(...decorators);
}

/** Not before today in Vietnam: a deadline being set. */
function notBeforeToday(): PropertyDecorator {
  return constraint('notBeforeToday', (value) => !isIsoDate(value) || value >= todayInVietnam(), {
    message: () => `Không được là ngày trước hôm nay (${formatDateVi(todayInVietnam())}).`,
  });
}

/** Not after today in Vietnam (the server's time zone for every date it handles). */
function notAfterToday(): PropertyDecorator {
  return constraint('notAfterToday', (value) => !isIsoDate(value) || value <= todayInVietnam(), {
    message: () => `Không được là ngày sau hôm nay (${formatDateVi(todayInVietnam())}).`,
  });
}

export function EnumField<T extends string>(
  values: readonly T[],
  opts: BaseOptions & { label?: string } = {},
): PropertyDecorator {
  return applyDecorators(
    ...presenceDecorators(opts.presence ?? 'required'),
    IsIn(values as unknown as unknown[], { message: `Phải là một trong các giá trị: ${values.join(', ')}.` }),
    api(opts, { enum: values as unknown as string[], type: String }),
  );
}

/** A list of nested objects, each validated by its own DTO class. */
/** An array of nested objects; `minItems` with the message an empty one gets (what is missing, in the form's words). */
export function NestedArrayField(cls: () => new () => object, opts: BaseOptions & { maxItems: number; minItems?: { count: number; message: string } }): PropertyDecorator {
  return applyDecorators(
    ...presenceDecorators(opts.presence ?? 'required'),
    IsArray({ message: MSG.array }),
    ...(opts.minItems ? [ArrayMinSize(opts.minItems.count, { message: opts.minItems.message })] : []),
    ArrayMaxSize(opts.maxItems, { message: `Tối đa ${opts.maxItems} phần tử.` }),
    ValidateNested({ each: true }),
    Type(cls),
    api(opts, { type: () => [cls()] } as ApiPropertyOptions),
  );
}

export function TextArrayField(opts: BaseOptions & { maxItems: number; maxLength: number }): PropertyDecorator {
  return applyDecorators(
    ...presenceDecorators(opts.presence ?? 'required'),
    IsArray({ message: MSG.array }),
    ArrayMaxSize(opts.maxItems, { message: `Tối đa ${opts.maxItems} phần tử.` }),
    IsString({ each: true, message: MSG.string }),
    notBlank({ each: true, message: MSG.blank }),
    MaxLength(opts.maxLength, { each: true, message: `Mỗi phần tử dài tối đa ${opts.maxLength} ký tự.` }),
    api(opts, { type: [String], maxItems: opts.maxItems }),
  );
}

/** A nested object validated by its own DTO class. */
export function NestedField(cls: new () => object, opts: BaseOptions = {}): PropertyDecorator {
  return applyDecorators(
    ...presenceDecorators(opts.presence ?? 'required'),
    ValidateNested(),
    Type(() => cls),
    api(opts, { type: cls }),
  );
}

/** At most `decimals` digits after the point, for any finite number (including exponent notation). */
export function hasMaxDecimals(value: unknown, decimals: number): boolean {
  if (typeof value !== 'number' || !Number.isFinite(value)) return false;
  const scaled = Math.round(value * 10 ** decimals);
  // Beyond 2^53 every number is whole at this scale: its size is the range's to tell ("1e308"), not its decimals.
  if (!Number.isSafeInteger(scaled)) return true;
  // Exact for numbers parsed from JSON text: 14.55 → 1455.0000000000002 → 1455 → 14.55.
  return scaled / 10 ** decimals === value;
}

/** Text with something besides white space (its own name, so that a blank field is not also "too short"). */
function notBlank(options: ValidationOptions): PropertyDecorator {
  return constraint('isNotBlank', (value) => typeof value !== 'string' || /\S/.test(value), options);
}

function maxDecimals(decimals: number, options: ValidationOptions): PropertyDecorator {
  return constraint('maxDecimals', (value) => typeof value !== 'number' || hasMaxDecimals(value, decimals), options);
}

function cleanTextRule(multiline: boolean): PropertyDecorator {
  return constraint('cleanText', (value) => typeof value !== 'string' || textProblem(value, multiline) === null, {
    message: (args) => textProblem(String(args.value), multiline) ?? '',
  });
}

function isoDate(options: ValidationOptions): PropertyDecorator {
  return constraint('isIsoDate', (value) => isIsoDate(value), options);
}

/** Every change that is not a creation states why, for the audit log. */
export function ReasonField(opts: { presence?: Presence } = {}): PropertyDecorator {
  return TextField({
    presence: opts.presence ?? 'required',
    max: 500,
    min: 3,
    description: 'Lý do thay đổi (ghi vào nhật ký kiểm toán).',
    example: 'Cập nhật theo quyết định mới',
  });
}
