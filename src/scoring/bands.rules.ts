/**
 * Xếp loại (classification bands), pure. Bands are configurable per cluster-year (label and threshold);
 * decisions such as award eligibility are keyed on a band's stable `code`, never on its label, so renaming
 * a band keeps its meaning. Points are integer hundredths.
 */
export const BAND_CODES = ['EXCELLENT', 'GOOD', 'COMPLETED', 'NOT_COMPLETED'] as const;
export type BandCode = (typeof BAND_CODES)[number];

/** The classification levels and their usual labels. */
export const BAND_CODE_LABELS: Record<BandCode, string> = {
  EXCELLENT: 'Hoàn thành xuất sắc nhiệm vụ',
  GOOD: 'Hoàn thành tốt nhiệm vụ',
  COMPLETED: 'Hoàn thành nhiệm vụ',
  NOT_COMPLETED: 'Không hoàn thành nhiệm vụ',
};

export interface Band {
  minPoints: number;
  label: string;
  /** The classification level this band stands for; null for a custom band (no decision rests on it). */
  code: BandCode | null;
}

export const DEFAULT_BANDS: Band[] = [
  { minPoints: 9500, label: BAND_CODE_LABELS.EXCELLENT, code: 'EXCELLENT' },
  { minPoints: 8500, label: BAND_CODE_LABELS.GOOD, code: 'GOOD' },
  { minPoints: 7000, label: BAND_CODE_LABELS.COMPLETED, code: 'COMPLETED' },
  { minPoints: 0, label: BAND_CODE_LABELS.NOT_COMPLETED, code: 'NOT_COMPLETED' },
];

const comparable = (label: string) => label.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('vi');

/** The code of a band given without one: the level whose usual label it is, or null for any other label. */
export function codeForLabel(label: string): BandCode | null {
  const key = comparable(label);
  return BAND_CODES.find((code) => comparable(BAND_CODE_LABELS[code]) === key) ?? null;
}

/**
 * The bands of a stored configuration (JSON), highest first, each with its code. A band stored without a
 * `code` (configurations saved before codes existed) gets the code of its label when that is a usual label;
 * a stored null stays null.
 */
export function readBands(json: string): Band[] {
  const stored = JSON.parse(json) as Array<{ minPoints: number; label: string; code?: BandCode | null }>;
  return stored.map((b) => ({ minPoints: b.minPoints, label: b.label, code: b.code === undefined ? codeForLabel(b.label) : b.code }));
}

/** The band of a total: the first (highest) band whose threshold it reaches. */
export function bandFor(total: number, bands: Band[]): Band | undefined {
  return bands.find((b) => total >= b.minPoints);
}

/**
 * Why a set of bands cannot be saved, each at the field of the band as sent (`bands.<i>.minPoints`, `….label`), in
 * Vietnamese; empty when it can. A level's threshold must lie above every lower level's (a unit at 50 points must not
 * be "Hoàn thành xuất sắc" while one at 90 is "Hoàn thành tốt"), and two bands may not share a threshold, a code or a
 * name (a reader could not tell them apart).
 */
export function bandsProblems(bands: Band[]): Array<{ field: string; message: string }> {
  const problems: Array<{ field: string; message: string }> = [];
  const name = (b: Band) => `«${b.label}»`;
  bands.forEach((b, i) => {
    const earlier = bands.slice(0, i);
    const sameLabel = earlier.findIndex((x) => comparable(x.label) === comparable(b.label));
    if (sameLabel >= 0) problems.push({ field: `bands.${i}.label`, message: `Tên mức trùng với mức ${sameLabel + 1}: mỗi mức phải có tên riêng.` });
    const sameMin = earlier.findIndex((x) => x.minPoints === b.minPoints);
    if (sameMin >= 0) problems.push({ field: `bands.${i}.minPoints`, message: `Ngưỡng điểm trùng với mức ${sameMin + 1}: mỗi mức xếp loại phải có ngưỡng điểm khác nhau.` });
    if (b.code === null) return;
    if (earlier.some((x) => x.code === b.code)) problems.push({ field: `bands.${i}.code`, message: 'Mỗi mã xếp loại (code) chỉ được dùng cho một mức.' });
    // Against every level above this one: its threshold must be higher.
    for (const x of bands) {
      if (x.code === null || x === b || BAND_CODES.indexOf(x.code) >= BAND_CODES.indexOf(b.code) || x.minPoints > b.minPoints) continue;
      problems.push({ field: `bands.${i}.minPoints`, message: `Ngưỡng của mức ${name(b)} phải thấp hơn ngưỡng của mức ${name(x)}.` });
      break;
    }
  });
  return problems;
}
