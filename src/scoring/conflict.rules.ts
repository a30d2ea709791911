/**
 * Conflicts of interest in peer scoring (chấm chéo), computed, pure. A scorer is in conflict with a unit it would
 * score when:
 *  - they have the same parent unit (cùng đơn vị cấp trên);
 *  - one succeeds the other after a merger, through any number of steps (units.successor_id), or both were merged
 *    into the same unit;
 *  - a relation between them is declared, with its reason;
 *  - the cluster's regulation forbids reciprocal scoring and the target also scores the scorer: of such a pair the
 *    one whose scorer comes later in the members' order is the conflict (the other stays).
 * The first reason found is given. A secretariat's override (with its reason) lets an assignment stand.
 */
export interface ConflictUnit {
  id: string;
  name: string;
  /** The short name, where lists name many units (the reminders' peer lists). */
  shortName?: string;
  parentId: string | null;
  successorId: string | null;
}

export interface DeclaredRelation {
  unitAId: string;
  unitBId: string;
  reason: string;
}

export interface ConflictContext {
  units: Map<string, ConflictUnit>;
  /** Parent names, for the reason. */
  names: Map<string, string>;
  relations: DeclaredRelation[];
  forbidReciprocal: boolean;
  /** The assignment (scorer → target pairs) and the members in order, for the reciprocal rule. */
  assigned: Array<{ scorer: string; target: string }>;
  order: string[];
}

/** Whether `later` descends from `earlier` through successor links (a bounded walk: lineages may not loop, but be safe). */
function succeeds(later: string, earlier: string, units: Map<string, ConflictUnit>): boolean {
  let at = units.get(earlier)?.successorId ?? null;
  for (let steps = 0; at && steps < 50; steps++) {
    if (at === later) return true;
    at = units.get(at)?.successorId ?? null;
  }
  return false;
}

/** The units a unit was merged into, nearest first. */
function lineage(id: string, units: Map<string, ConflictUnit>): string[] {
  const out: string[] = [];
  for (let at = units.get(id)?.successorId ?? null; at && out.length < 50 && !out.includes(at); at = units.get(at)?.successorId ?? null) out.push(at);
  return out;
}

/** Why `scorer` may not score `target`, or null. */
export function peerConflict(scorer: string, target: string, ctx: ConflictContext): string | null {
  const a = ctx.units.get(scorer);
  const b = ctx.units.get(target);
  if (!a || !b) return null;
  if (succeeds(a.id, b.id, ctx.units)) return `${a.name} là đơn vị kế thừa của ${b.name}.`;
  if (succeeds(b.id, a.id, ctx.units)) return `${b.name} là đơn vị kế thừa của ${a.name}.`;
  const common = lineage(a.id, ctx.units).find((x) => lineage(b.id, ctx.units).includes(x));
  if (common) return `Cả hai đơn vị cùng được sáp nhập vào ${ctx.units.get(common)?.name ?? common}.`;
  if (a.parentId && a.parentId === b.parentId) return `Cùng đơn vị cấp trên (${ctx.names.get(a.parentId) ?? a.parentId}).`;
  const declared = ctx.relations.find((r) => (r.unitAId === a.id && r.unitBId === b.id) || (r.unitAId === b.id && r.unitBId === a.id));
  if (declared) return `Quan hệ đã khai báo: ${declared.reason}`;
  if (ctx.forbidReciprocal && ctx.assigned.some((p) => p.scorer === target && p.target === scorer) && ctx.order.indexOf(scorer) > ctx.order.indexOf(target)) {
    return `Quy chế của cụm không cho chấm chéo lẫn nhau: ${b.name} đã chấm ${a.name}.`;
  }
  return null;
}

/** Every conflict of an assignment, with its reason. */
export function assignmentConflicts(ctx: ConflictContext): Array<{ scorer: string; target: string; reason: string }> {
  return ctx.assigned.flatMap((p) => {
    const reason = peerConflict(p.scorer, p.target, ctx);
    return reason ? [{ ...p, reason }] : [];
  });
}
