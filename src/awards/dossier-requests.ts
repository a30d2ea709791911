import type { DossierDocumentData } from '../documents/pdf/dossier.pdf';
import type { ElectronicRecord } from '../documents/pdf/electronic-record';
import type { IssueRequest } from '../issued-documents/issued-documents.service';
import { contentKeyOf } from './content-numbers';

/** What a dossier document is without its number: its date, organiser, texts, units and words. */
export type DossierDraft = Omit<DossierDocumentData, 'documentId' | 'verifyUrl' | 'number'>;

/** The register's request for a dossier document (Tờ trình or list) of the meeting's cluster, signed in its name. */
export function dossierIssueRequest(
  kind: 'SUBMISSION' | 'LIST',
  title: string,
  content: Omit<DossierDocumentData, 'documentId' | 'verifyUrl'>,
  record: ElectronicRecord,
  state: { cluster: { id: string; name: string }; meeting: { id: string; version: number } },
  render: (id: string, url: string) => Promise<Buffer>,
): IssueRequest {
  return {
    kind,
    clusterId: state.cluster.id,
    year: content.year,
    sourceId: state.meeting.id,
    sourceVersion: state.meeting.version,
    contentKey: contentKeyOf(kind, content),
    title,
    statusLabel: `Số ${content.number}`,
    signature: { name: state.cluster.name, reason: title, location: content.place },
    record,
    render,
    // The list prints the Tờ trình's number and no number of its own.
    oneTextPerNumber: kind === 'SUBMISSION',
  };
}

/** When the cluster last sent (or sent again) one of these proposals, or null. */
export function lastSending(proposals: ReadonlyArray<{ status: string; submittedAt: string | null }>): string | null {
  return (
    proposals
      .filter((x) => x.status !== 'DRAFT' && x.submittedAt)
      .map((x) => x.submittedAt!)
      .sort()
      .at(-1) ?? null
  );
}
