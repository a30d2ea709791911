import { Inject, Injectable, Logger } from '@nestjs/common';
import { X509Certificate } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../common/auth/principal';
import { formatDateVi } from '../common/time';
import { sha256Hex } from '../common/durable-file';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-codes';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.tokens';
import { renderPledgeForSigning } from '../documents/pdf/pledge.pdf';
import { renderSignatureAppearance } from '../documents/pdf/signature-appearance.pdf';
import { signingAuthority } from './pledge-defaults';
import { RevisionRefused, checkAddedSignature } from '../documents/signing/pades/revision-check';
import { PdfFile } from '../documents/signing/pades/pdf-file';
import { Timestamper, TimestampUnavailableError, tsaClient } from '../documents/signing/pades/timestamp';
import { addSignatureFields, signField } from '../documents/signing/pades/pdf-update';
import { addDss, collectValidationData } from '../documents/signing/pades/dss';
import { UnitKeysService, fingerprint } from '../documents/signing/unit-keys.service';
import { holderName, nameOneLine } from '../documents/signing/pades/certificates';
import { DocumentNumbersService } from '../issued-documents/document-numbers.service';
import { PledgeDocumentService } from './pledge-document.service';
import { PledgeFileAccess, PledgeFileRevisions, PointerMoved } from './pledge-file-revisions';
import type { PledgeState } from './pledge-state';

/** An uploaded revision checked and stored: recorded with the signature, `makeLatest` in the same transaction. */
export interface UploadedRevision {
  sha256: string;
  fieldName: string;
  makeLatest: (m: EntityManager) => Promise<void>;
}

type PledgeContent = Awaited<ReturnType<PledgeDocumentService['content']>>['data'];

/** The name of a member's signature field in the pledge's signed file; the secretariat's organisationField(). */
export const memberField = (unitId: string): string => `member-${unitId}`;
export const organisationField = (clusterId: string): string => `organisation-${clusterId}`;

/**
 * The pledge as one PDF signed by every member with its own key, one incremental revision per signer (PAdES):
 * prepared with an empty field per member when first asked for once the pledge is open, signed by a unit's
 * server-held key on its click or by the unit's own tool (uploaded), and closed by the secretariat's signature
 * when the last member has signed. Every revision is kept, shared by all instances (PledgeFileRevisions); the pledge
 * points at the latest.
 */
/** A field signed this long after its signature was recorded is not the click itself: the cell gives both times. */
const RESIGNED_AFTER_MS = 10 * 60_000;

@Injectable()
export class PledgeSignedFileService {
  private readonly logger = new Logger(PledgeSignedFileService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly documents: PledgeDocumentService,
    private readonly numbers: DocumentNumbersService,
    private readonly keys: UnitKeysService,
    private readonly revisions: PledgeFileRevisions,
  ) {}

  /** The latest revision, for download (signatures recorded but not yet in the file are added first). */
  async current(p: Principal, clusterId: string, year: number): Promise<{ fileName: string; content: Buffer }> {
    const download = () =>
      this.tsaAnswers('Chưa tải được tệp ký số: máy chủ cấp dấu thời gian không trả lời. Vui lòng thử lại sau ít phút.', () =>
        this.locked(p, clusterId, year, async (data, state, file) => ({
          fileName: `Giao-uoc-thi-dua-${year}-${state.cluster.documentCode}-ky-so.pdf`,
          content: await this.catchUp(await this.prepared(data, state, file), state, file),
        })),
      );
    // Edited while it was being signed: once more, on the file as the edit left it.
    return download().catch((error: unknown) => {
      if (!(error instanceof PointerMoved)) throw error;
      return download();
    });
  }

  /** After a member's click: its server-held key (or token) signs its field; the organisation closes once all have signed. */
  async signWithServerKey(p: Principal, clusterId: string, year: number): Promise<void> {
    try {
      await this.tsaAnswers(
        'Chữ ký của đơn vị đã được ghi nhận, nhưng máy chủ cấp dấu thời gian không trả lời nên tệp ký số chưa được cập nhật; tệp sẽ được ký bổ sung ở lần tải về sau.',
        () => this.locked(p, clusterId, year, async (data, state, file) => this.catchUp(await this.prepared(data, state, file), state, file)),
      );
    } catch (error) {
      // The pledge was edited meanwhile (its signatures withdrawn, its file set aside): the next request prepares anew.
      if (!(error instanceof PointerMoved)) throw error;
      this.logger.warn(error.message);
    }
  }

  /**
   * Runs `job` alone for the pledge among all instances, with the pledge's content and signatures as they stand once
   * the lock is held (a withdrawal that came first is seen) and its signed file's latest revision.
   */
  private async locked<T>(p: Principal, clusterId: string, year: number, job: (data: PledgeContent, state: PledgeState, file: PledgeFileAccess) => Promise<T>): Promise<T> {
    const { state } = await this.documents.content(p, clusterId, year);
    return this.revisions.exclusive(state.pledge.id, async (file) => {
      const now = await this.documents.content(p, clusterId, year);
      return job(now.data, now.state, file);
    });
  }

  /** A TSA that does not answer is the server's trouble: 503 with what happened, never a bare 500. */
  private async tsaAnswers<T>(message: string, job: () => Promise<T>): Promise<T> {
    try {
      return await job();
    } catch (e) {
      if (!(e instanceof TimestampUnavailableError)) throw e;
      this.logger.warn(`Time-stamping authority unavailable: ${e.message}`);
      throw new AppException(ErrorCode.ServiceUnavailable, message);
    }
  }

  /**
   * A revision the member signed with its own tool: accepted only when it adds exactly one signature, in the
   * member's own field, with a certificate registered to the member, valid then and not revoked, and changes nothing
   * else (checkAddedSignature). The revision is then stored, and `recordSignature` records it and makes it the latest
   * in one transaction (it may refuse: the pledge no longer open, the unit already signed — the file stays as it was;
   * a signature is never recorded without its revision, which a server key would otherwise sign later), all under the
   * pledge's lock.
   */
  async acceptUpload<T>(p: Principal, clusterId: string, year: number, unitId: string, uploaded: Buffer, recordSignature: (revision: UploadedRevision) => Promise<T>): Promise<T> {
    return this.locked(p, clusterId, year, async (data, state, file) => {
      const current = await this.prepared(data, state, file);
      let added;
      try {
        added = checkAddedSignature(current, uploaded, { ownField: memberField(unitId), certificateSha256s: await this.keys.certificatesOf(unitId), trustedRoots: await this.keys.trustedRoots() });
      } catch (error) {
        if (!(error instanceof RevisionRefused)) throw error;
        if (error.detail) this.logger.warn(`Upload signed by unit ${unitId} for pledge ${state.pledge.id} refused: ${error.detail}`);
        throw AppException.field(ErrorCode.InvalidFile, 'file', error.message);
      }
      if (!added.check.trusted) throw AppException.field(ErrorCode.InvalidFile, 'file', 'Chứng thư số của chữ ký không chuỗi tới chứng thư gốc tin cậy.');
      if (!added.check.validAtSigningTime) throw AppException.field(ErrorCode.InvalidFile, 'file', 'Chứng thư số của chữ ký không có hiệu lực vào thời điểm ký.');
      if (added.check.revocation === 'revoked') throw AppException.field(ErrorCode.InvalidFile, 'file', 'Chứng thư số của chữ ký đã bị thu hồi.');
      const staged = await file.stage(uploaded);
      try {
        return await recordSignature({ sha256: sha256Hex(uploaded), fieldName: added.fieldName, makeLatest: staged.makeLatest });
      } catch (error) {
        // Refused (already signed, no longer open) or built on a file an edit has since set aside: the revision is not
        // kept — the verification would otherwise call it one the system keeps.
        await staged.discard();
        if (error instanceof PointerMoved) throw new AppException(ErrorCode.VersionConflict, 'Bản giao ước vừa được thay đổi (các chữ ký đã ký bị hủy và tệp ký số được lập lại): hãy tải bản ký số mới nhất, ký lại và gửi lại.', [{ field: 'file', code: 'stale', message: 'Tệp gửi lên ký trên bản giao ước trước khi thay đổi.' }]);
        throw error;
      }
    });
  }

  /**
   * Every recorded signature whose field is still empty — the click just made, those made before the file existed or
   * after a withdrawal reset it, one whose signing failed before — is signed by the unit's server key or token, in the
   * order they were recorded; then the organisation closes the file if all have signed. Stores what changed.
   * A signature made on paper is not the unit's digital one: the secretariat's key signs its field, which shows the
   * day on the paper and who recorded it when (never a drawn signature or seal of the unit).
   */
  private async catchUp(pdf: Buffer, state: PledgeState, file: PledgeFileAccess): Promise<Buffer> {
    let out = pdf;
    const empty = new Set(new PdfFile(pdf).signatureFields().filter((f) => !f.value).map((f) => f.name));
    for (const sig of [...state.signatures].sort((a, b) => a.signedAt.localeCompare(b.signedAt))) {
      const unit = state.members.find((u) => u.id === sig.unitId);
      if (!unit || !empty.has(memberField(unit.id))) continue;
      const paper = sig.paperSignedOn;
      const signer = paper ? await this.keys.signer(`cluster-${state.cluster.id}`, state.cluster.name) : await this.keys.signer(unit.id, unit.name);
      const images = paper ? {} : await this.keys.appearanceImages(unit.id);
      const signingTime = new Date();
      // Signed well after the act (a file prepared later, or anew after a withdrawal): the cell keeps the time of the act.
      const recordedAt = signingTime.getTime() - Date.parse(sig.signedAt) > RESIGNED_AFTER_MS ? new Date(sig.signedAt) : undefined;
      out = await signField(out, {
        field: memberField(unit.id),
        signer,
        name: paper ? `${state.cluster.name} ghi nhận chữ ký trên bản giấy của ${unit.name}` : `${sig.signerName} — ${unit.name}`,
        reason: paper ? `Ghi nhận chữ ký trên bản giấy ngày ${formatDateVi(paper)} của ${sig.signerName} (${unit.name}) vào ${state.pledge.title}` : `Ký ${state.pledge.title}`,
        location: state.pledge.signingPlace,
        signingTime,
        appearance: (width, height) =>
          renderSignatureAppearance({ width, height, title: signingAuthority(sig.signerTitle), signerName: sig.signerName, unitName: unit.name, certificateHolder: holderName(new X509Certificate(signer.certificate)), signingTime, seed: unit.id, paperSignedOn: paper ?? undefined, recordedAt, ...images }),
        ...this.timestamping(),
      });
    }
    out = await this.closeIfComplete(out, state);
    if (out !== pdf) await file.save(out);
    return out;
  }

  /**
   * A certificate a unit signs with outside the system (token, signing software), checked: it must chain to a trusted
   * root, and not be the certificate of a holder outside `own` (the unit and those it acts for), e.g. another member's
   * taken from a signed file. Stored by storeCertificate once the registration is audited.
   */
  async checkedCertificate(bytes: Buffer, own: string[], candidates: string[]): Promise<{ raw: Buffer; sha256: string; subject: string }> {
    let cert: X509Certificate;
    try {
      cert = new X509Certificate(bytes);
    } catch {
      throw AppException.field(ErrorCode.InvalidFile, 'file', 'Tệp gửi lên không phải là chứng thư số (PEM hoặc DER).');
    }
    const roots = (await this.keys.trustedRoots()).map((d) => new X509Certificate(d));
    if (!roots.some((r) => cert.checkIssued(r) && cert.verify(r.publicKey))) {
      throw AppException.field(ErrorCode.InvalidFile, 'file', 'Chứng thư số không do tổ chức chứng thực nào trong danh sách tin cậy cấp.');
    }
    if (await this.keys.otherHolderOf(own, cert.raw, candidates)) throw AppException.field(ErrorCode.InvalidFile, 'file', 'Chứng thư số này đã thuộc về một đơn vị khác trên hệ thống: hãy gửi chứng thư số của chính đơn vị mình.');
    return { raw: cert.raw, sha256: fingerprint(cert.raw), subject: nameOneLine(cert.subject) };
  }

  async storeCertificate(unitId: string, raw: Buffer): Promise<void> {
    await this.keys.registerCertificate(unitId, raw);
  }

  /**
   * Once every member's field is signed, the secretariat's key signs the organisation's field; a last revision adds
   * the DSS (every signer's and TSA's certificates up to the trusted root and their issuers' CRLs): PAdES-B-LT.
   */
  async closeIfComplete(pdf: Buffer, state: PledgeState): Promise<Buffer> {
    const fields = new PdfFile(pdf).signatureFields();
    const members = fields.filter((f) => f.name.startsWith('member-'));
    const organisation = fields.find((f) => f.name === organisationField(state.cluster.id));
    if (!organisation || organisation.value || members.some((f) => !f.value)) return pdf;
    const closed = await signField(pdf, {
      field: organisationField(state.cluster.id),
      signer: await this.keys.signer(`cluster-${state.cluster.id}`, state.cluster.name),
      name: state.cluster.name,
      reason: `Phát hành ${state.pledge.title} đã đủ chữ ký của các đơn vị thành viên`,
      location: state.pledge.signingPlace,
      ...this.timestamping(),
    });
    return addDss(closed, await collectValidationData(closed, await this.keys.trustedRoots(), (cert, issuer) => this.keys.crlFor(cert, issuer)));
  }

  private async prepared(data: PledgeContent, state: PledgeState, file: PledgeFileAccess): Promise<Buffer> {
    if (state.pledge.status === 'DRAFT') throw new AppException(ErrorCode.PledgeState, 'Bản giao ước chưa được mở để ký.');
    if (file.latest) return file.latest;
    const number = data.documentNumber ?? (await this.numbers.numberFor(state.cluster.id, state.cluster.documentCode, Number(state.pledge.signingDate.slice(0, 4)), 'GƯ', state.pledge.id));
    const { pdf, cells } = await renderPledgeForSigning({
      ...data,
      documentNumber: number,
      documentId: state.pledge.id,
      verifyUrl: `${this.config.publicBaseUrl}/xac-thuc`,
      draft: false,
      // Each cell receives its member's digital signature and, drawn with it, its appearance.
      // The room holds the drawn appearance (signature, seal, time and holder, name) once the member signs; until then
      // it stays blank (a printed "(Ký số)" read as signed in an incomplete file, and stayed in its text layer after).
      signatories: data.signatories.map((s) => ({ ...s, status: '', signer: '', room: 36 })),
    });
    const last = cells[cells.length - 1];
    const prepared = addSignatureFields(pdf, [
      ...state.members.map((u, i) => ({ name: memberField(u.id), page: cells[i].page, rect: cells[i].rect })),
      { name: organisationField(state.cluster.id), page: last.page, rect: [0, 0, 0, 0] as [number, number, number, number] },
    ]);
    await file.save(prepared);
    this.logger.log(`Prepared the signed file of pledge ${state.pledge.id} with ${state.members.length} member fields.`);
    return prepared;
  }

  /**
   * A withdrawn signature cannot be taken out of a signed file: the file is set aside (its revisions stay stored,
   * none is the latest) and the next request prepares a new one, signed again by the server keys of the members
   * whose signatures stand.
   */
  async reset(pledgeId: string): Promise<void> {
    await this.revisions.exclusive(pledgeId, (file) => file.clear());
  }

  /** With TSA_URL, each signature carries an RFC 3161 timestamp (room reserved for the TSA's token and certificates). */
  private timestamping(): { timestamper?: Timestamper; reserve?: number } {
    return this.config.tsaUrl ? { timestamper: tsaClient(this.config.tsaUrl), reserve: 32768 } : {};
  }
}
