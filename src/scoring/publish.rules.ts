/**
 * What publishing a year's scores would leave out, in words the secretariat can act on: each member without a
 * submitted sheet of the kind the rule counts, and each sheet still being written or returned (by whom, for whom).
 */
import { countedKind, type ScorerKind } from './ranking.rules';
import type { SheetStatus } from './score-sheet.entity';

export interface PublishSheet {
  targetUnitId: string;
  scorerKind: ScorerKind;
  scorerUnitId: string | null;
  status: SheetStatus;
}

const KIND_WORDS: Record<ScorerKind, string> = { SELF: 'tự chấm', PEER: 'chấm chéo', CLUSTER: 'điểm cụm', MINISTRY: 'thẩm định của Bộ' };

export function missingBeforePublish(members: Array<{ id: string; shortName: string }>, sheets: PublishSheet[], rule: string): string[] {
  const name = new Map(members.map((u) => [u.id, u.shortName]));
  const counted = countedKind(rule);
  const done = (s: PublishSheet) => s.status === 'SUBMITTED' || s.status === 'LOCKED';
  const pending = sheets.filter((x) => x.status === 'DRAFT' || x.status === 'RETURNED');
  // A member whose counted sheet is only pending is named once, by that sheet.
  const out = members
    .filter((u) => !sheets.some((s) => s.targetUnitId === u.id && s.scorerKind === counted && done(s)))
    .filter((u) => !pending.some((s) => s.targetUnitId === u.id && s.scorerKind === counted))
    .map((u) => `${u.shortName} chưa có phiếu ${KIND_WORDS[counted]} đã nộp`);
  for (const s of pending) {
    const target = name.get(s.targetUnitId) ?? 'đơn vị đã rời cụm';
    const by = s.scorerKind === 'SELF' || !s.scorerUnitId ? '' : ` của ${name.get(s.scorerUnitId) ?? 'đơn vị đã rời cụm'}`;
    const state = s.status === 'DRAFT' ? 'đang soạn, chưa nộp' : 'bị trả lại, chưa nộp lại';
    // A pending sheet of the kind the rule counts is left out of the result; another kind is only for comparison.
    out.push(`phiếu ${KIND_WORDS[s.scorerKind]}${by} cho ${target} ${state} (${s.scorerKind === counted ? 'chưa được tính vào kết quả' : 'chỉ để đối chiếu, không dùng để tính điểm cuối cùng'})`);
  }
  return out;
}
