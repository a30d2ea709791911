import type { EvidenceFileView } from './scoring.dto';
import { Injectable } from '@nestjs/common';
import type { Principal } from '../common/auth/principal';
import { AuditService } from '../audit/audit.service';
import { CriteriaRepository } from '../criteria/criteria.repository';
import type { AttachmentKind } from '../attachments/attachment-kind';
import { AttachmentsService, OpenedFile, Upload } from '../attachments/attachments.service';
import { attachmentView } from '../attachments/attachments.views';
import { UuidParamPipe, YearParamPipe } from '../common/validation/params';
import type { UploadTarget } from '../auth/upload-target.guard';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-codes';
import { UnitOfWork } from '../database/unit-of-work';
import { EvidenceFile } from './evidence-file.entity';
import { ScoreSheetsService } from './score-sheets.service';
import { ScoreSheetsRepository } from './score-sheets.repository';
import { requireEvidence } from './sheet-completeness';
import type { ScoreSheet } from './score-sheet.entity';
import type { EvidenceFormDto, RemoveEvidenceDto } from './scoring.dto';
import type { EntityManager } from 'typeorm';

/** Evidence files: attached to a score sheet, stored under data/evidence, up to 10 MB. */
export const EVIDENCE_FILES: AttachmentKind<EvidenceFile> = {
  entity: EvidenceFile,
  owner: 'sheetId',
  folder: 'evidence',
  maxBytes: 10 * 1024 * 1024,
  what: 'tệp minh chứng',
  notFound: { what: 'tài liệu minh chứng', field: 'evidenceId' },
  missing: 'Tệp minh chứng bị mất hoặc bị thay đổi. Vui lòng báo quản trị hệ thống.',
};

export type EvidenceView = EvidenceFileView;

/** The file's view with its criterion code second (the order the API has always answered). */
function view(e: EvidenceFile): EvidenceView {
  const { id, ...file } = attachmentView(e);
  return { id, criterionCode: e.criterionCode, ...file };
}

/** Tài liệu minh chứng: attached by the sheet's scorer, read by whoever may read the sheet. */
@Injectable()
export class EvidenceService implements UploadTarget {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly sheets: ScoreSheetsService,
    private readonly attachments: AttachmentsService,
    private readonly audit: AuditService,
    private readonly criteria: CriteriaRepository,
    private readonly records: ScoreSheetsRepository,
  ) {}

  list(p: Principal, clusterId: string, year: number, sheetId: string): Promise<EvidenceView[]> {
    return this.uow.read(async (m) => {
      await this.sheets.readable(m, p, clusterId, year, sheetId);
      return (await this.attachments.list(m, EVIDENCE_FILES, sheetId)).map(view);
    });
  }

  /** The upload's access check alone (UploadTargetGuard runs it before the file is read). */
  async checkUploadTarget(p: Principal, params: Record<string, string>): Promise<void> {
    const clusterId = new UuidParamPipe().transform(params.id, { data: 'id' });
    const year = new YearParamPipe().transform(params.year, { data: 'year' });
    const sheetId = new UuidParamPipe().transform(params.sheetId, { data: 'sheetId' });
    await this.uow.read((m) => this.sheets.writable(m, p, clusterId, year, sheetId));
  }

  async upload(p: Principal, clusterId: string, year: number, sheetId: string, form: EvidenceFormDto, file: Upload): Promise<EvidenceView> {
    const criterionCode = form.criterionCode;
    const stored = await this.attachments.store(EVIDENCE_FILES, this.attachments.accept(EVIDENCE_FILES, file), year);
    return this.uow.write(async (m) => {
      const { sheet, cluster } = await this.sheets.writable(m, p, clusterId, year, sheetId, form.version);
      await this.asEdit(m, sheet, form, 'thêm');
      const leaves = await this.criteria.leaves(m, sheet.criteriaSetId);
      if (!criterionCode || !leaves.some((l) => l.code === criterionCode)) {
        throw AppException.field(ErrorCode.ValidationFailed, 'criterionCode', 'Cần ghi mã tiêu chí (criterionCode) có trong phiếu chấm.');
      }
      const evidence = await this.attachments.attach(m, EVIDENCE_FILES, p, stored, { sheetId, criterionCode });
      await this.audit.record(m, { action: 'evidence.upload', entityType: 'score_sheet', entityId: sheetId, after: view(evidence), reason: form.reason ?? null, organizerId: cluster.organizerId, clusterId });
      return view(evidence);
    });
  }

  /** Detaches a file put on the wrong criterion or sheet, with a reason, while the sheet is open to its scorer; audited. */
  remove(p: Principal, clusterId: string, year: number, sheetId: string, evidenceId: string, dto: RemoveEvidenceDto): Promise<void> {
    return this.uow.write(async (m) => {
      const { sheet, cluster } = await this.sheets.writable(m, p, clusterId, year, sheetId, dto.version);
      const file = await this.attachments.find(m, EVIDENCE_FILES, sheetId, evidenceId);
      await this.asEdit(m, sheet, dto, 'gỡ');
      // A draft's version moves too: a submit read before the removal answers 409 instead of passing without the file.
      if (sheet.status !== 'SUBMITTED') await this.records.update(m, sheet, {});
      await this.attachments.remove(m, EVIDENCE_FILES, file.id);
      // A handed-in self-score keeps the evidence it was handed in with: not its last file of a claimed criterion.
      if (sheet.status === 'SUBMITTED') await requireEvidence(m, await this.criteria.leaves(m, sheet.criteriaSetId), await this.records.entries(m, sheet.id), sheet);
      await this.audit.record(m, { action: 'evidence.remove', entityType: 'score_sheet', entityId: sheetId, before: view(file), reason: dto.reason, organizerId: cluster.organizerId, clusterId });
    });
  }

  /**
   * A change of a handed-in sheet's evidence is an edit of the sheet, as a change of its points is: with the version
   * read and a reason, and it moves the sheet's version (a file added then was neither versioned nor explained).
   */
  private async asEdit(m: EntityManager, sheet: ScoreSheet, form: { version?: number; reason?: string }, act: string): Promise<void> {
    if (sheet.status !== 'SUBMITTED') return;
    if (form.version === undefined) throw AppException.field(ErrorCode.ValidationFailed, 'version', `Phiếu đã nộp: ${act} minh chứng cần phiên bản (version) của phiếu đã đọc.`);
    if (!form.reason) throw AppException.field(ErrorCode.ValidationFailed, 'reason', `Phiếu đã nộp: ${act} minh chứng cần ghi lý do.`);
    await this.records.update(m, sheet, {});
  }

  download(p: Principal, clusterId: string, year: number, sheetId: string, evidenceId: string): Promise<OpenedFile> {
    return this.uow.read(async (m) => {
      await this.sheets.readable(m, p, clusterId, year, sheetId);
      return this.attachments.open(m, EVIDENCE_FILES, sheetId, evidenceId);
    });
  }
}

