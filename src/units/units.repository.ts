import { Injectable } from '@nestjs/common';
import { EntityManager, In, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { escapeLike, foldVietnamese } from '../common/text';
import { todayInVietnam } from '../common/time';
import { findOneRaw } from '../database/raw-sql';
import { ClusterYearRevisions } from '../database/cluster-year-revisions';
import { updateVersioned } from '../database/unit-of-work';
import { Unit } from './unit.entity';

/** Restricts a unit query (alias given) to what the caller may see: AccessService.scopeUnits, bound to the caller. */
export type UnitScope = <T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, alias: string) => unknown;

/** The unit directory's queries: search within the caller's scope, lookups, and the writes. */
@Injectable()
export class UnitsRepository {
  constructor(private readonly revisions: ClusterYearRevisions) {}

  /** A page of the units the caller may see, by kind then Vietnamese name; `words` are folded search words (all must start a word). */
  search(m: EntityManager, scope: UnitScope, q: { kind?: string; activeInYear?: number; words?: string[]; nothingSearchable?: boolean; limit: number; offset: number }): Promise<[Unit[], number]> {
    const qb = m.createQueryBuilder(Unit, 'u').orderBy('u.kind', 'DESC').addOrderBy('u.searchKey', 'ASC').take(q.limit).skip(q.offset);
    scope(qb, 'u');
    if (q.kind) qb.andWhere('u.kind = :kind', { kind: q.kind });
    if (q.activeInYear) {
      qb.andWhere('(u.activeFrom IS NULL OR u.activeFrom <= :yearEnd)', { yearEnd: `${q.activeInYear}-12-31` });
      qb.andWhere('(u.activeTo IS NULL OR u.activeTo >= :yearStart)', { yearStart: `${q.activeInYear}-01-01` });
    }
    if (q.nothingSearchable) qb.andWhere('1 = 0');
    // Each word matches the start of a word ("yen" finds Phú Yên, not Truyền thông), whatever the order.
    (q.words ?? []).forEach((word, i) => qb.andWhere(`(' ' || u.searchKey) LIKE :w${i} ESCAPE '\\'`, { [`w${i}`]: `% ${escapeLike(word)}%` }));
    return qb.getManyAndCount();
  }

  /** A unit within the caller's scope, or null. */
  findVisible(m: EntityManager, scope: UnitScope, id: string): Promise<Unit | null> {
    const qb = m.createQueryBuilder(Unit, 'u').where('u.id = :id', { id });
    scope(qb, 'u');
    return qb.getOne();
  }

  /**
   * Of `ids`, those an organiser's staff may put in a cluster: the units they may see, and units no organiser has yet
   * (no parent, never a member of a cluster: a unit the administrator just created). A unit of another organiser's
   * scope is not theirs to take; the administrator may (its scope is every unit).
   */
  async takeable(m: EntityManager, scope: UnitScope, ids: string[]): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const visible = m.createQueryBuilder(Unit, 'u').select('u.id', 'id').where('u.id IN (:...ids)', { ids });
    scope(visible, 'u');
    const unclaimed = m.createQueryBuilder(Unit, 'u').select('u.id', 'id').where('u.id IN (:...ids) AND u.parentId IS NULL', { ids }).andWhere('NOT EXISTS (SELECT 1 FROM memberships ms WHERE ms.unit_id = u.id)');
    const rows = [...(await visible.getRawMany<{ id: string }>()), ...(await unclaimed.getRawMany<{ id: string }>())];
    return new Set(rows.map((r) => r.id));
  }

  find(m: EntityManager, id: string): Promise<Unit | null> {
    return m.findOne(Unit, { where: { id } });
  }

  /** A unit another row refers to (its absence is a broken reference: fails like findOneOrFail). */
  get(m: EntityManager, id: string): Promise<Unit> {
    return m.findOneOrFail(Unit, { where: { id } });
  }

  /** The units of these ids, by id (ids not found are absent). */
  async byIds(m: EntityManager, ids: string[]): Promise<Map<string, Unit>> {
    const unique = [...new Set(ids)];
    // A sheet's view asks for one or two units after each write: prepared statements rather than a built query.
    const units = unique.length <= 2 ? (await Promise.all(unique.map((id) => findOneRaw(m, Unit, { id })))).filter((u): u is Unit => u !== null) : unique.length ? await m.findBy(Unit, { id: In(unique) }) : [];
    return new Map(units.map((u) => [u.id, u]));
  }

  /**
   * The unit as it stood on a date: after its active period, its successor (followed through later mergers), so
   * that a document dated 2026 names Bộ Khoa học và Công nghệ where one dated 2020 names Bộ Thông tin và Truyền thông.
   */
  async asOf(m: EntityManager, id: string, date: string): Promise<Unit> {
    let unit = await this.get(m, id);
    for (let hops = 0; unit.activeTo && date > unit.activeTo && unit.successorId && hops < 10; hops++) unit = await this.get(m, unit.successorId);
    return unit;
  }

  /** The units this one succeeded, directly or through earlier mergers (not itself), nearest first. */
  async predecessorIds(m: EntityManager, id: string): Promise<string[]> {
    const found: string[] = [];
    let frontier = [id];
    for (let depth = 0; frontier.length && depth < 10; depth++) {
      const rows = await m.find(Unit, { where: { successorId: In(frontier) }, select: { id: true } });
      frontier = rows.map((r) => r.id).filter((x) => !found.includes(x) && x !== id);
      found.push(...frontier);
    }
    return found;
  }

  /** The unit and the units that took it over in turn, itself first (bounded). */
  async successorChain(m: EntityManager, id: string): Promise<Unit[]> {
    const chain = [await this.get(m, id)];
    for (let hops = 0; chain[chain.length - 1].successorId && hops < 10; hops++) chain.push(await this.get(m, chain[chain.length - 1].successorId!));
    return chain;
  }

  /**
   * What a unit that ended is now (or on the date `on`): the successor it went to, followed through the mergers in
   * effect on that day, or null while it is active then (a merger recorded ahead of its date has not happened yet).
   */
  async successorNow(m: EntityManager, id: string, on = todayInVietnam()): Promise<Unit | null> {
    const now = await this.asOf(m, id, on);
    return now.id === id ? null : now;
  }

  /** A unit's name, or null (no id, or not found). */
  async nameOf(m: EntityManager, id: string | null | undefined): Promise<string | null> {
    return id ? ((await this.find(m, id))?.name ?? null) : null;
  }

  codeTaken(m: EntityManager, code: string): Promise<boolean> {
    return m.exists(Unit, { where: { code } });
  }

  async insert(m: EntityManager, unit: Unit): Promise<void> {
    await m.insert(Unit, unit);
  }

  /** The optimistic update; the unit's cluster-years show its names and share of women, so their revisions move. */
  async update(m: EntityManager, current: Unit, expectedVersion: number, changes: Partial<Unit>): Promise<Unit> {
    const updated = await updateVersioned(m, Unit, current, expectedVersion, changes, 'đơn vị');
    await this.revisions.bumpForUnit(m, current.id);
    return updated;
  }
}

/** The words of a search text, folded (no accents, lower case), at most eight. */
export function searchWords(text: string): string[] {
  return foldVietnamese(text).split(' ').filter(Boolean).slice(0, 8);
}
