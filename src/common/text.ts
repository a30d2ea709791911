/**
 * Vietnamese text helpers. SQLite's lower()/LIKE fold only ASCII, so searches go through
 * an accent-folded key computed here: "Đắk Lắk" → "dak lak".
 */
export function foldVietnamese(input: string): string {
  return input
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Builds the search key of a record from its searchable fields. */
export function searchKey(...parts: Array<string | null | undefined>): string {
  return parts
    .filter((p): p is string => typeof p === 'string' && p.length > 0)
    .map(foldVietnamese)
    .join(' ');
}

/** Escapes LIKE wildcards so a user's "%" or "_" is matched literally (used with ESCAPE '\'). */
export function escapeLike(term: string): string {
  return term.replace(/[\\%_]/g, (c) => `\\${c}`);
}

const VI = new Intl.Collator('vi', { sensitivity: 'base' });

/** Compares text in Vietnamese alphabetical order (Đ after D, Ư after U). */
export const compareVi = (a: string, b: string): number => VI.compare(a, b);
