import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-codes';
import type { CriterionItemDto, CriterionView } from './criteria.dto';
import { CRITERION_KIND_LABELS, CriterionNode, flatten, treeProblems } from './criteria.rules';
import type { Criterion } from './criterion.entity';

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
    children: fromDto(i.children ?? []),
  }));
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
      .map((r) => ({
        id: r.id,
        code: r.code,
        text: r.text,
        guidance: r.guidance,
        maxPoints: r.maxPoints / 100,
        kind: r.kind,
        kindLabel: CRITERION_KIND_LABELS[r.kind],
        evidenceRequired: Boolean(r.evidenceRequired),
        children: build(r.id),
      }));
  return build(null);
}

export function flattenViews(items: CriterionView[]): Array<CriterionView & { depth: number }> {
  const toNode = (v: CriterionView): CriterionNode => ({ ...v, maxPoints: v.maxPoints, children: v.children.map(toNode) });
  const byCode = new Map<string, CriterionView>();
  const index = (vs: CriterionView[]) => vs.forEach((v) => (byCode.set(v.code, v), index(v.children)));
  index(items);
  return flatten(items.map(toNode)).map((n) => ({ ...byCode.get(n.code)!, depth: n.depth }));
}
