import { scoringWindow } from '../clusters/phases.rules';
import { EntityManager } from 'typeorm';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-codes';
import { compareVi } from '../common/text';
import type { EmulationYear } from '../clusters/emulation-year.entity';
import { Membership } from '../clusters/membership.entity';
import { findOneRaw } from '../database/raw-sql';
import { todayInVietnam } from '../common/time';
import { Unit } from '../units/unit.entity';
import type { FinalScoreRule, LeafCriterion } from './ranking.rules';
import { ScoringConfig, defaultScoringConfig } from './scoring-config.entity';

export const RULE_LABELS: Record<FinalScoreRule, string> = {
  CLUSTER: 'Điểm cụm thống nhất',
  PEER_MEAN: 'Trung bình điểm chấm chéo',
  PEER_TRIMMED_MEAN: 'Trung bình chấm chéo, bỏ điểm cao nhất và thấp nhất (từ 4 phiếu)',
};

export { DEFAULT_BANDS } from './bands.rules';

/** The saved configuration of a cluster-year, or the default (version 0, not saved). */
export async function scoringConfig(m: EntityManager, clusterId: string, year: number): Promise<ScoringConfig> {
  return (await findOneRaw(m, ScoringConfig, { clusterId, year })) ?? defaultScoringConfig(clusterId, year);
}

export interface LeafWithText extends LeafCriterion {
  text: string;
}

/** Member units of a cluster-year in Vietnamese alphabetical order. */
export async function membersOf(m: EntityManager, clusterId: string, year: number): Promise<Unit[]> {
  const rows = await m.find(Membership, { where: { clusterId, year }, relations: { unit: true } });
  return rows.map((r) => r.unit!).sort((a, b) => compareVi(a.name, b.name));
}

/** Member scorers (self and peer) write only within the year's scoring window (its phases), when one is set. */
export function requireScoringWindow(year: number, phases: EmulationYear | null, today = todayInVietnam()): void {
  const window = scoringWindow(year, phases, today);
  if (!window.open) throw new AppException(ErrorCode.ScoringClosed, window.message);
}
