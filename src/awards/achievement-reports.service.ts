import { Injectable } from '@nestjs/common';
import { AccessService } from '../access/access.service';
import { Permission } from '../access/access.policy';
import type { Principal } from '../common/auth/principal';
import { AuditService } from '../audit/audit.service';
import type { AttachmentKind } from '../attachments/attachment-kind';
import { AttachmentsService, OpenedFile, Upload } from '../attachments/attachments.service';
import { attachmentView } from '../attachments/attachments.views';
import { UuidParamPipe } from '../common/validation/params';
import type { UploadTarget } from '../auth/upload-target.guard';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-codes';
import { UnitOfWork } from '../database/unit-of-work';
import type { EntityManager } from 'typeorm';
import { AchievementReport, AwardProposal } from './award-proposal.entities';
import { ProposalsRepository } from './proposals.repository';

/** Achievement reports: attached to an award proposal, stored under data/reports, up to 20 MB. */
export const ACHIEVEMENT_REPORTS: AttachmentKind<AchievementReport> = {
  entity: AchievementReport,
  owner: 'proposalId',
  folder: 'reports',
  maxBytes: 20 * 1024 * 1024,
  what: 'báo cáo thành tích',
  notFound: { what: 'báo cáo thành tích', field: 'reportId' },
  missing: 'Tệp báo cáo bị mất hoặc bị thay đổi. Vui lòng báo quản trị hệ thống.',
};

/** Báo cáo thành tích: uploaded by the cluster with a proposal (draft or returned), read by reviewers. */
@Injectable()
export class AchievementReportsService implements UploadTarget {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AccessService,
    private readonly attachments: AttachmentsService,
    private readonly audit: AuditService,
    private readonly proposals: ProposalsRepository,
  ) {}

  list(p: Principal, proposalId: string) {
    return this.uow.read(async (m) => {
      const proposal = await this.find(m, p, proposalId);
      return (await this.attachments.list(m, ACHIEVEMENT_REPORTS, proposal.id)).map(attachmentView);
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

  async upload(p: Principal, proposalId: string, file: Upload) {
    const accepted = this.attachments.accept(ACHIEVEMENT_REPORTS, file);
    const year = await this.uow.read(async (m) => (await this.find(m, p, proposalId)).year);
    const stored = await this.attachments.store(ACHIEVEMENT_REPORTS, accepted, year);
    return this.uow.write(async (m) => {
      const proposal = await this.find(m, p, proposalId);
      const cluster = await this.access.require(m, p, Permission.AwardsManage, proposal.clusterId, proposal.year);
      if (proposal.status !== 'DRAFT' && proposal.status !== 'RETURNED') {
        throw new AppException(ErrorCode.IllegalTransition, 'Chỉ bổ sung báo cáo thành tích khi đề nghị còn là dự thảo hoặc bị trả lại.');
      }
      const report = await this.attachments.attach(m, ACHIEVEMENT_REPORTS, p, stored, { proposalId });
      await this.audit.record(m, { action: 'proposal.report_upload', entityType: 'award_proposal', entityId: proposalId, after: attachmentView(report), organizerId: cluster.organizerId, clusterId: proposal.clusterId });
      return attachmentView(report);
    });
  }

  download(p: Principal, proposalId: string, reportId: string): Promise<OpenedFile> {
    return this.uow.read(async (m) => {
      await this.find(m, p, proposalId);
      return this.attachments.open(m, ACHIEVEMENT_REPORTS, proposalId, reportId);
    });
  }

  private async find(m: EntityManager, p: Principal, proposalId: string): Promise<AwardProposal> {
    const proposal = await this.proposals.find(m, proposalId);
    if (!proposal) throw AppException.notFound('đề nghị khen thưởng');
    await this.access.require(m, p, Permission.ClusterRead, proposal.clusterId);
    return proposal;
  }
}
