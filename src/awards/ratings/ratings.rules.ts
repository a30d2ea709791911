import { formatDateVi } from '../../common/time';
/**
 * Pure checks before a proposal: an impediment in force on the date (discipline, inspection findings, an unresolved
 * complaint) refuses it, with the reason; the "two consecutive years" route reads the legal ratings.
 */
import { IMPEDIMENT_LABELS, type ImpedimentKind } from './ratings.entities';

export interface ImpedimentFacts {
  kind: ImpedimentKind;
  fromDate: string;
  toDate: string | null;
  reference: string;
}

/** The impediments in force on a date (both ends inclusive; no end: still in force). */
export function impedimentsOn<T extends ImpedimentFacts>(items: T[], date: string): T[] {
  return items.filter((x) => x.fromDate <= date && (x.toDate === null || date <= x.toDate));
}

/** The refusal's sentence for the first impediment in force, or null. */
export function impedimentRefusal(items: ImpedimentFacts[], date: string): string | null {
  const first = impedimentsOn(items, date)[0];
  if (!first) return null;
  return `Đơn vị ${IMPEDIMENT_LABELS[first.kind]} (${first.reference}, từ ${formatDateVi(first.fromDate)}): chưa xét đề nghị khen thưởng trong thời gian này.`;
}
