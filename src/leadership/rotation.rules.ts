/**
 * The rotation rule for cluster leadership (Cụm trưởng / Cụm phó), pure and deterministic.
 *
 * - This year's vice-chair becomes next year's chair.
 * - The next vice-chair is the next member in the agreed order after the new chair who has not
 *   chaired within the last cycle (the last n−1 terms, n = members that year), and is a member.
 * - Members that left are skipped; a successor after a merger keeps its predecessor's place
 *   (and its history of chairing).
 * - Chair and vice-chair are never the same unit, and both are members of the year.
 */

export interface Term {
  year: number;
  chairId: string;
  viceChairId: string | null;
}

export interface RotationInput {
  /** The agreed order of member units (may name units that left or merged since). */
  order: string[];
  /** Recorded terms, any order. */
  history: Term[];
  /** Member units of a year, or null when no membership was recorded for it. */
  membersOf: (year: number) => string[] | null;
  /** Direct successor of a unit after a merger, or null. */
  successorOf: (unitId: string) => string | null;
  /** Display name of a unit, for the reasons. */
  nameOf: (unitId: string) => string;
}

export interface LeadershipStep {
  year: number;
  chairId: string;
  viceChairId: string | null;
  /** True when the step repeats a recorded term rather than computing it. */
  recorded: boolean;
  /** The year whose membership was assumed, when none was recorded for this year. */
  assumedMembershipOf: number | null;
  reasons: string[];
}

export class RotationError extends Error {}

/** Follows successors from a unit to the first one that is a member (bounded), or null. */
export function resolveMember(unitId: string, members: Set<string>, successorOf: (id: string) => string | null): string | null {
  let current: string | null = unitId;
  for (let hops = 0; current && hops < 50; hops++) {
    if (members.has(current)) return current;
    current = successorOf(current);
  }
  return null;
}

/** The order for a year: agreed entries resolved to members (successors keep their place), then new members. */
export function effectiveOrder(order: string[], members: string[], successorOf: (id: string) => string | null): string[] {
  const memberSet = new Set(members);
  const result: string[] = [];
  for (const id of order) {
    const resolved = resolveMember(id, memberSet, successorOf);
    if (resolved && !result.includes(resolved)) result.push(resolved);
  }
  for (const id of members) if (!result.includes(id)) result.push(id);
  return result;
}

/** The last year each member chaired, mapping historic chairs to their member successors. */
function lastChairYears(history: Term[], members: Set<string>, successorOf: (id: string) => string | null): Map<string, number> {
  const last = new Map<string, number>();
  for (const term of history) {
    const member = resolveMember(term.chairId, members, successorOf);
    if (member && (last.get(member) ?? -Infinity) < term.year) last.set(member, term.year);
  }
  return last;
}

/**
 * The next unit after `after` (cyclic) not in `exclude` that has not chaired since `windowStart`;
 * failing that (only when the history was overridden), the one that chaired longest ago.
 */
function pickNext(
  order: string[],
  after: string | null,
  exclude: Set<string>,
  lastChair: Map<string, number>,
  windowStart: number,
  nameOf: (id: string) => string,
): { id: string; reasons: string[] } {
  const start = after && order.includes(after) ? order.indexOf(after) + 1 : 0;
  const cyclic = order.map((_, i) => order[(start + i) % order.length]).filter((id) => !exclude.has(id));
  const skipped: string[] = [];
  for (const id of cyclic) {
    const last = lastChair.get(id);
    if (last === undefined || last < windowStart) {
      const reasons = skipped.length ? [`Bỏ qua ${skipped.join(', ')} (đã làm Cụm trưởng trong chu kỳ).`] : [];
      return { id, reasons };
    }
    skipped.push(`${nameOf(id)} (${last})`);
  }
  if (cyclic.length === 0) throw new RotationError('Không có đơn vị nào đủ điều kiện.');
  const oldest = [...cyclic].sort((a, b) => (lastChair.get(a) ?? -Infinity) - (lastChair.get(b) ?? -Infinity))[0];
  return {
    id: oldest,
    reasons: [`Mọi đơn vị đều đã làm Cụm trưởng trong chu kỳ; chọn ${nameOf(oldest)}, đơn vị làm Cụm trưởng lâu nhất.`],
  };
}

/** The leadership of `year` by the rule, given the terms before it. */
export function nextLeadership(
  year: number,
  members: string[],
  previous: Term | undefined,
  history: Term[],
  input: Pick<RotationInput, 'order' | 'successorOf' | 'nameOf'>,
): { chairId: string; viceChairId: string | null; reasons: string[] } {
  if (members.length === 0) throw new RotationError(`Cụm không có thành viên trong năm ${year}.`);
  const { successorOf, nameOf } = input;
  const memberSet = new Set(members);
  const order = effectiveOrder(input.order, members, successorOf);
  const n = order.length;
  const past = history.filter((t) => t.year < year);
  const reasons: string[] = [];

  // Chair: last year's vice-chair, if still a member (or through its successor).
  let chairId: string;
  const vice = previous?.viceChairId ? resolveMember(previous.viceChairId, memberSet, successorOf) : null;
  if (previous && vice) {
    chairId = vice;
    reasons.push(`Cụm phó năm ${year - 1} (${nameOf(previous.viceChairId!)}) làm Cụm trưởng năm ${year}.`);
    if (vice !== previous.viceChairId) reasons.push(`${nameOf(previous.viceChairId!)} đã sáp nhập; ${nameOf(vice)} kế thừa vị trí.`);
  } else {
    const after = previous ? resolveMember(previous.chairId, memberSet, successorOf) ?? previous.chairId : null;
    const pick = pickNext(order, after, new Set(), lastChairYears(past, memberSet, successorOf), year - n + 1, nameOf);
    chairId = pick.id;
    if (!previous) reasons.push(`Chưa có nhiệm kỳ năm ${year - 1}: ${nameOf(chairId)} làm Cụm trưởng theo thứ tự luân phiên.`);
    else if (previous.viceChairId) {
      reasons.push(`Cụm phó năm ${year - 1} (${nameOf(previous.viceChairId)}) không còn là thành viên năm ${year}; ${nameOf(chairId)} là đơn vị kế tiếp theo thứ tự luân phiên.`);
    } else reasons.push(`Năm ${year - 1} không ghi nhận Cụm phó; ${nameOf(chairId)} là đơn vị kế tiếp theo thứ tự luân phiên.`);
    reasons.push(...pick.reasons);
  }

  // Vice-chair: next in order after the new chair that has not chaired in the last n−1 terms.
  if (n < 2) {
    reasons.push(`Cụm chỉ có một thành viên trong năm ${year}: không có Cụm phó.`);
    return { chairId, viceChairId: null, reasons };
  }
  const withNewChair = [...past, { year, chairId, viceChairId: null }];
  const pick = pickNext(order, chairId, new Set([chairId]), lastChairYears(withNewChair, memberSet, successorOf), year - n + 2, nameOf);
  reasons.push(`Cụm phó: ${nameOf(pick.id)}, đơn vị kế tiếp sau ${nameOf(chairId)} chưa làm Cụm trưởng trong ${n - 1} năm gần nhất.`);
  reasons.push(...pick.reasons);
  return { chairId, viceChairId: pick.id, reasons };
}

/**
 * The leadership of the `years` years after `fromYear`, from the terms recorded up to `fromYear`.
 * A year without recorded membership assumes the membership of the last year that has one.
 */
export function previewLeadership(fromYear: number, years: number, input: RotationInput): LeadershipStep[] {
  const history = input.history.filter((t) => t.year <= fromYear).sort((a, b) => a.year - b.year);
  const steps: LeadershipStep[] = [];
  let lastKnown: { year: number; members: string[] } | null = null;
  for (let y = fromYear; y >= fromYear - 50 && !lastKnown; y--) {
    const members = input.membersOf(y);
    if (members?.length) lastKnown = { year: y, members };
  }
  for (let year = fromYear + 1; year <= fromYear + years; year++) {
    const recordedMembers = input.membersOf(year);
    let assumedMembershipOf: number | null = null;
    let members: string[];
    if (recordedMembers?.length) {
      members = recordedMembers;
      lastKnown = { year, members };
    } else if (lastKnown) {
      members = lastKnown.members;
      assumedMembershipOf = lastKnown.year;
    } else {
      throw new RotationError(`Cụm không có thành viên trong năm ${year}.`);
    }
    const previous = history.find((t) => t.year === year - 1);
    const next = nextLeadership(year, members, previous, history, input);
    const reasons = assumedMembershipOf
      ? [`Chưa có quyết định phân cụm năm ${year}: giả định thành viên như năm ${assumedMembershipOf}.`, ...next.reasons]
      : next.reasons;
    steps.push({ year, chairId: next.chairId, viceChairId: next.viceChairId, recorded: false, assumedMembershipOf, reasons });
    history.push({ year, chairId: next.chairId, viceChairId: next.viceChairId });
  }
  return steps;
}

/** Problems with a proposed term (chair = vice, non-members), as field → Vietnamese message. */
export function termProblems(
  term: { chairId: string; viceChairId: string | null; hostId?: string | null },
  members: Set<string>,
  year: number,
): Array<{ field: string; message: string }> {
  const problems: Array<{ field: string; message: string }> = [];
  if (!members.has(term.chairId)) problems.push({ field: 'chairUnitId', message: `Cụm trưởng phải là thành viên của cụm trong năm ${year}.` });
  if (term.viceChairId !== null && !members.has(term.viceChairId)) {
    problems.push({ field: 'viceChairUnitId', message: `Cụm phó phải là thành viên của cụm trong năm ${year}.` });
  }
  if (term.viceChairId !== null && term.viceChairId === term.chairId) {
    problems.push({ field: 'viceChairUnitId', message: 'Cụm trưởng và Cụm phó không được là cùng một đơn vị.' });
  }
  if (term.hostId && !members.has(term.hostId)) {
    problems.push({ field: 'hostUnitId', message: `Đơn vị đăng cai phải là thành viên của cụm trong năm ${year}.` });
  }
  return problems;
}
