import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { ClustersRepository } from '../clusters/clusters.repository';
import { UnitOfWork } from '../database/unit-of-work';
import { IssuedDocumentsRepository } from './issued-documents.repository';

/** Allocates "01/BB-CTĐ6"-style numbers: per issuer, per year and per type, from 01; kept per document. */
@Injectable()
export class DocumentNumbersService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly documents: IssuedDocumentsRepository,
    private readonly audit: AuditService,
    private readonly clusters: ClustersRepository,
  ) {}

  /** The number of this document, allocating the next one on first use. */
  async numberFor(issuerId: string, issuerCode: string, year: number, typeCode: string, sourceId: string): Promise<string> {
    const seq = await this.uow.write(async (m) => {
      const given = await this.documents.numberOf(m, sourceId, typeCode);
      if (given !== null) return given;
      const next = await this.documents.allocateNumber(m, issuerId, year, typeCode, sourceId);
      // The register changes: audited, under the cluster that numbers it (and its organiser), or the organiser itself.
      const cluster = await this.clusters.find(m, issuerId);
      const number = formatNumber(next, typeCode, issuerCode);
      await this.audit.record(m, { action: 'document.number', entityType: 'document_number', entityId: `${issuerId}:${year}:${typeCode}:${next}`, after: { number, year, sourceId }, organizerId: cluster?.organizerId ?? issuerId, clusterId: cluster ? issuerId : null });
      return next;
    });
    return formatNumber(seq, typeCode, issuerCode);
  }

  /** The number this document was given, or null: nothing is allocated (a working copy that is not issued). */
  async existing(issuerCode: string, typeCode: string, sourceId: string): Promise<string | null> {
    const seq = await this.uow.read((m) => this.documents.numberOf(m, sourceId, typeCode));
    return seq === null ? null : formatNumber(seq, typeCode, issuerCode);
  }
}

/** The number's blank on a draft, filled in when the document is issued: "     /TTr-CTĐ6". */
export function blankNumber(typeCode: string, issuerCode: string): string {
  return `${'\u00a0'.repeat(8)}/${typeCode}-${issuerCode}`;
}

function formatNumber(seq: number, typeCode: string, issuerCode: string): string {
  return `${String(seq).padStart(2, '0')}/${typeCode}-${issuerCode}`;
}
