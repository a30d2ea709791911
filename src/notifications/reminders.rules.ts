import { addDays, formatDateVi } from '../common/time';

/** The stages of a deadline's reminders: 7 and 3 days before, on the day, and overdue (with escalation). */
export type Stage = 'D7' | 'D3' | 'D0' | 'OVERDUE';

/** How long after a deadline the overdue reminder is still sent (a year planned long ago does not wake up). */
export const OVERDUE_WINDOW_DAYS = 14;

/**
 * The stage a deadline is in on `today` (both YYYY-MM-DD, Vietnam time), or null outside the reminders: the latest
 * stage reached, so a run missed on the 7th day before still reminds on the 6th (each stage is sent once: its
 * dedup key names it), and a deadline set 2 days ahead starts at the 3-day stage.
 */
export function stageOn(deadline: string, today: string): Stage | null {
  if (today > deadline) return today <= addDays(deadline, OVERDUE_WINDOW_DAYS) ? 'OVERDUE' : null;
  if (today === deadline) return 'D0';
  if (today >= addDays(deadline, -3)) return 'D3';
  if (today >= addDays(deadline, -7)) return 'D7';
  return null;
}

/** "còn 5 ngày, hạn 15/03/2026" (the days left on `today`), as a subject's tail. */
export function stageText(stage: Stage, deadline: string, today: string): string {
  const date = formatDateVi(deadline);
  switch (stage) {
    case 'D7':
    case 'D3':
      return `còn ${daysFrom(today, deadline)} ngày, hạn ${date}`;
    case 'D0':
      return `hôm nay là hạn (${date})`;
    case 'OVERDUE':
      return `đã quá hạn ${date}`;
  }
}

/** Whole days from one YYYY-MM-DD date to another. */
const daysFrom = (from: string, to: string): number => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** The phases reminded of, what each asks and of whom (the reminder job resolves the people). */
export const REMINDED_PHASES = {
  pledgeSigningOn: { label: 'ký kết giao ước thi đua', page: 'giao-uoc' },
  midYearReviewOn: { label: 'sơ kết 6 tháng', page: '' },
  scoringClosesOn: { label: 'hoàn thành chấm điểm (tự chấm và chấm chéo)', page: 'cham-diem' },
  reviewMeetingOn: { label: 'họp bình xét thi đua', page: 'binh-xet' },
  proposalDeadline: { label: 'gửi hồ sơ đề nghị khen thưởng', page: 'binh-xet' },
} as const;
export type RemindedPhase = keyof typeof REMINDED_PHASES;

/** Whether a queue dossier waited past the organiser's service level (days in its current status, Vietnam days). */
export function overServiceLevel(daysInStatus: number, serviceLevelDays: number | null): boolean {
  return serviceLevelDays !== null && daysInStatus > serviceLevelDays;
}
