/**
 * The law by date, pure: which texts a document of a given date cites, the base salary and the reward
 * multiples on a decision's date, the emulation council's share on a meeting's date. Each answer picks the
 * catalogue rows in force on the date of the act (never today's, never the emulation year's).
 */
import type { LegalTextRole, LegalValueKind } from './legal.entities';

export interface Period {
  effectiveFrom: string | null;
  effectiveTo: string | null;
}

export interface CatalogueText extends Period {
  code: string;
  kind: string;
  role: LegalTextRole;
  sector: string | null;
  number: string;
  signedOn: string | null;
  title: string;
  citation: string | null;
  assumption: string | null;
}

export interface CatalogueValue extends Period {
  code: string;
  kind: LegalValueKind;
  subject: string;
  amount: number | null;
  strictlyAbove: boolean;
  quorum: number | null;
  label: string | null;
  textRef: string | null;
  article: string | null;
  sourceUrl: string | null;
  assumption: string | null;
}

/** Whether a period holds a date (YYYY-MM-DD); open ends hold every date on their side. */
export function inForce(p: Period, date: string): boolean {
  return (p.effectiveFrom === null || p.effectiveFrom <= date) && (p.effectiveTo === null || date <= p.effectiveTo);
}

const ROLE_ORDER: Record<LegalTextRole, number> = { ORGANISATION: 0, LAW: 1, DECREE: 2, CIRCULAR: 3, DIRECTIVE: 4, OTHER: 5 };

/**
 * The texts a document dated `date` of an organiser (its unit code on that date: BTTTT before 01/03/2025,
 * BKHCN after) cites as its legal bases, in the usual order: the organiser's statute (for its own decisions only),
 * the law, its decree, the sector circular. Only texts with a citation and in force on the date.
 */
export function legalBasesOn(texts: CatalogueText[], date: string, sector: string | null, opts: { statute?: boolean } = {}): CatalogueText[] {
  return texts
    .filter((t) => t.citation && inForce(t, date))
    .filter((t) => (t.role === 'CIRCULAR' || t.role === 'ORGANISATION' ? t.sector !== null && t.sector === sector : true))
    .filter((t) => t.role !== 'OTHER' && t.role !== 'DIRECTIVE' && (opts.statute || t.role !== 'ORGANISATION'))
    .sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || (a.signedOn ?? '').localeCompare(b.signedOn ?? ''));
}

/**
 * The organiser's directive on the emulation work of the year a pledge signed on `date` belongs to (e.g. Chỉ thị số
 * 67/CT-BTTTT of 27/12/2019 for 2020): catalogued from its signing to the end of the year it directs. Only a pledge
 * cites it; null when none is catalogued (the pledge then names the year's guidance in general words).
 */
export function directiveOn(texts: CatalogueText[], date: string, sector: string | null): CatalogueText | null {
  const found = texts.filter((t) => t.role === 'DIRECTIVE' && t.citation && t.sector !== null && t.sector === sector && inForce(t, date));
  return found.sort((a, b) => (b.signedOn ?? '').localeCompare(a.signedOn ?? ''))[0] ?? null;
}

/** The one value of a kind and subject in force on a date (the latest start wins if periods overlap). */
export function valueOn(values: CatalogueValue[], kind: LegalValueKind, subject: string, date: string): CatalogueValue | null {
  const found = values.filter((v) => v.kind === kind && v.subject === subject && (v.amount !== null || kind === 'STANDING_BODY') && inForce(v, date));
  return found.sort((a, b) => (b.effectiveFrom ?? '').localeCompare(a.effectiveFrom ?? ''))[0] ?? null;
}

/** Reward money is rounded up to the next ten thousand đồng. */
export function roundUpToTenThousand(vnd: number): number {
  return Math.ceil(vnd / 10_000) * 10_000;
}

export interface RewardOn {
  /** The multiple in tenths (20 = 2,0 lần). */
  multipleTenths: number;
  baseVnd: number;
  amountVnd: number;
  multiple: CatalogueValue;
  base: CatalogueValue;
  /** The reasons of the assumptions the figure rests on (none: every part has its source). */
  assumptions: string[];
}

/** The reward to a collective for an award decided on `date`: the decree's multiple × the base salary then. */
export function rewardOn(values: CatalogueValue[], award: string, date: string): RewardOn | null {
  const multiple = valueOn(values, 'REWARD_MULTIPLE', award, date);
  const base = valueOn(values, 'BASE_SALARY', '', date);
  if (!multiple || !base) return null;
  const multipleTenths = multiple.amount!;
  const baseVnd = base.amount!;
  return {
    multipleTenths,
    baseVnd,
    amountVnd: roundUpToTenThousand(Math.round((multipleTenths * baseVnd) / 10)),
    multiple,
    base,
    assumptions: [multiple.assumption, base.assumption].filter((a): a is string => !!a),
  };
}

/** The emulation council's share for an award on a meeting's date (null: the catalogue has none). */
export function councilShareOn(values: CatalogueValue[], award: string, date: string): CatalogueValue | null {
  return valueOn(values, 'COUNCIL_SHARE', award, date);
}

const vnd = (n: number) => n.toLocaleString('vi-VN');
const tenths = (n: number) => (n / 10).toLocaleString('vi-VN', { maximumFractionDigits: 1 });

/**
 * The reward as a decision prints it: "8 lần mức lương cơ sở (11.920.000 đồng)", with where each figure comes
 * from. A figure that rests on an assumption is not printed as law: the line then says the amount follows the
 * decree in force and that the catalogue has not confirmed it.
 */
export function rewardText(reward: RewardOn | null): string {
  if (!reward) return 'Mức tiền thưởng theo quy định hiện hành.';
  const decree = reward.multiple.textRef ?? 'nghị định hiện hành';
  // A figure resting on an assumption is not printed: the decision refers to the decree (the catalogue marks why).
  if (reward.assumptions.length) return `Mức tiền thưởng theo quy định tại Nghị định ${decree.replace(/^Nghị định /, '')}.`;
  const where = [reward.multiple.article, `Nghị định ${decree.replace(/^Nghị định /, '')}`].filter(Boolean).join(' ');
  return `Kèm theo tiền thưởng ${tenths(reward.multipleTenths)} lần mức lương cơ sở (${vnd(reward.amountVnd)} đồng/tập thể; ${where}; mức lương cơ sở ${vnd(reward.baseVnd)} đồng theo ${reward.base.textRef}).`;
}
