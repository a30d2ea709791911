import { formatDateVi } from '../common/time';
import type { ErrorDetail } from '../common/errors/app.exception';

export interface UnitLifespan {
  activeFrom: string | null;
  activeTo: string | null;
}

/** A unit takes part in a year when its active period overlaps that year. */
export function isActiveInYear(unit: UnitLifespan, year: number): boolean {
  const fromYear = unit.activeFrom ? Number(unit.activeFrom.slice(0, 4)) : -Infinity;
  const toYear = unit.activeTo ? Number(unit.activeTo.slice(0, 4)) : Infinity;
  return fromYear <= year && year <= toYear;
}

/** A unit is in a year's cluster division when it is active on the last day of the year (it scores and is reviewed). */
export function isActiveAtYearEnd(unit: UnitLifespan, year: number): boolean {
  const end = `${year}-12-31`;
  return (!unit.activeFrom || unit.activeFrom <= end) && (!unit.activeTo || unit.activeTo >= end);
}

/**
 * Why an organiser cannot act for year `year` (its division, a member, the year itself): it ended before the year's
 * end (its successor acts), or it did not exist yet. Null when it may.
 */
export function organizerYearProblem(organizer: UnitLifespan & { shortName: string }, year: number, successorName: string | null): string | null {
  if (organizer.activeTo && organizer.activeTo < `${year}-12-31`) {
    return `${organizer.shortName} kết thúc hoạt động ngày ${formatDateVi(organizer.activeTo)}${successorName ? `: năm ${year} do ${successorName} tổ chức` : ''}.`;
  }
  if (organizer.activeFrom && organizer.activeFrom > `${year}-12-31`) {
    return `${organizer.shortName} bắt đầu hoạt động ngày ${formatDateVi(organizer.activeFrom)}, sau năm ${year}.`;
  }
  return null;
}

export function lifespanProblems(unit: UnitLifespan): ErrorDetail[] {
  if (unit.activeFrom && unit.activeTo && unit.activeTo < unit.activeFrom) {
    return [{ field: 'activeTo', code: 'order', message: 'Ngày kết thúc hoạt động phải sau ngày bắt đầu.' }];
  }
  return [];
}

/**
 * A successor (after a merger) must be another unit, the merged unit must have ended,
 * and following successors from the new one must never lead back (no cycles).
 * `successorChain` lists the successors reachable from the proposed successor, in order.
 */
export function successorProblems(
  unitId: string,
  unit: UnitLifespan & { successorId: string | null },
  successorChain: string[],
): ErrorDetail[] {
  if (!unit.successorId) return [];
  const problem = (message: string): ErrorDetail[] => [{ field: 'successorId', code: 'invalidSuccessor', message }];
  if (unit.successorId === unitId) return problem('Một đơn vị không thể là đơn vị kế thừa của chính nó.');
  if (successorChain.includes(unitId)) return problem('Chuỗi kế thừa tạo thành vòng lặp.');
  if (!unit.activeTo) return problem('Cần ghi ngày kết thúc hoạt động (ô "Hoạt động đến ngày") khi khai báo đơn vị kế thừa.');
  return [];
}

/** Percent with two decimals ↔ integer hundredths. */
export const toHundredths = (percent: number): number => Math.round(percent * 100);
export const fromHundredths = (value: number | null): number | null => (value === null ? null : value / 100);
