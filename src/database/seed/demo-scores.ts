import { randomUUID } from 'node:crypto';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { nowIso } from '../../common/time';
import { Cluster } from '../../clusters/cluster.entity';
import { CriteriaSet } from '../../criteria/criteria-set.entity';
import { Criterion } from '../../criteria/criterion.entity';
import { ScoreEntry } from '../../scoring/score-entry.entity';
import { ScoreSheet } from '../../scoring/score-sheet.entity';
import { ClusterYearRevisions } from '../cluster-year-revisions';
import { ScoringConfig, defaultScoringConfig } from '../../scoring/scoring-config.entity';
import { Unit } from '../../units/unit.entity';
import { ministryMemberUnit, loadReferenceData } from './reference-data';
import { SeedUnits, insertRows } from './seed-records';

/**
 * Invented 2019 scores of Cụm 6 (demo data, not facts) that reproduce the recorded outcome: Đắk Lắk and
 * Phú Yên lead (Cờ thi đua), Gia Lai and Lâm Đồng follow (Bằng khen). Points per criterion TC1…TC9 of the
 * consolidated sheet; peers vary TC4 by half a point; Kon Tum's self-score is well above its final score.
 */
const CONSOLIDATED: Record<string, number[]> = {
  'Đắk Lắk': [15, 15, 10, 9.5, 14.5, 10, 10, 9.5, 5],
  'Phú Yên': [15, 14.5, 10, 9.5, 14.5, 9.5, 10, 9.5, 5],
  'Gia Lai': [14.5, 14.5, 9.5, 9.5, 14, 9.5, 10, 9, 5],
  'Lâm Đồng': [14.5, 14, 9.5, 9, 14, 9.5, 9.5, 9, 5],
  'Kon Tum': [14, 14, 9, 9, 13.5, 9, 9.5, 8.5, 4.5],
  'Đắk Nông': [13.5, 13.5, 9, 8.5, 13, 9, 9, 8.5, 4.5],
};
const YEAR = 2019;

export async function seedDemoScores(seeded: SeedUnits, cluster: Cluster): Promise<number> {
  const m = seeded.m;
  if (await m.exists(ScoreSheet, { where: { clusterId: cluster.id, year: YEAR } })) return 0;
  const template = loadReferenceData().criteriaTemplates['CUM6-2020'];
  const now = nowIso();
  let set = await m.findOne(CriteriaSet, { where: { clusterId: cluster.id, year: YEAR }, order: { versionNo: 'DESC' } });
  if (!set) {
    set = {
      id: randomUUID(),
      clusterId: cluster.id,
      year: YEAR,
      versionNo: 1,
      title: 'Bộ tiêu chí thi đua năm 2019 của Cụm thi đua số 6 (minh họa theo mẫu năm 2020)',
      totalPoints: 10000,
      origin: 'TEMPLATE:CUM6-2020',
      amendmentReason: null,
      lockedAt: now,
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    await m.insert(CriteriaSet, set);
    const setId = set.id;
    await insertRows(
      m,
      Criterion,
      template.criteria.map((c, position) => ({ id: randomUUID(), setId, parentId: null, position, code: c.code, text: c.text, guidance: null, maxPoints: c.maxPoints * 100, kind: 'SCORED' as const, evidenceRequired: true })),
    );
  }
  const codes = template.criteria.map((c) => c.code);
  const maxes = template.criteria.map((c) => c.maxPoints);
  const units = new Map<string, Unit>();
  for (const province of Object.keys(CONSOLIDATED)) {
    const unit = await seeded.find(ministryMemberUnit(province).code);
    if (unit) units.set(province, unit);
  }
  const provinces = [...units.keys()];
  // Written together at the end: two statements, not two a sheet.
  const sheetRows: QueryDeepPartialEntity<ScoreSheet>[] = [];
  const entryRows: QueryDeepPartialEntity<ScoreEntry>[] = [];
  const addSheet = (target: Unit, kind: ScoreSheet['scorerKind'], scorer: Unit | null, points: number[]) => {
    const id = randomUUID();
    sheetRows.push({
      id,
      clusterId: cluster.id,
      year: YEAR,
      criteriaSetId: set.id,
      targetUnitId: target.id,
      scorerKind: kind,
      scorerKey: scorer?.id ?? kind,
      scorerUnitId: scorer?.id ?? null,
      status: 'LOCKED',
      returnReason: null,
      submittedAt: now,
      lockedAt: now,
      createdBy: 'system',
      version: 1,
      createdAt: now,
      updatedAt: now,
    });
    entryRows.push(...codes.map((code, i) => ({ sheetId: id, criterionCode: code, points: Math.round(Math.min(maxes[i], Math.max(0, points[i])) * 100), note: null })));
  };
  for (const [ti, province] of provinces.entries()) {
    const target = units.get(province)!;
    const base = CONSOLIDATED[province];
    addSheet(target, 'CLUSTER', null, base);
    addSheet(target, 'SELF', target, province === 'Kon Tum' ? maxes : base.map((v, i) => (i === 7 ? v + 0.5 : v)));
    for (const [si, scorerProvince] of provinces.entries()) {
      if (si === ti) continue;
      const jitter = [-0.5, 0, 0.5][(si + ti) % 3];
      addSheet(target, 'PEER', units.get(scorerProvince)!, base.map((v, i) => (i === 3 ? v + jitter : v)));
    }
  }
  await insertRows(m, ScoreSheet, sheetRows);
  await insertRows(m, ScoreEntry, entryRows);
  await m.insert(ScoringConfig, { ...defaultScoringConfig(cluster.id, YEAR), rule: 'PEER_TRIMMED_MEAN', publishedAt: now, version: 1, createdAt: now, updatedAt: now });
  await new ClusterYearRevisions().bump(m, cluster.id, YEAR);
  return sheetRows.length;
}
