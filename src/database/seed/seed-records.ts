import { randomUUID } from 'node:crypto';
import { EntityManager, EntityTarget, In, ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { Cluster } from '../../clusters/cluster.entity';
import { EmulationYear } from '../../clusters/emulation-year.entity';
import { Membership } from '../../clusters/membership.entity';
import { Phases } from '../../clusters/phases.rules';
import { nowIso } from '../../common/time';
import { Unit, UnitKind } from '../../units/unit.entity';
import { unitSearchKey } from '../../units/units.service';
import { findRaw } from '../raw-sql';

/** The seed's idempotent inserts: each returns what exists, or inserts it and counts it. */
export type Count = (kind: string) => void;

/**
 * Inserts rows in one statement and does not read them back: EntityManager.insert reads each row back for its columns
 * with database defaults (three statements per membership), which was most of a first start's seed.
 */
export async function insertRows<T extends ObjectLiteral>(m: EntityManager, entity: EntityTarget<T>, rows: QueryDeepPartialEntity<T>[]): Promise<void> {
  if (rows.length) await m.createQueryBuilder().insert().into(entity).values(rows).updateEntity(false).execute();
}

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

/**
 * The units of the seed's transaction by code, read once (not one query per unit: on PostgreSQL each was a round trip,
 * most of a first start's seed). A unit created is inserted with the others at the next flush, which comes before
 * anything that refers to a unit is written; its succession, recorded before that, is written with it.
 */
export class SeedUnits {
  private byCode: Map<string, Unit> | null = null;
  private pending: Unit[] = [];

  constructor(readonly m: EntityManager) {}

  async find(code: string): Promise<Unit | undefined> {
    // Raw rows mapped by the entity's metadata: a national database has some 12,000 units, which TypeORM's find hydrates slowly.
    this.byCode ??= new Map((await findRaw(this.m, Unit, '1 = 1', [])).map((u) => [u.code, u]));
    return this.byCode.get(code);
  }

  add(unit: Unit): void {
    this.byCode!.set(unit.code, unit);
    this.pending.push(unit);
  }

  isPending(unit: Unit): boolean {
    return this.pending.includes(unit);
  }

  /** Inserts the units created since the last flush, in one statement. */
  async flush(): Promise<void> {
    const rows = this.pending;
    this.pending = [];
    await insertRows(this.m, Unit, rows);
  }
}

export async function ensureUnit(units: SeedUnits, count: Count, spec: UnitSpec): Promise<Unit> {
  const existing = await units.find(spec.code);
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
  units.add(unit);
  count('units');
  return unit;
}

/**
 * Records a unit's end and successor when the unit has none yet (a database seeded before the reorganisation was
 * recorded gets it on the next start); a succession already recorded, or changed by an administrator, stays. A unit
 * not inserted yet gets it in its insert.
 */
export async function ensureSuccession(
  units: SeedUnits,
  count: Count,
  unit: Unit,
  end: { activeTo: string; successorId: string | null; basis: string; note: string | null },
): Promise<void> {
  if (unit.successorId || (!end.successorId && unit.activeTo && unit.successionBasis)) return;
  const succession = { activeTo: end.activeTo, successorId: end.successorId, successionBasis: end.basis, note: end.note };
  if (units.isPending(unit)) {
    Object.assign(unit, succession);
  } else {
    const changes = { ...succession, version: unit.version + 1, updatedAt: nowIso() };
    await units.m.update(Unit, { id: unit.id }, changes);
    Object.assign(unit, changes);
  }
  count('unitSuccessions');
}

export async function ensureCluster(units: SeedUnits, count: Count, organizer: Unit, number: number, name: string, predecessor?: Cluster): Promise<Cluster> {
  const m = units.m;
  await units.flush();
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
  await insertRows(m, Cluster, [cluster]);
  count('clusters');
  return cluster;
}

/** The memberships of a cluster's units in the given years, those missing inserted (one statement for them all). */
export async function ensureMemberships(units: SeedUnits, count: Count, cluster: Cluster, members: Array<{ unit: Unit; year: number }>): Promise<void> {
  const m = units.m;
  await units.flush();
  const existing = await m.find(Membership, {
    select: { unitId: true, year: true },
    where: { organizerId: cluster.organizerId, unitId: In([...new Set(members.map((x) => x.unit.id))]) },
  });
  const held = new Set(existing.map((x) => `${x.unitId}/${x.year}`));
  const createdAt = nowIso();
  // Once each, also where two members of the list are the same unit in the same year.
  const missing = members.filter((x) => !held.has(`${x.unit.id}/${x.year}`) && held.add(`${x.unit.id}/${x.year}`));
  await insertRows(
    m,
    Membership,
    missing.map(({ unit, year }) => ({ id: randomUUID(), clusterId: cluster.id, unitId: unit.id, organizerId: cluster.organizerId, year, decisionId: null, leftOn: null, version: 1, createdAt })),
  );
  for (let i = 0; i < missing.length; i++) count('memberships');
}

/** Creates the year or fills phases still empty; never overwrites a date already set. */
export async function ensureYear(m: EntityManager, count: Count, cluster: Cluster, year: number, phases: Partial<Phases>): Promise<void> {
  const existing = await m.findOne(EmulationYear, { where: { clusterId: cluster.id, year } });
  const now = nowIso();
  if (!existing) {
    await insertRows(m, EmulationYear, [{
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
    }]);
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
