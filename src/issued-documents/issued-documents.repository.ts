import { Injectable } from '@nestjs/common';
import { EntityManager, LessThanOrEqual, Not } from 'typeorm';
import { nowIso } from '../common/time';
import { rawQuery } from '../database/raw-sql';
import { DocumentNumber } from './document-number.entity';
import { IssuedDocument } from './issued-document.entity';

/** PostgreSQL advisory-lock key: serialises the allocation of document numbers. */
const PG_NUMBERS_LOCK_KEY = 7_346_002;
/** PostgreSQL advisory-lock class (two-key form, the source's hash the second key): one text per number of a source. */
const PG_SOURCE_NUMBERS_LOCK_CLASS = 7_346_003;

/** The register of issued documents and the document numbers: their queries and writes. */
@Injectable()
export class IssuedDocumentsRepository {
  /** The document issued for this content of this source, or null. */
  byContent(m: EntityManager, sourceId: string, contentKey: string): Promise<IssuedDocument | null> {
    return m.findOne(IssuedDocument, { where: { sourceId, contentKey } });
  }

  /**
   * The latest issued document of a kind for a cluster and year (or an organiser's), dated on or before `onOrBefore`
   * when given (a decision cites the submissions that existed on its date), or null.
   */
  latest(m: EntityManager, q: { kind: string; year: number; clusterId?: string; organizerId?: string; onOrBefore?: string }): Promise<IssuedDocument | null> {
    const where = {
      kind: q.kind,
      year: q.year,
      ...(q.clusterId ? { clusterId: q.clusterId } : { organizerId: q.organizerId }),
      ...(q.onOrBefore ? { documentDate: LessThanOrEqual(q.onOrBefore) } : {}),
    };
    return m.findOne(IssuedDocument, { where, order: { documentDate: 'DESC', issuedAt: 'DESC' } });
  }

  find(m: EntityManager, id: string): Promise<IssuedDocument | null> {
    return m.findOne(IssuedDocument, { where: { id } });
  }

  /** The issued document whose file has this SHA-256, or null. */
  bySha256(m: EntityManager, sha256: string): Promise<IssuedDocument | null> {
    return m.findOne(IssuedDocument, { where: { sha256 } });
  }

  async insert(m: EntityManager, document: IssuedDocument): Promise<void> {
    await m.insert(IssuedDocument, document);
  }

  /**
   * Whether a text other than `contentKey` is issued under this number and date for the source (one number, one
   * text). On PostgreSQL it holds the source's numbers until commit, so that two texts issued at once cannot both
   * pass (SQLite's writes are one at a time).
   */
  async numberTakenByOther(m: EntityManager, q: { sourceId: string; kind: string; documentNumber: string; documentDate: string; contentKey: string }): Promise<boolean> {
    if (m.connection.options.type !== 'better-sqlite3') await m.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [PG_SOURCE_NUMBERS_LOCK_CLASS, q.sourceId]);
    return m.exists(IssuedDocument, { where: { sourceId: q.sourceId, kind: q.kind, documentNumber: q.documentNumber, documentDate: q.documentDate, contentKey: Not(q.contentKey) } });
  }

  /** The sequence number a document (source) was given for this type, or null. */
  async numberOf(m: EntityManager, sourceId: string, typeCode: string): Promise<number | null> {
    return (await m.findOne(DocumentNumber, { where: { sourceId, typeCode } }))?.seq ?? null;
  }

  /** Gives the source the next number of its issuer, year and type (from 1); answers it. */
  async allocateNumber(m: EntityManager, issuerId: string, year: number, typeCode: string, sourceId: string): Promise<number> {
    if (m.connection.options.type !== 'better-sqlite3') await m.query('SELECT pg_advisory_xact_lock($1)', [PG_NUMBERS_LOCK_KEY]);
    const [row] = await rawQuery<{ last: number | string }>(m, 'SELECT COALESCE(MAX(seq), 0) AS last FROM document_numbers WHERE issuer_id = ? AND year = ? AND type_code = ?', [issuerId, year, typeCode]);
    const seq = Number(row.last) + 1;
    await m.insert(DocumentNumber, { issuerId, year, typeCode, seq, sourceId, createdAt: nowIso() });
    return seq;
  }
}
