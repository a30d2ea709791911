/**
 * The criteria tree of a cluster-year: criterion → optional sub-items. Points are integer hundredths
 * (SQLite has no decimal type): 15 points = 1500.
 */
import { MeasureRule, ruleProblem } from './measure.rules';

export const CRITERION_KINDS = ['SCORED', 'BONUS', 'PENALTY'] as const;
export type CriterionKind = (typeof CRITERION_KINDS)[number];

export const CRITERION_KIND_LABELS: Record<CriterionKind, string> = {
  SCORED: 'Tiêu chí chấm điểm',
  BONUS: 'Điểm thưởng',
  PENALTY: 'Điểm trừ',
};

export interface CriterionNode {
  code: string;
  text: string;
  guidance: string | null;
  maxPoints: number; // hundredths
  kind: CriterionKind;
  evidenceRequired: boolean;
  /** How its points follow (measure.rules); absent: points as given. */
  rule?: MeasureRule;
  children: CriterionNode[];
}

export const MAX_DEPTH = 3;

export interface TreeProblem {
  field: string;
  code: string;
  message: string;
}

const points = (hundredths: number) => (hundredths / 100).toLocaleString('vi-VN', { maximumFractionDigits: 2 });

/**
 * Problems with a tree: children whose points exceed their parent's, kinds that differ from the
 * parent's, duplicate codes, depth, and scored top-level criteria that do not add up to the total.
 * `field` is the path of the offending item, e.g. "items[2].children[0].maxPoints".
 */
export function treeProblems(items: CriterionNode[], totalPoints: number): TreeProblem[] {
  const problems: TreeProblem[] = [];
  const codes = new Map<string, string>();
  const walk = (nodes: CriterionNode[], path: string, depth: number, parent: CriterionNode | null) => {
    if (depth > MAX_DEPTH) {
      problems.push({ field: path, code: 'depth', message: `Cây tiêu chí sâu tối đa ${MAX_DEPTH} cấp.` });
      return;
    }
    nodes.forEach((node, i) => {
      const here = `${path}[${i}]`;
      const seen = codes.get(node.code.toUpperCase());
      if (seen) problems.push({ field: `${here}.code`, code: 'duplicate', message: `Mã "${node.code}" đã dùng ở ${seen}.` });
      else codes.set(node.code.toUpperCase(), here);
      if (parent && node.kind !== parent.kind) {
        problems.push({ field: `${here}.kind`, code: 'kind', message: `Mục con phải cùng loại với tiêu chí ${parent.code}.` });
      }
      if (node.rule && node.rule.measure !== 'POINTS') {
        const problem = node.children.length ? `Tiêu chí ${node.code} tính từ kết quả không có mục con.` : ruleProblem({ ...node.rule, code: node.code, kind: node.kind, maxPoints: node.maxPoints });
        if (problem) problems.push({ field: `${here}.measure`, code: 'measure', message: problem });
      }
      if (node.children.length) {
        const sum = node.children.reduce((a, c) => a + c.maxPoints, 0);
        if (sum > node.maxPoints) {
          problems.push({
            field: `${here}.maxPoints`,
            code: 'childrenExceedParent',
            message: `Tổng điểm các mục con của ${node.code} (${points(sum)}) vượt điểm tối đa của tiêu chí (${points(node.maxPoints)}).`,
          });
        }
        walk(node.children, `${here}.children`, depth + 1, node);
      }
    });
  };
  walk(items, 'items', 1, null);
  const scored = items.filter((n) => n.kind === 'SCORED').reduce((a, n) => a + n.maxPoints, 0);
  if (scored !== totalPoints) {
    problems.push({
      field: 'totalPoints',
      code: 'total',
      message: `Tổng điểm tối đa các tiêu chí chấm điểm (${points(scored)}) phải bằng tổng điểm của bộ tiêu chí (${points(totalPoints)}).`,
    });
  }
  return problems;
}

/** Flattens a tree in reading order with each node's depth and parent code. */
export function flatten(items: CriterionNode[]): Array<CriterionNode & { depth: number; parentCode: string | null; position: number }> {
  const out: Array<CriterionNode & { depth: number; parentCode: string | null; position: number }> = [];
  const walk = (nodes: CriterionNode[], depth: number, parentCode: string | null) =>
    nodes.forEach((n, position) => {
      out.push({ ...n, depth, parentCode, position });
      walk(n.children, depth + 1, n.code);
    });
  walk(items, 1, null);
  return out;
}
