import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Cluster } from '../../clusters/cluster.entity';
import { EmulationYear } from '../../clusters/emulation-year.entity';
import { Membership } from '../../clusters/membership.entity';
import { Phases } from '../../clusters/phases.rules';
import { nowIso } from '../../common/time';
import { Unit, UnitKind } from '../../units/unit.entity';
import { unitSearchKey } from '../../units/units.service';

/** The seed's idempotent inserts: each returns what exists, or inserts it and counts it. */
export type Count = (kind: string) => void;

export interface UnitSpec {
  code: string;
  kind: UnitKind;
  name: string;
  shortName: string;
  province?: string | null;
  activeFrom?: string | null;
  activeTo?: string | null;
  successorId?: string | null;
  successionBasis?: string | null;
  note?: string | null;
}

export async function ensureUnit(m: EntityManager, count: Count, spec: UnitSpec): Promise<Unit> {
  const existing = await m.findOne(Unit, { where: { code: spec.code } });
  if (existing) return existing;
  const now = nowIso();
  const unit: Unit = {
    id: randomUUID(),
    code: spec.code,
    kind: spec.kind,
    name: spec.name,
    shortName: spec.shortName,
    province: spec.province ?? null,
    parentId: null,
    activeFrom: spec.activeFrom ?? null,
    activeTo: spec.activeTo ?? null,
    successorId: spec.successorId ?? null,
    successionBasis: spec.successionBasis ?? null,
    note: spec.note ?? null,
    womenShareHundredths: null,
    searchKey: '',
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  unit.searchKey = unitSearchKey(unit);
  await m.insert(Unit, unit);
  count('units');
  return unit;
}

/**
 * Records a unit's end and successor when the unit has none yet (a database seeded before the reorganisation was
 * recorded gets it on the next start); a succession already recorded, or changed by an administrator, stays.
 */
export async function ensureSuccession(
  m: EntityManager,
  count: Count,
  unit: Unit,
  end: { activeTo: string; successorId: string | null; basis: string; note: string | null },
): Promise<void> {
  if (unit.successorId || (!end.successorId && unit.activeTo && unit.successionBasis)) return;
  const changes = { activeTo: end.activeTo, successorId: end.successorId, successionBasis: end.basis, note: end.note, version: unit.version + 1, updatedAt: nowIso() };
  await m.update(Unit, { id: unit.id }, changes);
  Object.assign(unit, changes);
  count('unitSuccessions');
}

export async function ensureCluster(m: EntityManager, count: Count, organizer: Unit, number: number, name: string, predecessor?: Cluster): Promise<Cluster> {
  const existing = await m.findOne(Cluster, { where: { organizerId: organizer.id, number } });
  if (existing) return existing;
  const now = nowIso();
  const cluster: Cluster = {
    id: randomUUID(),
    organizerId: organizer.id,
    number,
    name,
    documentCode: `CTĐ${number}`,
    predecessorId: predecessor?.id ?? null,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  await m.insert(Cluster, cluster);
  count('clusters');
  return cluster;
}

export async function ensureMembership(m: EntityManager, count: Count, cluster: Cluster, unit: Unit, year: number): Promise<void> {
  if (await m.exists(Membership, { where: { organizerId: cluster.organizerId, unitId: unit.id, year } })) return;
  await m.insert(Membership, {
    id: randomUUID(),
    clusterId: cluster.id,
    unitId: unit.id,
    organizerId: cluster.organizerId,
    year,
    decisionId: null,
    leftOn: null,
    version: 1,
    createdAt: nowIso(),
  });
  count('memberships');
}

/** Creates the year or fills phases still empty; never overwrites a date already set. */
export async function ensureYear(m: EntityManager, count: Count, cluster: Cluster, year: number, phases: Partial<Phases>): Promise<void> {
  const existing = await m.findOne(EmulationYear, { where: { clusterId: cluster.id, year } });
  const now = nowIso();
  if (!existing) {
    await m.insert(EmulationYear, {
      id: randomUUID(),
      clusterId: cluster.id,
      year,
      pledgeSigningOn: null,
      midYearReviewOn: null,
      scoringOpensOn: null,
      scoringClosesOn: null,
      reviewMeetingOn: null,
      proposalDeadline: null,
      ...phases,
      version: 1,
      createdAt: now,
      updatedAt: now,
    });
    count('emulationYears');
    return;
  }
  const missing = Object.fromEntries(
    Object.entries(phases).filter(([k]) => existing[k as keyof Phases] === null),
  ) as Partial<Phases>;
  if (Object.keys(missing).length) {
    await m.update(EmulationYear, { id: existing.id }, { ...missing, updatedAt: now, version: existing.version + 1 });
  }
}
