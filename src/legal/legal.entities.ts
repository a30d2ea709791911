import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * What a legal text is to the documents that cite it: the law, its decree, a sector circular, a ministry's statute, the
 * organiser's directive on a year's emulation work (cited by that year's pledge).
 */
export const LEGAL_TEXT_ROLES = ['LAW', 'DECREE', 'CIRCULAR', 'ORGANISATION', 'DIRECTIVE', 'OTHER'] as const;
export type LegalTextRole = (typeof LEGAL_TEXT_ROLES)[number];

/**
 * A text of the legal catalogue (luật, nghị định, thông tư…) with its number, dates, issuer, exact title and
 * effective period. `citation` is the exact "Căn cứ …;" line documents print for it (none: never cited).
 * Each row carries its source, or an assumption with the reason.
 */
@Entity('legal_texts')
export class LegalText {
  @PrimaryColumn('varchar', { length: 36 }) id: string;
  @Index('ux_legal_texts_code', { unique: true })
  @Column('varchar', { length: 40 })
  code: string;
  @Column('varchar', { length: 40 }) kind: string;
  @Column('varchar', { length: 20 }) role: LegalTextRole;
  /** The organiser (unit code) a sector circular or statute belongs to; null for national texts. */
  @Column('varchar', { length: 40, nullable: true }) sector: string | null;
  @Column('varchar', { length: 60 }) number: string;
  @Column('varchar', { name: 'signed_on', length: 10, nullable: true }) signedOn: string | null;
  @Column('varchar', { length: 200 }) issuer: string;
  @Column('varchar', { length: 500 }) title: string;
  @Column('varchar', { name: 'effective_from', length: 10, nullable: true }) effectiveFrom: string | null;
  @Column('varchar', { name: 'effective_to', length: 10, nullable: true }) effectiveTo: string | null;
  @Column('varchar', { length: 800, nullable: true }) citation: string | null;
  @Column('varchar', { name: 'source_url', length: 500, nullable: true }) sourceUrl: string | null;
  @Column('varchar', { name: 'source_article', length: 300, nullable: true }) sourceArticle: string | null;
  @Column('varchar', { length: 800, nullable: true }) assumption: string | null;
  @Column('integer') version: number;
  @Column('varchar', { name: 'created_at', length: 30 }) createdAt: string;
  @Column('varchar', { name: 'updated_at', length: 30 }) updatedAt: string;
}

/**
 * BASE_SALARY: mức lương cơ sở (amount in đồng); REWARD_MULTIPLE: the reward of an award to a collective as a
 * multiple of it (amount in tenths); COUNCIL_SHARE: the share of ALL members of the emulation council needed for
 * an award (amount in basis points; who votes in `label`); STANDING_BODY: the body that handles emulation at an
 * organiser (its name in `label`); WOMEN_PREFERENCE: between equally qualified award candidates, prefer collectives
 * with at least this share of women (amount in basis points), applied only when its source is confirmed;
 * DOSSIER_REPORT: the dossier proposing an award (the subject) must carry each proposed unit's achievement report
 * (amount 1; 0 where a period does not require it).
 */
export const LEGAL_VALUE_KINDS = ['BASE_SALARY', 'REWARD_MULTIPLE', 'COUNCIL_SHARE', 'STANDING_BODY', 'WOMEN_PREFERENCE', 'DOSSIER_REPORT'] as const;
export type LegalValueKind = (typeof LEGAL_VALUE_KINDS)[number];

/** A figure of the law by period, with the text and article it comes from, or an assumption with the reason. */
@Entity('legal_values')
export class LegalValue {
  @PrimaryColumn('varchar', { length: 36 }) id: string;
  @Index('ux_legal_values_code', { unique: true })
  @Column('varchar', { length: 60 })
  code: string;
  @Column('varchar', { length: 30 }) kind: LegalValueKind;
  /** '' for the base salary; an award code; an organiser's unit code. */
  @Column('varchar', { length: 40 }) subject: string;
  @Column('varchar', { name: 'effective_from', length: 10, nullable: true }) effectiveFrom: string | null;
  @Column('varchar', { name: 'effective_to', length: 10, nullable: true }) effectiveTo: string | null;
  @Column('integer', { nullable: true }) amount: number | null;
  /** COUNCIL_SHARE: the share must be exceeded ("trên") rather than reached ("từ … trở lên"). */
  @Column('boolean', { name: 'strictly_above' }) strictlyAbove: boolean;
  /** COUNCIL_SHARE: the quorum (basis points of all members present), when the text sets one. */
  @Column('integer', { name: 'quorum', nullable: true }) quorum: number | null;
  @Column('varchar', { length: 300, nullable: true }) label: string | null;
  /** The code of the legal text the value comes from (legal_texts.code), or of a text not in the catalogue. */
  @Column('varchar', { name: 'text_ref', length: 120, nullable: true }) textRef: string | null;
  @Column('varchar', { length: 200, nullable: true }) article: string | null;
  @Column('varchar', { name: 'source_url', length: 500, nullable: true }) sourceUrl: string | null;
  @Column('varchar', { length: 800, nullable: true }) assumption: string | null;
  @Column('integer') version: number;
  @Column('varchar', { name: 'created_at', length: 30 }) createdAt: string;
  @Column('varchar', { name: 'updated_at', length: 30 }) updatedAt: string;
}
