import { formatDateTimeVi, formatDateVi } from '../common/time';
import { pointsVi as pointsText } from '../documents/pdf/vietnamese-dates';

/** How people read values on the pages (Vietnam time, dd/mm/yyyy, decimal comma): the documents' own
 * formatting, with an empty cell for a missing value. */
export function dateVi(iso: string | null | undefined): string {
  return iso ? formatDateVi(iso) : '';
}

export function dateTimeVi(iso: string | null | undefined): string {
  return iso ? formatDateTimeVi(iso) : '';
}

export function pointsVi(value: number | null | undefined): string {
  return value === null || value === undefined ? '' : pointsText(value);
}


/** A file's size as people read it: "820 KB", "1,4 MB". */
export function sizeVi(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(Math.round((bytes / 1024 / 1024) * 10) / 10).toString().replace('.', ',')} MB`;
}

/** How long ago, in days, as people say it: "hôm nay", "hôm qua", "5 ngày trước". */
export function daysAgoVi(days: number): string {
  if (days <= 0) return 'hôm nay';
  if (days === 1) return 'hôm qua';
  return `${days} ngày trước`;
}
