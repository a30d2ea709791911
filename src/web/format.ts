import { formatDateTimeVi } from '../common/time';

/** How people read values on the pages: Vietnam time, dd/mm/yyyy, decimal comma. */
const POINTS = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 0, maximumFractionDigits: 2 });

/** A calendar date stored as YYYY-MM-DD → dd/mm/yyyy (no time zone shift: it is a date, not an instant). */
export function dateVi(iso: string | null | undefined): string {
  if (!iso) return '';
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

/** An instant stored as ISO UTC → "dd/mm/yyyy HH:mm" in Vietnam time. */
export function dateTimeVi(iso: string | null | undefined): string {
  return iso ? formatDateTimeVi(iso) : '';
}

/** Points with a decimal comma: 95.5 → "95,5". */
export function pointsVi(value: number | null | undefined): string {
  if (value === null || value === undefined) return '';
  return POINTS.format(value);
}

/** Today's date (YYYY-MM-DD) in Vietnam. */
export function todayInVietnam(now = new Date()): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}
