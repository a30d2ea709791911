import type { ErrorDetail } from '../common/errors/app.exception';
import { formatDateVi } from '../common/time';

/** The dated phases of an emulation year (YYYY-MM-DD or null while not planned). */
export interface Phases {
  pledgeSigningOn: string | null;
  midYearReviewOn: string | null;
  scoringOpensOn: string | null;
  scoringClosesOn: string | null;
  reviewMeetingOn: string | null;
  proposalDeadline: string | null;
}

export const PHASE_KEYS: Array<keyof Phases> = [
  'pledgeSigningOn',
  'midYearReviewOn',
  'scoringOpensOn',
  'scoringClosesOn',
  'reviewMeetingOn',
  'proposalDeadline',
];

export const PHASE_LABELS: Record<keyof Phases, string> = {
  pledgeSigningOn: 'Ngày ký kết giao ước',
  midYearReviewOn: 'Ngày sơ kết 6 tháng',
  scoringOpensOn: 'Ngày bắt đầu chấm điểm',
  scoringClosesOn: 'Ngày kết thúc chấm điểm',
  reviewMeetingOn: 'Ngày họp bình xét',
  proposalDeadline: 'Hạn gửi hồ sơ đề nghị khen thưởng',
};

/**
 * Where each phase may fall for year Y: the pledge and mid-year review within Y; scoring from Y to the
 * end of the first quarter of Y+1; the review meeting and proposal deadline up to the end of Y+1
 * (Cụm 6 reviewed 2019 at its meeting of 06/03/2020).
 */
function windowOf(key: keyof Phases, year: number): [string, string] {
  switch (key) {
    case 'pledgeSigningOn':
    case 'midYearReviewOn':
      return [`${year}-01-01`, `${year}-12-31`];
    case 'scoringOpensOn':
    case 'scoringClosesOn':
      return [`${year}-01-01`, `${year + 1}-03-31`];
    case 'reviewMeetingOn':
    case 'proposalDeadline':
      return [`${year}-01-01`, `${year + 1}-12-31`];
  }
}

/** Pairs that must be in order: [earlier, later]. */
const ORDER: Array<[keyof Phases, keyof Phases]> = [
  ['pledgeSigningOn', 'midYearReviewOn'],
  ['midYearReviewOn', 'scoringClosesOn'],
  ['pledgeSigningOn', 'scoringOpensOn'],
  ['scoringOpensOn', 'scoringClosesOn'],
  ['scoringClosesOn', 'reviewMeetingOn'],
  ['reviewMeetingOn', 'proposalDeadline'],
];

/** Every problem with the phase dates of year `year`, one detail per offending field. */
export function phaseProblems(year: number, phases: Phases): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  for (const key of PHASE_KEYS) {
    const value = phases[key];
    if (!value) continue;
    const [from, to] = windowOf(key, year);
    if (value < from || value > to) {
      problems.push({
        field: key,
        code: 'outOfYear',
        message: `${PHASE_LABELS[key]} của năm thi đua ${year} phải trong khoảng ${formatDateVi(from)}–${formatDateVi(to)}.`,
      });
    }
  }
  for (const [earlier, later] of ORDER) {
    const a = phases[earlier];
    const b = phases[later];
    if (a && b && b < a && !problems.some((p) => p.field === later)) {
      problems.push({
        field: later,
        code: 'order',
        message: `${PHASE_LABELS[later]} (${formatDateVi(b)}) không được trước ${PHASE_LABELS[earlier].toLowerCase()} (${formatDateVi(a)}).`,
      });
    }
  }
  return problems;
}

/** A year opened after its scoring could last (31/03 of the next year) is a replay of a past year. */
export function isReplay(year: number, openedOn: string): boolean {
  return openedOn > `${year + 1}-03-31`;
}

/** Whether member units may score now: within the year's scoring window (either end may be unset). */
export type ScoringWindow = { open: true } | { open: false; message: string };

/** A closed window's message as a sentence of a longer text (without the grid's "phiếu chỉ để xem"). */
export const windowSentence = (w: { message: string }) => w.message.replace(/: phiếu chỉ để xem\.$/, '.');

/** The one rule of the scoring window (the scoring service enforces it; pages and the dashboard show it). */
export function scoringWindow(year: number, phases: Pick<Phases, 'scoringOpensOn' | 'scoringClosesOn'> | null | undefined, today: string): ScoringWindow {
  if (phases?.scoringOpensOn && today < phases.scoringOpensOn) return { open: false, message: `Chưa đến thời gian chấm điểm năm ${year} (từ ${formatDateVi(phases.scoringOpensOn)}).` };
  if (phases?.scoringClosesOn && today > phases.scoringClosesOn) return { open: false, message: `Đã hết thời gian chấm điểm năm ${year} (đến ${formatDateVi(phases.scoringClosesOn)}): phiếu chỉ để xem.` };
  return { open: true };
}
