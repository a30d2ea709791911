import { Injectable } from '@nestjs/common';
import { requireVersion } from '../database/unit-of-work';
import { EntityManager } from 'typeorm';
import { nowIso } from '../common/time';
import { rawQuery } from '../database/raw-sql';
import { Award, AwardQuota, AwardRuleVersion } from './award.entities';
import { AWARD_CODES, type AwardCode } from './awards.rules';

/** The award catalogue, the versions of the award rules, and the quotas of each cluster-year. */
@Injectable()
export class AwardsRepository {
  /**
   * The names of the awards as the catalogue (table `awards`) keeps them — the one place they are written;
   * minutes, dossiers, proposals and reports all print them from here (an award missing there shows its code).
   */
  async labels(m: EntityManager): Promise<Record<AwardCode, string>> {
    const rows = await rawQuery<{ code: AwardCode; name: string }>(m, 'SELECT code, name FROM awards');
    const names = new Map(rows.map((r) => [r.code, r.name]));
    return Object.fromEntries(AWARD_CODES.map((code) => [code, names.get(code) ?? code])) as Record<AwardCode, string>;
  }

  /** The awards of the catalogue in their order. */
  catalogue(m: EntityManager): Promise<Award[]> {
    return m.find(Award, { order: { sortOrder: 'ASC' } });
  }

  /** The versions of the award rules as stored (the rule in force is the first that covers a year). */
  ruleVersions(m: EntityManager): Promise<AwardRuleVersion[]> {
    return m.find(AwardRuleVersion);
  }

  /** The versions of the award rules, the earliest first. */
  ruleVersionsByStart(m: EntityManager): Promise<AwardRuleVersion[]> {
    return m.find(AwardRuleVersion, { order: { validFrom: 'ASC' } });
  }

  /** The quotas set for a cluster-year (none while the defaults apply). */
  quotas(m: EntityManager, clusterId: string, year: number): Promise<AwardQuota[]> {
    return m.find(AwardQuota, { where: { clusterId, year } });
  }

  /**
   * Replaces a cluster-year's quotas, all rows carrying the set's next version, if the set is still at the
   * version the client read (0 while the defaults apply), else 409 having written nothing. Answers the new version.
   */
  async replaceQuotas(m: EntityManager, clusterId: string, year: number, expectedVersion: number, quotas: Record<AwardCode, number>): Promise<number> {
    const current = quotaSetVersion(await this.quotas(m, clusterId, year));
    requireVersion(current, expectedVersion);
    const version = current + 1;
    const now = nowIso();
    for (const code of AWARD_CODES) {
      await m.delete(AwardQuota, { clusterId, year, awardCode: code });
      await m.insert(AwardQuota, { clusterId, year, awardCode: code, quota: quotas[code], version, updatedAt: now });
    }
    return version;
  }
}

/** The version of a cluster-year's quota set: 0 while the defaults apply. */
export function quotaSetVersion(rows: AwardQuota[]): number {
  return rows.reduce((v, r) => Math.max(v, r.version), 0);
}
