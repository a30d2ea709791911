import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { canonicalJson } from '../audit/audit-chain';
import { UnitOfWork } from '../database/unit-of-work';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-codes';
import { LAYOUT_VERSION } from '../documents/pdf/decree30';
import { DocumentNumbersService } from '../issued-documents/document-numbers.service';
import { IssuedDocumentsService, NumberTaken } from '../issued-documents/issued-documents.service';

/** The key of a document's content in the register (the same content, the same document). */
export function contentKeyOf(kind: string, content: object): string {
  return createHash('sha256').update(canonicalJson({ kind, layout: LAYOUT_VERSION, ...content })).digest('hex');
}

/** A stable id (UUID-shaped, as the number register keeps its sources) made of a source id and a qualifier. */
export function derivedId(sourceId: string, qualifier: string): string {
  const h = createHash('sha256').update(`${sourceId}|${qualifier}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** What a numbered document is: its source's number key, its kind and date, and its content without the number. */
export interface NumberedDraft {
  issuer: { id: string; documentCode: string };
  /** The number series: "TTr", "BB". */
  typeCode: string;
  kind: string;
  /** The register's source of the document (the meeting). */
  sourceId: string;
  /** The key of the source's number (the meeting, or the meeting and the date). */
  key: string;
  date: string;
  content: object;
}

/**
 * One number per document: the source's number for its first document; a document of the same source and date with
 * other words (a dossier that changed, minutes redrawn before sending) is another document with a number of its
 * own, never the number of a document already issued. `allocate` false: the number it has, or null (a working copy).
 */
@Injectable()
export class ContentNumbers {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly numbers: DocumentNumbersService,
    private readonly documents: IssuedDocumentsService,
  ) {}

  numberFor(d: NumberedDraft, allocate: true): Promise<string>;
  numberFor(d: NumberedDraft, allocate: boolean): Promise<string | null>;
  async numberFor(d: NumberedDraft, allocate: boolean): Promise<string | null> {
    const year = Number(d.date.slice(0, 4));
    const numberOf = (key: string) => (allocate ? this.numbers.numberFor(d.issuer.id, d.issuer.documentCode, year, d.typeCode, key) : this.numbers.existing(d.issuer.documentCode, d.typeCode, key));
    const first = await numberOf(d.key);
    if (first === null) return null;
    const taken = !(await this.issuedAs(d.kind, d.sourceId, d.content, first)) && (await this.uow.read((m) => this.documents.numberUsed(m, { sourceId: d.sourceId, kind: d.kind, documentNumber: first, documentDate: d.date })));
    return taken ? numberOf(derivedId(d.key, contentKeyOf(d.kind, d.content))) : first;
  }

  /** Whether these words were issued under this number (the document already issued), by the source. */
  async issuedAs(kind: string, sourceId: string, content: object, number: string): Promise<boolean> {
    return !!(await this.uow.read((m) => this.documents.issuedWith(m, sourceId, contentKeyOf(kind, { ...content, number }))));
  }

  /**
   * Issues a numbered document: `attempt` takes its number (numberFor) and issues it. Another text issued under that
   * number at the same moment (two sendings at once) refuses it (NumberTaken): it is taken again, now another number.
   */
  async issuing<T>(attempt: () => Promise<T>): Promise<T> {
    for (let tries = 1; ; tries++) {
      try {
        return await attempt();
      } catch (error) {
        if (!(error instanceof NumberTaken)) throw error;
        // Three sendings at once are not expected: the caller tries again (a 409, not a failure of the server).
        if (tries >= 3) throw new AppException(ErrorCode.VersionConflict, `Số ${error.documentNumber} vừa được dùng cho một văn bản khác ban hành cùng lúc: vui lòng thử lại.`);
      }
    }
  }
}
