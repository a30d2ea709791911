import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { join } from 'node:path';
import { AuditService } from '../audit/audit.service';
import { sha256Hex } from '../common/durable-file';
import { FileStore } from '../database/file-store';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-codes';
import { currentActor } from '../common/request-context';
import { nowIso } from '../common/time';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.tokens';
import { ClustersRepository } from '../clusters/clusters.repository';
import { clusterTagOf } from '../clusters/cluster-tag';
import { UnitOfWork } from '../database/unit-of-work';
import { IssuedDocument } from './issued-document.entity';
import { IssuedDocumentsRepository } from './issued-documents.repository';
import { SignatureMeta, SigningService } from '../documents/signing/signing.service';
import { ElectronicRecord, countPdfPages } from '../documents/pdf/electronic-record';
import { RegisteredRecord, recordColumns, registeredRecord } from './issued-record';
import { SignedPledgeRevision, SignedPledgeRevisions } from './signed-pledge-revisions';

export interface IssueRequest {
  kind: string;
  /** The issuing cluster; null for a document of the organiser itself (then organizerId and issuerName say who). */
  clusterId: string | null;
  organizerId?: string;
  /** The issuing body as the document names it; by default the cluster's name. */
  issuerName?: string;
  year: number;
  sourceId: string;
  sourceVersion: number;
  /** SHA-256 of everything the document shows. */
  contentKey: string;
  title: string;
  statusLabel: string;
  signature: SignatureMeta;
  /** The Decree 30 Appendix VI information the document prints (the same the renderer writes into the PDF). */
  record: ElectronicRecord;
  /** Renders the unsigned PDF; receives the id and the verification address printed in it. */
  render: (documentId: string, verifyUrl: string) => Promise<Buffer>;
  /** The number and date carry one text: another text already issued under them refuses this one (NumberTaken). */
  oneTextPerNumber?: boolean;
}

/** Another text was issued under the number at the same moment: the caller takes the number again (the next one). */
export class NumberTaken extends Error {
  constructor(readonly documentNumber: string) {
    super(`Another text was issued under ${documentNumber} meanwhile.`);
  }
}

export interface VerificationResult {
  /** The file is exactly one the system issued. */
  intact: boolean;
  /** The issued document the file is, or claims to be. */
  document: DocumentInfo | null;
  sha256: string;
  message: string;
}

export interface DocumentInfo {
  id: string;
  kind: string;
  title: string;
  statusLabel: string;
  clusterName: string;
  year: number;
  sourceVersion: number;
  sha256: string;
  sizeBytes: number;
  issuedAt: string;
  verifyUrl: string;
  /** The Decree 30 Appendix VI information kept in the register; null for a document issued before it was kept. */
  record: RegisteredRecord | null;
}

/**
 * The register of issued files: renders, signs, stores under data/documents/ and records the SHA-256.
 * Rendering and signing happen outside any transaction; the record is written in one.
 */
@Injectable()
export class IssuedDocumentsService {
  private readonly logger = new Logger(IssuedDocumentsService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly uow: UnitOfWork,
    private readonly signing: SigningService,
    private readonly audit: AuditService,
    private readonly register: IssuedDocumentsRepository,
    private readonly clusters: ClustersRepository,
    private readonly files: FileStore,
    private readonly pledgeRevisions: SignedPledgeRevisions,
  ) {}

  /** The number and date of the latest document of a kind issued for a cluster (or an organiser) and year, or null. */
  latestIssued(m: EntityManager, q: { kind: string; year: number; clusterId?: string; organizerId?: string; onOrBefore?: string }): Promise<IssuedDocument | null> {
    return this.register.latest(m, q);
  }

  /** The document issued from this source with this content, or null. */
  issuedWith(m: EntityManager, sourceId: string, contentKey: string): Promise<IssuedDocument | null> {
    return this.register.byContent(m, sourceId, contentKey);
  }

  /** Whether a document of this source was issued under this number and date (with whatever content). */
  numberUsed(m: EntityManager, q: { sourceId: string; kind: string; documentNumber: string; documentDate: string }): Promise<boolean> {
    return m.exists(IssuedDocument, { where: q });
  }

  /** The address printed under each page and in the QR code: the document's page, which a person reads (no JSON). */
  verifyUrl(documentId: string): string {
    return `${this.config.publicBaseUrl}/xac-thuc/${documentId}`;
  }

  /** The issued file for this content, issuing it if the content has not been issued before. */
  async issue(req: IssueRequest): Promise<{ document: IssuedDocument; content: Buffer }> {
    const existing = await this.uow.read((m) => this.register.byContent(m, req.sourceId, req.contentKey));
    if (existing) return { document: existing, content: await this.readStored(existing) };

    const id = randomUUID();
    const unsigned = await req.render(id, this.verifyUrl(id));
    const content = await this.signing.sign(unsigned, req.signature);
    const hash = sha256Hex(content);
    const relative = join('documents', String(req.year), `${id}.pdf`);
    await this.files.put(relative, content);
    const cluster = req.clusterId ? await this.uow.read((m) => this.clusters.find(m, req.clusterId!)) : null;
    const document: IssuedDocument = {
      id,
      kind: req.kind,
      clusterId: req.clusterId,
      organizerId: cluster?.organizerId ?? req.organizerId ?? null,
      issuerName: req.issuerName ?? cluster?.name ?? null,
      year: req.year,
      sourceId: req.sourceId,
      sourceVersion: req.sourceVersion,
      contentKey: req.contentKey,
      title: req.title,
      statusLabel: req.statusLabel,
      sha256: hash,
      sizeBytes: content.length,
      filePath: relative,
      issuedAt: nowIso(),
      issuedBy: currentActor().username,
      ...recordColumns(req.record, countPdfPages(content)),
    };
    try {
      await this.uow.write(async (m) => {
        const { documentNumber, documentDate } = document;
        if (req.oneTextPerNumber && documentNumber && documentDate && (await this.register.numberTakenByOther(m, { sourceId: req.sourceId, kind: req.kind, documentNumber, documentDate, contentKey: req.contentKey }))) {
          throw new NumberTaken(documentNumber);
        }
        await this.register.insert(m, document);
        await this.audit.record(m, {
          action: 'document.issue',
          entityType: 'issued_document',
          entityId: id,
          after: { kind: req.kind, title: req.title, statusLabel: req.statusLabel, sha256: hash, sourceId: req.sourceId, sourceVersion: req.sourceVersion },
          organizerId: document.organizerId,
          clusterId: req.clusterId,
        });
      });
    } catch (error) {
      await this.files.remove(relative);
      // Issued at the same moment by another request: use that one.
      const winner = await this.uow.read((m) => this.register.byContent(m, req.sourceId, req.contentKey));
      if (winner) return { document: winner, content: await this.readStored(winner) };
      throw error;
    }
    return { document, content };
  }

  /** Checks an uploaded file: intact when its SHA-256 is one the system issued. */
  async verifyFile(bytes: Buffer): Promise<VerificationResult> {
    if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') {
      throw AppException.field(ErrorCode.InvalidFile, 'file', 'Tệp gửi lên không phải là tệp PDF.');
    }
    const hash = sha256Hex(bytes);
    const exact = await this.bySha(hash);
    if (exact) return { intact: true, document: exact, sha256: hash, message: intactMessage(exact) };
    const claimed = /thidua-doc:([0-9a-f-]{36})/.exec(bytes.toString('latin1'))?.[1];
    const revision = claimed ? await this.pledgeRevisions.find(claimed, hash) : null;
    if (revision) return signedRevisionResult(revision, hash, bytes.length, this.config.publicBaseUrl);
    const claimedDoc = claimed ? await this.info(claimed) : null;
    return {
      intact: false,
      document: claimedDoc,
      sha256: hash,
      message: claimedDoc
        ? `Tệp ghi là "${claimedDoc.title}" (mã ${claimedDoc.id}) nhưng nội dung đã bị thay đổi so với bản hệ thống phát hành.`
        : 'Không có tài liệu nào do hệ thống phát hành khớp với tệp này.',
    };
  }

  async verifyHash(hash: string): Promise<VerificationResult> {
    const doc = await this.bySha(hash.toLowerCase());
    return doc
      ? { intact: true, document: doc, sha256: hash.toLowerCase(), message: intactMessage(doc) }
      : { intact: false, document: null, sha256: hash.toLowerCase(), message: 'Không có tài liệu nào do hệ thống phát hành có mã băm này.' };
  }

  async info(id: string): Promise<DocumentInfo | null> {
    return this.uow.read(async (m) => {
      const doc = await this.register.find(m, id);
      return doc ? this.toInfo(m, doc) : null;
    });
  }

  /** The stored bytes, checked against the recorded hash. */
  async readStored(doc: IssuedDocument): Promise<Buffer> {
    const bytes = await this.files.read(doc.filePath, doc.sha256);
    if (!bytes) {
      this.logger.error(`Stored file of issued document ${doc.id} is missing or altered (${doc.filePath}).`);
      throw new AppException(ErrorCode.Internal, 'Tệp lưu trữ của tài liệu bị mất hoặc bị thay đổi. Vui lòng báo quản trị hệ thống.');
    }
    return bytes;
  }

  private async bySha(hash: string): Promise<DocumentInfo | null> {
    return this.uow.read(async (m) => {
      const doc = await this.register.bySha256(m, hash);
      return doc ? this.toInfo(m, doc) : null;
    });
  }

  /** The verification page names the issuer: the organiser itself, or the cluster as the document names it with its organiser. */
  private async toInfo(m: EntityManager, doc: IssuedDocument): Promise<DocumentInfo> {
    return {
      id: doc.id,
      kind: doc.kind,
      title: doc.title,
      statusLabel: doc.statusLabel,
      clusterName: doc.clusterId ? await clusterTagOf(m, doc.clusterId, doc.issuerName) : (doc.issuerName ?? ''),
      year: doc.year,
      sourceVersion: doc.sourceVersion,
      sha256: doc.sha256,
      sizeBytes: doc.sizeBytes,
      issuedAt: doc.issuedAt,
      verifyUrl: this.verifyUrl(doc.id),
      record: registeredRecord(doc),
    };
  }
}

/** A stored revision of a pledge's signed file: intact, and whether signatures were added after it. */
function signedRevisionResult(r: SignedPledgeRevision, sha256: string, sizeBytes: number, publicBaseUrl: string): VerificationResult {
  const document: DocumentInfo = {
    id: r.pledgeId,
    kind: 'PLEDGE_SIGNED',
    title: `${r.title} (tệp ký số)`,
    statusLabel: r.latest ? 'bản ký số hiện hành' : 'bản ký số trước đó, đã có bản có thêm chữ ký',
    clusterName: r.clusterName,
    year: r.year,
    sourceVersion: 1,
    sha256,
    sizeBytes,
    issuedAt: r.storedAt,
    verifyUrl: `${publicBaseUrl}/xac-thuc`,
    record: null,
  };
  const message = r.latest
    ? `Tệp nguyên vẹn: bản ký số hiện hành của "${document.title}" của ${r.clusterName}, đúng như hệ thống lưu giữ.`
    : `Tệp nguyên vẹn: một bản ký số của "${document.title}" của ${r.clusterName} do hệ thống lưu giữ, nhưng sau bản này đã có chữ ký khác được thêm vào; hãy tải bản hiện hành.`;
  return { intact: true, document, sha256, message };
}

function intactMessage(doc: DocumentInfo): string {
  return `Tệp nguyên vẹn: "${doc.title}" (${doc.statusLabel}) của ${doc.clusterName}, do hệ thống phát hành.`;
}
