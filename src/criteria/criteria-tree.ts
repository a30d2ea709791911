import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-codes';
import type { CriterionItemDto, CriterionView } from './criteria.dto';
import { CRITERION_KIND_LABELS, CriterionNode, flatten, treeProblems } from './criteria.rules';
import { Criterion } from './criterion.entity';

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

/** Inserts a tree of criteria under a set, in order. */
export async function saveTree(m: EntityManager, setId: string, items: CriterionNode[]): Promise<void> {
  const insert = async (nodes: CriterionNode[], parentId: string | null) => {
    for (const [position, node] of nodes.entries()) {
      const id = randomUUID();
      await m.insert(Criterion, {
        id,
        setId,
        parentId,
        position,
        code: node.code,
        text: node.text,
        guidance: node.guidance,
        maxPoints: node.maxPoints,
        kind: node.kind,
        evidenceRequired: node.evidenceRequired,
      });
      await insert(node.children, id);
    }
  };
  await insert(items, null);
}

/** The criteria of a set as a tree of views. */
export async function viewTree(m: EntityManager, setId: string): Promise<CriterionView[]> {
  const rows = await m.find(Criterion, { where: { setId }, order: { position: 'ASC' } });
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
