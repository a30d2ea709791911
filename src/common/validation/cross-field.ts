import type { ValidationError } from 'class-validator';
import type { ErrorDetail } from '../errors/app.exception';

/**
 * A DTO whose fields are checked against each other as well (a role and the scope it needs, say). The service makes
 * that check in any case; the validation pipe adds these problems to the answer when the form has other mistakes,
 * so that one answer names every field to correct.
 */
export interface CrossFieldChecked {
  crossFieldProblems(): ErrorDetail[];
}

function isCrossFieldChecked(value: object): value is CrossFieldChecked {
  return typeof (value as Partial<CrossFieldChecked>).crossFieldProblems === 'function';
}

/** `errors` with the object's cross-field problems on the fields that have no error yet. */
export function withCrossFieldProblems(object: object, errors: ValidationError[]): ValidationError[] {
  if (!errors.length || !isCrossFieldChecked(object)) return errors;
  const taken = new Set(errors.map((e) => e.property));
  const more = object.crossFieldProblems().filter((p) => !taken.has(p.field));
  return [...errors, ...more.map((p) => ({ property: p.field, constraints: { [p.code ?? 'crossField']: p.message }, children: [] }))];
}
