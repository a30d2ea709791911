import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AccessService } from '../auth/access.service';
import { Permission } from '../auth/access.policy';
import type { Principal } from '../auth/principal';
import { AuditService } from '../audit/audit.service';
import { readVerified, storeByHash } from '../common/durable-file';
import { cleanFileName } from '../common/validation/input-hygiene';
import { UuidParamPipe } from '../common/validation/params';
import type { UploadTarget } from '../auth/upload-target.guard';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-codes';
import { nowIso } from '../common/time';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.tokens';
import { UnitOfWork } from '../database/unit-of-work';
import { evidenceType } from '../documents/file-types';
import { AchievementReport, AwardProposal } from './award-proposal.entities';

export const MAX_REPORT_BYTES = 20 * 1024 * 1024;

const view = (r: AchievementReport) => ({ id: r.id, fileName: r.fileName, mimeType: r.mimeType, sizeBytes: r.sizeBytes, sha256: r.sha256, uploadedBy: r.uploadedBy, uploadedAt: r.uploadedAt });

/** Báo cáo thành tích: uploaded by the cluster with a proposal (draft or returned), read by reviewers. */
@Injectable()
export class AchievementReportsService implements UploadTarget {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly uow: UnitOfWork,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  list(p: Principal, proposalId: string) {
    return this.uow.read(async (m) => {
      const proposal = await this.find(m, p, proposalId);
      return (await m.find(AchievementReport, { where: { proposalId: proposal.id }, order: { uploadedAt: 'ASC' } })).map(view);
    });
  }

  /** The upload's access check alone (UploadTargetGuard runs it before the file is read). */
  async checkUploadTarget(p: Principal, params: Record<string, string>): Promise<void> {
    const proposalId = new UuidParamPipe().transform(params.proposalId, { data: 'proposalId' });
    await this.uow.read(async (m) => {
      const proposal = await this.find(m, p, proposalId);
      await this.access.require(m, p, Permission.AwardsManage, proposal.clusterId, proposal.year);
    });
  }

  async upload(p: Principal, proposalId: string, file: { originalname: string; buffer: Buffer }) {
    const type = evidenceType(file.originalname, file.buffer, 'báo cáo thành tích');
    if ('problem' in type) throw AppException.field(ErrorCode.InvalidFile, 'file', type.problem);
    // Written and synced outside the write lock, stored by hash (see EvidenceService.upload).
    const year = await this.uow.read(async (m) => (await this.find(m, p, proposalId)).year);
    const { sha256, relative } = storeByHash(this.config.dataDir, 'reports', year, file.buffer, type.extension);
    return this.uow.write(async (m) => {
      const proposal = await this.find(m, p, proposalId);
      const cluster = await this.access.require(m, p, Permission.AwardsManage, proposal.clusterId, proposal.year);
      if (proposal.status !== 'DRAFT' && proposal.status !== 'RETURNED') {
        throw new AppException(ErrorCode.IllegalTransition, 'Chỉ bổ sung báo cáo thành tích khi đề nghị còn là dự thảo hoặc bị trả lại.');
      }
      const report: AchievementReport = { id: randomUUID(), proposalId, fileName: cleanFileName(file.originalname), mimeType: type.mime, sizeBytes: file.buffer.length, sha256, filePath: relative, uploadedBy: p.username, uploadedAt: nowIso() };
      await m.insert(AchievementReport, report);
      await this.audit.record(m, { action: 'proposal.report_upload', entityType: 'award_proposal', entityId: proposalId, after: view(report), organizerId: cluster.organizerId, clusterId: proposal.clusterId });
      return view(report);
    });
  }

  download(p: Principal, proposalId: string, reportId: string) {
    return this.uow.read(async (m) => {
      await this.find(m, p, proposalId);
      const report = await m.findOne(AchievementReport, { where: { id: reportId, proposalId } });
      if (!report) throw AppException.notFound('báo cáo thành tích', 'reportId');
      const content = readVerified(this.config.dataDir, report.filePath, report.sha256);
      if (!content) throw new AppException(ErrorCode.Internal, 'Tệp báo cáo bị mất hoặc bị thay đổi. Vui lòng báo quản trị hệ thống.');
      return { fileName: report.fileName, mimeType: report.mimeType, content };
    });
  }

  private async find(m: import('typeorm').EntityManager, p: Principal, proposalId: string): Promise<AwardProposal> {
    const proposal = await m.findOne(AwardProposal, { where: { id: proposalId } });
    if (!proposal) throw AppException.notFound('đề nghị khen thưởng');
    await this.access.require(m, p, Permission.ClusterRead, proposal.clusterId);
    return proposal;
  }
}
