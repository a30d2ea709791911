/**
 * The secret ballot's decisions, pure: what a ballot may approve, the tally, the paper counts' checks and their
 * double entry, the receipt code's form.
 */

/** Phiếu phát ra, thu về, hợp lệ, không hợp lệ, and the votes (approvals) per candidate unit id. */
export interface BallotTally {
  issued: number;
  returned: number;
  valid: number;
  invalid: number;
  votes: Record<string, number>;
  /** The written opinions of absent members received, and whether they were counted in `votes`. */
  writtenOpinions?: { received: number; counted: boolean };
}

/**
 * Whether written opinions count, as the regulation in force says; where it does not say (or no regulation is
 * recorded), they are recorded but not counted, and the tally says it is an assumption.
 */
export function writtenOpinionsRule(regulation: { title: string; writtenOpinionsCounted: boolean | null } | null): { counted: boolean; note: string } {
  if (regulation?.writtenOpinionsCounted === true) return { counted: true, note: `Ý kiến bằng văn bản của thành viên vắng mặt được tính vào kết quả theo ${regulation.title}.` };
  if (regulation?.writtenOpinionsCounted === false) return { counted: false, note: `Theo ${regulation.title}, ý kiến bằng văn bản của thành viên vắng mặt không được tính vào kết quả bỏ phiếu kín.` };
  return { counted: false, note: 'Quy chế hoạt động của cụm không quy định việc tính ý kiến bằng văn bản: các ý kiến được ghi nhận nhưng không tính vào kết quả (giả định của hệ thống, cần cụm quy định trong quy chế).' };
}

/** Adds the written opinions' approvals to a tally when they count. */
export function withWrittenOpinions(t: BallotTally, opinions: readonly string[][], counted: boolean): BallotTally {
  const votes = { ...t.votes };
  if (counted) for (const o of opinions) for (const id of o) votes[id] = (votes[id] ?? 0) + 1;
  return { ...t, votes, writtenOpinions: { received: opinions.length, counted } };
}

export interface Problem {
  field: string;
  message: string;
}

/** Crockford's base32 (no I, L, O, U): read aloud and typed back without confusion. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A receipt code from 10 random bytes: 16 characters in groups of four ("7K2Q-…"), 80 bits. */
export function receiptCode(random: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of random) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out.slice(0, 16).match(/.{1,4}/g)!.join('-');
}

/** The problems of a ballot approving `choices` among `candidates`, at most `quota` of them, each once. */
export function choiceProblems(choices: string[], candidates: readonly string[], quota: number): Problem[] {
  const problems: Problem[] = [];
  choices.forEach((id, i) => {
    if (!candidates.includes(id)) problems.push({ field: `choices.${i}`, message: 'Đơn vị được chọn không có trong danh sách ứng viên của phiên bỏ phiếu.' });
    else if (choices.indexOf(id) !== i) problems.push({ field: `choices.${i}`, message: 'Mỗi ứng viên chỉ được chọn một lần.' });
  });
  if (choices.length > quota) problems.push({ field: 'choices', message: `Chỉ được đồng ý tối đa ${quota} ứng viên (bằng chỉ tiêu).` });
  return problems;
}

/** The tally of an online ballot: every ballot cast is returned and valid (checked when cast). */
export function tallyOnline(ballots: readonly string[][], candidates: readonly string[], issued: number): BallotTally {
  const votes = Object.fromEntries(candidates.map((id) => [id, 0]));
  for (const b of ballots) for (const id of b) votes[id] += 1;
  return { issued, returned: ballots.length, valid: ballots.length, invalid: 0, votes };
}

/** The problems of paper counts: returned within issued, valid and invalid making the returned, votes within the valid. */
export function paperProblems(t: BallotTally, candidates: readonly string[], quota: number, maxIssued: number): Problem[] {
  const problems: Problem[] = [];
  if (t.issued > maxIssued) problems.push({ field: 'issued', message: `Số phiếu phát ra (${t.issued}) vượt số đại biểu biểu quyết (${maxIssued}).` });
  if (t.returned > t.issued) problems.push({ field: 'returned', message: 'Số phiếu thu về không được lớn hơn số phiếu phát ra.' });
  if (t.valid + t.invalid !== t.returned) problems.push({ field: 'invalid', message: 'Số phiếu hợp lệ cộng số phiếu không hợp lệ phải bằng số phiếu thu về.' });
  const given = Object.keys(t.votes);
  given.forEach((id) => {
    if (!candidates.includes(id)) problems.push({ field: `votes.${id}`, message: 'Đơn vị không có trong danh sách ứng viên của phiên bỏ phiếu.' });
    else if (t.votes[id] > t.valid) problems.push({ field: `votes.${id}`, message: `Số phiếu đồng ý (${t.votes[id]}) vượt số phiếu hợp lệ (${t.valid}).` });
  });
  const total = given.reduce((s, id) => s + t.votes[id], 0);
  if (total > t.valid * quota) problems.push({ field: 'votes', message: `Tổng số phiếu đồng ý (${total}) vượt số phiếu hợp lệ nhân chỉ tiêu (${t.valid} × ${quota}).` });
  return problems;
}

/**
 * The figures of the second entry `b` that differ from the first `a`, by their labels (candidates by `names`), with the
 * second's own value only: the first stays unseen, so that the second person counts rather than copies.
 */
export function differingFigures(a: BallotTally, b: BallotTally, names: ReadonlyMap<string, string>): string[] {
  const labels: Array<['issued' | 'returned' | 'valid' | 'invalid', string]> = [['issued', 'Số phiếu phát ra'], ['returned', 'Số phiếu thu về'], ['valid', 'Số phiếu hợp lệ'], ['invalid', 'Số phiếu không hợp lệ']];
  const out = labels.filter(([k]) => a[k] !== b[k]).map(([k, label]) => `${label} (lần này nhập ${b[k]})`);
  for (const id of [...new Set([...Object.keys(a.votes), ...Object.keys(b.votes)])]) {
    const y = b.votes[id] ?? 0;
    if ((a.votes[id] ?? 0) !== y) out.push(`Số phiếu đồng ý của ${names.get(id) ?? id} (lần này nhập ${y})`);
  }
  return out;
}
