import { Injectable } from '@nestjs/common';
import { AccessService } from '../access/access.service';
import { Permission } from '../access/access.policy';
import type { Principal } from '../common/auth/principal';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-codes';
import { formatDateVi } from '../common/time';
import { UnitOfWork } from '../database/unit-of-work';
import { IssuedDocumentsService } from '../issued-documents/issued-documents.service';
import { In, IsNull, Not } from 'typeorm';
import { IssuedDocument } from '../issued-documents/issued-document.entity';
import { AwardProposal } from './award-proposal.entities';

/** An issued document's file as stored. */
export interface IssuedCopy {
  fileName: string;
  content: Buffer;
  documentId: string;
}

/** A document the cluster issues for its review: the minutes, the Tờ trình, the list of proposed units. */
export interface ClusterDocumentKind {
  kind: 'MINUTES' | 'SUBMISSION' | 'LIST';
  /** What it is called in a sentence: "biên bản hội nghị bình xét". */
  what: string;
  fileName: (year: number, documentCode: string) => string;
}

export const MINUTES_DOC: ClusterDocumentKind = { kind: 'MINUTES', what: 'biên bản hội nghị bình xét', fileName: (y, c) => `Bien-ban-binh-xet-${y}-${c}.pdf` };
export const SUBMISSION_DOC: ClusterDocumentKind = { kind: 'SUBMISSION', what: 'tờ trình khen thưởng', fileName: (y, c) => `To-trinh-khen-thuong-${y}-${c}.pdf` };
export const LIST_DOC: ClusterDocumentKind = { kind: 'LIST', what: 'danh sách đề nghị khen thưởng', fileName: (y, c) => `Danh-sach-de-nghi-${y}-${c}.pdf` };

/**
 * What a download of a cluster document gives: the copy as issued; or for the secretariat, a draft (nothing sent
 * yet: nothing is issued, numbered or signed before the cluster sends its proposals) or a document it issues (sent,
 * with none issued for the date it gives: a year re-entered after it passed, say).
 */
export type ClusterCopy = { copy: IssuedCopy } | { secretariat: 'DRAFT' | 'ISSUE' };

/**
 * The cluster's documents as it issued them, for whoever does not issue them (a ministry reviewer, a member unit):
 * the one of `issuedOn`, else the latest; never a new issue in the reader's name or from the cluster's number series.
 * The cluster's secretariat (or an administrator acting for it) issues them (see `issued`).
 */
@Injectable()
export class ClusterDocumentCopies {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AccessService,
    private readonly documents: IssuedDocumentsService,
  ) {}

  /**
   * The copy to read; and for the secretariat too once the cluster has sent its proposals: what went to the organiser
   * stands as issued, the latest or the one of the date asked for (a unit the ministry rejected later, say, does not
   * rewrite it). Before sending the secretariat drafts; for a date with nothing issued after sending, it issues.
   */
  async issued(p: Principal, clusterId: string, year: number, doc: ClusterDocumentKind, issuedOn?: string): Promise<ClusterCopy> {
    const found = await this.uow.read(async (m): Promise<{ issued: IssuedDocument; code: string } | { secretariat: 'DRAFT' | 'ISSUE' }> => {
      const cluster = await this.access.require(m, p, Permission.ClusterRead, clusterId);
      if (await this.access.can(m, p, Permission.AwardsManage, clusterId, year, cluster)) {
        if (!(await m.exists(AwardProposal, { where: { clusterId, year, status: Not('DRAFT') } }))) return { secretariat: 'DRAFT' };
        const issued = await this.documents.latestIssued(m, { kind: doc.kind, year, clusterId, onOrBefore: issuedOn });
        return issued && (!issuedOn || issued.documentDate === issuedOn) ? { issued, code: cluster.documentCode } : { secretariat: 'ISSUE' };
      }
      const issued = await this.documents.latestIssued(m, { kind: doc.kind, year, clusterId, onOrBefore: issuedOn });
      if (!issued || (issuedOn && issued.documentDate !== issuedOn)) {
        throw new AppException(ErrorCode.NotFound, `${cluster.name} chưa ban hành ${doc.what} năm ${year}${issuedOn ? ` ngày ${formatDateVi(issuedOn)}` : ''}: cụm ban hành khi gửi đề nghị khen thưởng.`, [
          { field: issuedOn ? 'issuedOn' : 'year', message: `Chưa có ${doc.what} đã ban hành.` },
        ]);
      }
      return { issued, code: cluster.documentCode };
    });
    if ('secretariat' in found) return found;
    return { copy: { fileName: doc.fileName(year, found.code), content: await this.documents.readStored(found.issued), documentId: found.issued.id } };
  }

  /**
   * The Tờ trình (number, date) each proposal was last sent with, as recorded when it was issued (DossierService.link),
   * for the proposals among these of clusters the caller may read. The reviewer's pages show it where its date is not
   * the day the sending was recorded (a year re-entered after it passed).
   */
  submissionsOf(p: Principal, proposals: ReadonlyArray<{ id: string; clusterId: string }>): Promise<Map<string, { number: string | null; date: string | null }>> {
    return this.uow.read(async (m) => {
      const readable = new Set<string>();
      for (const clusterId of new Set(proposals.map((x) => x.clusterId))) if (await this.access.can(m, p, Permission.ClusterRead, clusterId)) readable.add(clusterId);
      const ids = proposals.filter((x) => readable.has(x.clusterId)).map((x) => x.id);
      const links = ids.length ? await m.find(AwardProposal, { select: { id: true, submissionDocumentId: true }, where: { id: In(ids), submissionDocumentId: Not(IsNull()) } }) : [];
      const docs = links.length ? await m.find(IssuedDocument, { where: { id: In(links.map((x) => x.submissionDocumentId!)) } }) : [];
      const byId = new Map(docs.map((d) => [d.id, { number: d.documentNumber, date: d.documentDate }]));
      return new Map(links.filter((x) => byId.has(x.submissionDocumentId!)).map((x) => [x.id, byId.get(x.submissionDocumentId!)!]));
    });
  }

  /** Which of the cluster's review documents of the year were issued (the reviewer's dossier page frames only those). */
  issuedKinds(clusterId: string, year: number): Promise<Set<string>> {
    return this.uow.read(async (m) => {
      const kinds: Array<string | null> = await Promise.all([MINUTES_DOC, SUBMISSION_DOC, LIST_DOC].map(async (d) => ((await this.documents.latestIssued(m, { kind: d.kind, year, clusterId })) ? d.kind : null)));
      return new Set(kinds.filter((k): k is string => k !== null));
    });
  }
}
