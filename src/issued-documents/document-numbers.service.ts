import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { nowIso } from '../common/time';
import { UnitOfWork } from '../database/unit-of-work';
import { DocumentNumber } from './document-number.entity';

/** Allocates "01/BB-CTĐ6"-style numbers: per issuer, per year and per type, from 01; kept per document. */
@Injectable()
export class DocumentNumbersService {
  constructor(private readonly uow: UnitOfWork) {}

  /** The number of this document, allocating the next one on first use. */
  async numberFor(issuerId: string, issuerCode: string, year: number, typeCode: string, sourceId: string): Promise<string> {
    const seq = await this.uow.write((m) => this.allocate(m, issuerId, year, typeCode, sourceId));
    return `${String(seq).padStart(2, '0')}/${typeCode}-${issuerCode}`;
  }

  private async allocate(m: EntityManager, issuerId: string, year: number, typeCode: string, sourceId: string): Promise<number> {
    const existing = await m.findOne(DocumentNumber, { where: { sourceId, typeCode } });
    if (existing) return existing.seq;
    if (!this.uow.isSqlite) await m.query('SELECT pg_advisory_xact_lock($1)', [7_346_002]);
    const [row] = await m.query(
      this.uow.isSqlite
        ? 'SELECT COALESCE(MAX(seq), 0) AS last FROM document_numbers WHERE issuer_id = ? AND year = ? AND type_code = ?'
        : 'SELECT COALESCE(MAX(seq), 0) AS last FROM document_numbers WHERE issuer_id = $1 AND year = $2 AND type_code = $3',
      [issuerId, year, typeCode],
    );
    const seq = Number(row.last) + 1;
    await m.insert(DocumentNumber, { issuerId, year, typeCode, seq, sourceId, createdAt: nowIso() });
    return seq;
  }
}
