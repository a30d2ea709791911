/** Timestamps are stored as ISO-8601 UTC strings (portable, sortable); dates as YYYY-MM-DD. */
export function nowIso(): string {
  return new Date().toISOString();
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date in YYYY-MM-DD form (rejects 2021-02-30). */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/**
 * dd/mm/yyyy, as Vietnamese readers expect. A date (YYYY-MM-DD) as it is; a timestamp (ISO-8601 with its zone, as
 * stored) on its day in Vietnam: 2026-12-03T22:30Z is 04/12/2026 there, not the UTC day.
 */
export function formatDateVi(isoDate: string): string {
  const at = isoDate.length > 10 ? new Date(isoDate) : null;
  const day = at && !Number.isNaN(at.getTime()) ? todayInVietnam(at) : isoDate.slice(0, 10);
  const [y, m, d] = day.split('-');
  return `${d}/${m}/${y}`;
}

const VN_TIME = new Intl.DateTimeFormat('vi-VN', {
  timeZone: 'Asia/Ho_Chi_Minh',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** An instant stored as ISO UTC → "dd/mm/yyyy HH:mm" in Vietnam time. */
export function formatDateTimeVi(iso: string): string {
  const parts = Object.fromEntries(VN_TIME.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}`;
}

/** The day in Vietnam as YYYY-MM-DD; made once (a formatter costs more to make than a date to format). */
const VN_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today in Vietnam (UTC+7), YYYY-MM-DD. */
export function todayInVietnam(now = new Date()): string {
  return VN_DAY.format(now);
}

/** The calendar day `days` after (or before, when negative) a YYYY-MM-DD date. */
export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
