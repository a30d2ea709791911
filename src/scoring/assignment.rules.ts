import type { PeerMode } from './scoring-config.entity';

/**
 * Who scores whom as a peer (chấm chéo), never a unit itself:
 *  - ALL: every member scores every other member;
 *  - ROTATION: each member scores the next k members in order (cyclic), 1 ≤ k < n.
 */
export function peerAssignments(members: string[], mode: PeerMode, k: number): Array<{ scorer: string; target: string }> {
  const n = members.length;
  const pairs: Array<{ scorer: string; target: string }> = [];
  if (n < 2) return pairs;
  const span = mode === 'ALL' ? n - 1 : Math.max(1, Math.min(k, n - 1));
  members.forEach((scorer, i) => {
    for (let step = 1; step <= span; step++) pairs.push({ scorer, target: members[(i + step) % n] });
  });
  return pairs;
}
