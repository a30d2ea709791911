import { loadReferenceData } from '../database/seed/reference-data';
import type { CriterionNode } from './criteria.rules';

/** A template of criteria (mẫu bộ tiêu chí) a year's set can start from: the sets recorded in the reference data. */
export interface CriteriaTemplate {
  code: string;
  title: string;
  criteriaCount: number;
  /** Points, not hundredths. */
  totalPoints: number;
  /** The first year it is offered for (a template written for the organisations of a later period), or null. */
  fromYear: number | null;
  items: CriterionNode[];
}

/** Every template, by code. */
export function criteriaTemplates(): CriteriaTemplate[] {
  return Object.entries(loadReferenceData().criteriaTemplates)
    .map(([code, t]) => {
      const items: CriterionNode[] = t.criteria.map((c) => ({
        code: c.code,
        text: c.text,
        guidance: null,
        maxPoints: Math.round(c.maxPoints * 100),
        kind: 'SCORED',
        evidenceRequired: true,
        children: [],
      }));
      return { code, title: t.title, fromYear: t.fromYear ?? null, criteriaCount: items.length, totalPoints: items.reduce((a, n) => a + n.maxPoints, 0) / 100, items };
    })
    .sort((a, b) => a.code.localeCompare(b.code));
}

/** The templates offered for a year's set: those written for that year's period. */
export function criteriaTemplatesFor(year: number): CriteriaTemplate[] {
  return criteriaTemplates().filter((t) => t.fromYear === null || year >= t.fromYear);
}

/** One template, or null when none has that code. */
export function criteriaTemplate(code: string): CriteriaTemplate | null {
  return criteriaTemplates().find((t) => t.code === code) ?? null;
}
