import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../database/unit-of-work';
import { IssuedDocumentsRepository } from './issued-documents.repository';

/** Allocates "01/BB-CTĐ6"-style numbers: per issuer, per year and per type, from 01; kept per document. */
@Injectable()
export class DocumentNumbersService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly documents: IssuedDocumentsRepository,
  ) {}

  /** The number of this document, allocating the next one on first use. */
  async numberFor(issuerId: string, issuerCode: string, year: number, typeCode: string, sourceId: string): Promise<string> {
    const seq = await this.uow.write(async (m) => (await this.documents.numberOf(m, sourceId, typeCode)) ?? this.documents.allocateNumber(m, issuerId, year, typeCode, sourceId));
    return `${String(seq).padStart(2, '0')}/${typeCode}-${issuerCode}`;
  }
}
