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

/** Why a set of bands cannot be saved, in Vietnamese, or null. */
export function bandsProblem(bands: Band[]): string | null {
  if (new Set(bands.map((b) => b.minPoints)).size !== bands.length) return 'Mỗi mức xếp loại phải có ngưỡng điểm khác nhau.';
  const codes = bands.map((b) => b.code).filter((c): c is BandCode => c !== null);
  if (new Set(codes).size !== codes.length) return 'Mỗi mã xếp loại (code) chỉ được dùng cho một mức.';
  return null;
}
