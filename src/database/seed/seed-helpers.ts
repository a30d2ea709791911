import { addDays } from '../../common/time';
import type { Phases } from '../../clusters/phases.rules';

/**
 * The first meeting of a year reviews the year before and signs the pledge of the current one
 * (Cụm 6, 06/03/2020: review of 2019 and pledge of 2020). A reference "meeting" dated in the year
 * after its key is that year's review; one dated in the key's own year is its pledge signing.
 */
export function yearPhasesFromFacts(
  year: number,
  facts: { meeting?: string; pledgeSigned?: { date: string } },
): Array<[number, Partial<Phases>]> {
  const out: Array<[number, Partial<Phases>]> = [[year, {}]];
  const meeting = facts.pledgeSigned?.date ?? facts.meeting;
  if (!meeting) return out;
  if (Number(meeting.slice(0, 4)) > year) {
    out[0][1].reviewMeetingOn = meeting;
  } else {
    out[0][1].pledgeSigningOn = meeting;
    out.push([year - 1, { reviewMeetingOn: meeting }]);
  }
  return out;
}

export function shortOrganizerName(name: string): string {
  return name
    .replace('Bộ Thông tin và Truyền thông', 'Bộ TTTT')
    .replace('Bộ Khoa học và Công nghệ', 'Bộ KH&CN')
    .replace('Sở Thông tin và Truyền thông tỉnh', 'Sở TTTT');
}

export const dayBefore = (isoDate: string): string => addDays(isoDate, -1);

/** The day itself when it is a weekday, else the Monday after (`before`: the Friday before): the demo's acts fall on working days. */
export function workday(isoDate: string, direction: 'after' | 'before' = 'after'): string {
  const weekday = new Date(`${isoDate}T00:00:00Z`).getUTCDay();
  if (weekday !== 0 && weekday !== 6) return isoDate;
  if (direction === 'before') return addDays(isoDate, weekday === 6 ? -1 : -2);
  return addDays(isoDate, weekday === 6 ? 2 : 1);
}

/** The demo's emulation year under way on a day: the calendar year, or the year before in January–February (its review early). */
export function demoYearOn(today: string): number {
  const [y, mo] = today.split('-').map(Number);
  return mo <= 2 ? y - 1 : y;
}
