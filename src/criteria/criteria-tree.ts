import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-codes';
import type { CriterionItemDto, CriterionView } from './criteria.dto';
import { CRITERION_KIND_LABELS, CriterionNode, flatten, treeProblems } from './criteria.rules';
import type { Criterion } from './criterion.entity';
import { MEASURE_LABELS, MeasureBand, MeasureRule, POINTS_RULE } from './measure.rules';

/** A criteria tree between its three forms: the DTO, the rows of `criteria`, and the views. */

export const toHundredths = (points: number) => Math.round(points * 100);

function fromDto(items: CriterionItemDto[]): CriterionNode[] {
  return items.map((i) => ({
    code: i.code.trim(),
    text: i.text.trim(),
    guidance: i.guidance?.trim() || null,
    maxPoints: toHundredths(i.maxPoints),
    kind: i.kind,
    evidenceRequired: i.evidenceRequired,
    rule: ruleFromDto(i),
    children: fromDto(i.children ?? []),
  }));
}

function ruleFromDto(i: CriterionItemDto): MeasureRule {
  const measure = i.measure ?? 'POINTS';
  if (measure === 'POINTS') return POINTS_RULE;
  return {
    measure,
    formula: measure === 'QUANTITATIVE' ? (i.formula ?? null) : null,
    perCount: measure === 'PER_COUNT' && i.perCount != null ? toHundredths(i.perCount) : null,
    bands: measure === 'QUANTITATIVE' && i.formula === 'BANDED' ? (i.bands ?? []).map((b) => ({ from: toHundredths(b.from), points: toHundredths(b.points) })) : null,
    factUnit: i.factUnit?.trim() || null,
  };
}

/** A criterion row's rule (measure.rules), the bands parsed. */
export function ruleOf(r: Pick<Criterion, 'measure' | 'formula' | 'perCount' | 'bands' | 'factUnit'>): MeasureRule {
  if (!r.measure || r.measure === 'POINTS') return POINTS_RULE;
  return {
    measure: r.measure,
    formula: r.formula ?? null,
    perCount: r.perCount == null ? null : Number(r.perCount),
    bands: r.bands ? (JSON.parse(r.bands) as MeasureBand[]) : null,
    factUnit: r.factUnit ?? null,
  };
}

/** The tree of a DTO in hundredths, or every problem at once. */
export function checkedTree(dtoItems: CriterionItemDto[], totalPoints: number): CriterionNode[] {
  const items = fromDto(dtoItems);
  const problems = treeProblems(items, toHundredths(totalPoints));
  if (problems.length) throw new AppException(ErrorCode.CriteriaInvalid, problems[0].message, problems);
  return items;
}

/** The criteria of a set (by position, as CriteriaRepository.criteria answers them) as a tree of views. */
export function viewTree(rows: Criterion[]): CriterionView[] {
  const build = (parentId: string | null): CriterionView[] =>
    rows
      .filter((r) => r.parentId === parentId)
      .map((r) => {
        const rule = ruleOf(r);
        return {
        id: r.id,
        code: r.code,
        text: r.text,
        guidance: r.guidance,
        maxPoints: r.maxPoints / 100,
        kind: r.kind,
        kindLabel: CRITERION_KIND_LABELS[r.kind],
        evidenceRequired: Boolean(r.evidenceRequired),
        measure: rule.measure,
        measureLabel: MEASURE_LABELS[rule.measure],
        formula: rule.formula,
        perCount: rule.perCount == null ? null : rule.perCount / 100,
        bands: rule.bands?.map((b) => ({ from: b.from / 100, points: b.points / 100 })) ?? null,
        factUnit: rule.factUnit,
        children: build(r.id),
      };
      });
  return build(null);
}

export function flattenViews(items: CriterionView[]): Array<CriterionView & { depth: number }> {
  const toNode = (v: CriterionView): CriterionNode => ({ ...v, rule: undefined, maxPoints: v.maxPoints, children: v.children.map(toNode) });
  const byCode = new Map<string, CriterionView>();
  const index = (vs: CriterionView[]) => vs.forEach((v) => (byCode.set(v.code, v), index(v.children)));
  index(items);
  return flatten(items.map(toNode)).map((n) => ({ ...byCode.get(n.code)!, depth: n.depth }));
}

/** A view's rule back in hundredths (copying a set to the next year keeps its measures). */
export function ruleOfView(v: CriterionView): MeasureRule {
  return {
    measure: v.measure,
    formula: v.formula,
    perCount: v.perCount == null ? null : toHundredths(v.perCount),
    bands: v.bands?.map((b) => ({ from: toHundredths(b.from), points: toHundredths(b.points) })) ?? null,
    factUnit: v.factUnit,
  };
}

/**
 * The criteria of `before` that `after` removed or redefined — their text (what is scored), maximum, kind or rule
 * (what points mean) — by code: the points a draft holds for them no longer say what they said.
 */
export function redefinedCodes(before: RedefinableLeaf[], after: RedefinableLeaf[]): string[] {
  const now = new Map(after.map((l) => [l.code, l]));
  const words = (text: string) => text.normalize('NFC').replace(/\s+/g, ' ').trim();
  return before.filter((l) => {
    const n = now.get(l.code);
    return !n || words(n.text) !== words(l.text) || n.maxPoints !== l.maxPoints || n.kind !== l.kind || JSON.stringify(n.rule) !== JSON.stringify(l.rule);
  }).map((l) => l.code);
}

type RedefinableLeaf = { code: string; text: string; maxPoints: number; kind: string; rule: MeasureRule };
