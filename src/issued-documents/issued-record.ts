import type { ElectronicRecord } from '../documents/pdf/electronic-record';
import type { IssuedDocument } from './issued-document.entity';

export interface RegisteredRecord extends ElectronicRecord {
  pageCount: number | null;
}

/** The Decree 30 Appendix VI information of an issued file, as the register's columns keep it. */
export function recordColumns(r: ElectronicRecord, pageCount: number): Pick<IssuedDocument, 'issuerCode' | 'documentNumber' | 'documentDate' | 'documentType' | 'summary' | 'pageCount' | 'signerPosition' | 'signerName' | 'recipients'> {
  return {
    issuerCode: r.issuerCode,
    documentNumber: r.number,
    documentDate: r.date,
    documentType: r.type,
    summary: r.summary,
    pageCount,
    signerPosition: r.signerPosition,
    signerName: r.signerName,
    recipients: JSON.stringify(r.recipients),
  };
}

/** The register's columns read back as the record; null for a document issued before the record was kept. */
export function registeredRecord(doc: IssuedDocument): RegisteredRecord | null {
  if (doc.documentType === null || doc.documentType === undefined) return null;
  return {
    issuerCode: doc.issuerCode,
    number: doc.documentNumber,
    date: doc.documentDate,
    type: doc.documentType,
    summary: doc.summary,
    pageCount: doc.pageCount,
    signerPosition: doc.signerPosition,
    signerName: doc.signerName,
    recipients: doc.recipients ? (JSON.parse(doc.recipients) as string[]) : [],
  };
}
