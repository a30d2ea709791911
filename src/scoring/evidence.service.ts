import type { EvidenceFileView } from './scoring.dto';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Principal } from '../auth/principal';
import { AuditService } from '../audit/audit.service';
import { CriteriaRepository } from '../criteria/criteria.repository';
import { readVerified, storeByHash } from '../common/durable-file';
import { cleanFileName } from '../common/validation/input-hygiene';
import { UuidParamPipe, YearParamPipe } from '../common/validation/params';
import type { UploadTarget } from '../auth/upload-target.guard';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-codes';
import { nowIso } from '../common/time';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.tokens';
import { UnitOfWork } from '../database/unit-of-work';
import { evidenceType } from '../documents/file-types';
import { EvidenceFile } from './evidence-file.entity';
import { ScoreSheetsService } from './score-sheets.service';

export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;

export type EvidenceView = EvidenceFileView;

const view = (e: EvidenceFile): EvidenceView => ({
  id: e.id,
  criterionCode: e.criterionCode,
  fileName: e.fileName,
  mimeType: e.mimeType,
  sizeBytes: e.sizeBytes,
  sha256: e.sha256,
  uploadedBy: e.uploadedBy,
  uploadedAt: e.uploadedAt,
});

/** Tài liệu minh chứng: attached by the sheet's scorer, read by whoever may read the sheet. */
@Injectable()
export class EvidenceService implements UploadTarget {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly uow: UnitOfWork,
    private readonly sheets: ScoreSheetsService,
    private readonly audit: AuditService,
    private readonly criteria: CriteriaRepository,
  ) {}

  list(p: Principal, clusterId: string, year: number, sheetId: string): Promise<EvidenceView[]> {
    return this.uow.read(async (m) => {
      await this.sheets.readable(m, p, clusterId, year, sheetId);
      return (await m.find(EvidenceFile, { where: { sheetId }, order: { uploadedAt: 'ASC' } })).map(view);
    });
  }

  /** The upload's access check alone (UploadTargetGuard runs it before the file is read). */
  async checkUploadTarget(p: Principal, params: Record<string, string>): Promise<void> {
    const clusterId = new UuidParamPipe().transform(params.id, { data: 'id' });
    const year = new YearParamPipe().transform(params.year, { data: 'year' });
    const sheetId = new UuidParamPipe().transform(params.sheetId, { data: 'sheetId' });
    await this.uow.read((m) => this.sheets.writable(m, p, clusterId, year, sheetId));
  }

  async upload(p: Principal, clusterId: string, year: number, sheetId: string, criterionCode: string | undefined, file: { originalname: string; buffer: Buffer }): Promise<EvidenceView> {
    const type = evidenceType(file.originalname, file.buffer);
    if ('problem' in type) throw AppException.field(ErrorCode.InvalidFile, 'file', type.problem);
    // The file is written and synced before the transaction, outside the write lock (UploadTargetGuard checked
    // access before the body was read). Stored by its hash: a transaction that then fails leaves a harmless orphan.
    const { sha256, relative } = storeByHash(this.config.dataDir, 'evidence', year, file.buffer, type.extension);
    return this.uow.write(async (m) => {
      const { sheet, cluster } = await this.sheets.writable(m, p, clusterId, year, sheetId);
      const leaves = await this.criteria.leaves(m, sheet.criteriaSetId);
      if (!criterionCode || !leaves.some((l) => l.code === criterionCode)) {
        throw AppException.field(ErrorCode.ValidationFailed, 'criterionCode', 'Cần ghi mã tiêu chí (criterionCode) có trong phiếu chấm.');
      }
      const evidence: EvidenceFile = {
        id: randomUUID(),
        sheetId,
        criterionCode,
        fileName: cleanFileName(file.originalname),
        mimeType: type.mime,
        sizeBytes: file.buffer.length,
        sha256,
        filePath: relative,
        uploadedBy: p.username,
        uploadedAt: nowIso(),
      };
      await m.insert(EvidenceFile, evidence);
      await this.audit.record(m, { action: 'evidence.upload', entityType: 'score_sheet', entityId: sheetId, after: view(evidence), organizerId: cluster.organizerId, clusterId });
      return view(evidence);
    });
  }

  download(p: Principal, clusterId: string, year: number, sheetId: string, evidenceId: string): Promise<{ fileName: string; mimeType: string; content: Buffer }> {
    return this.uow.read(async (m) => {
      await this.sheets.readable(m, p, clusterId, year, sheetId);
      const evidence = await m.findOne(EvidenceFile, { where: { id: evidenceId, sheetId } });
      if (!evidence) throw AppException.notFound('tài liệu minh chứng', 'evidenceId');
      const content = readVerified(this.config.dataDir, evidence.filePath, evidence.sha256);
      if (!content) {
        throw new AppException(ErrorCode.Internal, 'Tệp minh chứng bị mất hoặc bị thay đổi. Vui lòng báo quản trị hệ thống.');
      }
      return { fileName: evidence.fileName, mimeType: evidence.mimeType, content };
    });
  }
}
