import { Injectable } from '@nestjs/common';
import { Permission } from '../../access/access.policy';
import type { Principal } from '../../common/auth/principal';
import type { AttachmentKind } from '../../attachments/attachment-kind';
import { AttachmentsService, OpenedFile, Upload } from '../../attachments/attachments.service';
import type { UploadTarget } from '../../auth/upload-target.guard';
import { AuditService } from '../../audit/audit.service';
import { AppException } from '../../common/errors/app.exception';
import { ErrorCode } from '../../common/errors/error-codes';
import { UuidParamPipe } from '../../common/validation/params';
import { UnitOfWork } from '../../database/unit-of-work';
import { ReviewMeetingsRepository } from '../review-meetings.repository';
import { BallotSessionsService } from './ballot-sessions.service';
import { WrittenOpinion } from './ballot.entities';
import { choiceProblems } from './ballot.rules';
import { BallotViews } from './ballot-views';
import type { BallotSessionView, WrittenOpinionDto } from './ballots.dto';

/** Scanned letters of written opinions: stored under data/opinions, up to 20 MB. */
export const OPINION_LETTERS: AttachmentKind<WrittenOpinion> = {
  entity: WrittenOpinion,
  owner: 'sessionId',
  folder: 'opinions',
  maxBytes: 20 * 1024 * 1024,
  what: 'văn bản ý kiến',
  notFound: { what: 'văn bản ý kiến', field: 'opinionId' },
  missing: 'Tệp văn bản ý kiến bị mất hoặc bị thay đổi. Vui lòng báo quản trị hệ thống.',
};

/**
 * Ý kiến bằng văn bản of members absent from the meeting: recorded by the secretariat while the ballot is open, with
 * the scanned letter, for a unit recorded as absent with a written opinion; counted at closing as the regulation says.
 */
@Injectable()
export class WrittenOpinionsService implements UploadTarget {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly attachments: AttachmentsService,
    private readonly audit: AuditService,
    private readonly sessions: BallotSessionsService,
    private readonly meetingRows: ReviewMeetingsRepository,
    private readonly views: BallotViews,
  ) {}

  async checkUploadTarget(p: Principal, params: Record<string, string>): Promise<void> {
    const sid = new UuidParamPipe().transform(params.sid, { data: 'sid' });
    await this.uow.read((m) => this.sessions.load(m, p, sid, Permission.AwardsManage));
  }

  async record(p: Principal, sid: string, dto: WrittenOpinionDto, file: Upload): Promise<BallotSessionView> {
    const accepted = this.attachments.accept(OPINION_LETTERS, file);
    const year = await this.uow.read(async (m) => (await this.sessions.load(m, p, sid, Permission.AwardsManage)).meeting.year);
    const stored = await this.attachments.store(OPINION_LETTERS, accepted, year);
    return this.uow.write(async (m) => {
      const { session, meeting, cluster } = await this.sessions.load(m, p, sid, Permission.AwardsManage);
      if (session.status !== 'OPEN') throw new AppException(ErrorCode.BusinessRule, 'Phiên bỏ phiếu đã đóng: không ghi nhận thêm ý kiến bằng văn bản.');
      const attendance = (await this.meetingRows.attendance(m, meeting.id)).find((a) => a.unitId === dto.unitId);
      if (attendance?.status !== 'WRITTEN_OPINION') throw AppException.field(ErrorCode.BusinessRule, 'unitId', 'Chỉ ghi nhận ý kiến bằng văn bản của thành viên vắng mặt có ý kiến bằng văn bản (theo thành phần tham dự).');
      if ((await this.attachments.list(m, OPINION_LETTERS, session.id)).some((o) => o.unitId === dto.unitId)) throw AppException.field(ErrorCode.Duplicate, 'unitId', 'Đã ghi nhận ý kiến bằng văn bản của đơn vị này.');
      const choices = (dto.choices ?? '').split(',').map((s) => s.trim()).filter(Boolean);
      const problems = choiceProblems(choices, JSON.parse(session.candidates) as string[], session.quota);
      if (problems.length) throw new AppException(ErrorCode.BusinessRule, problems[0].message, problems.map((x) => ({ field: 'choices', code: 'invalid', message: x.message })));
      const row = await this.attachments.attach(m, OPINION_LETTERS, p, stored, { sessionId: session.id, unitId: dto.unitId, choices: JSON.stringify(choices.sort()) });
      await this.audit.record(m, { action: 'ballot.written_opinion', entityType: 'ballot_session', entityId: session.id, after: { unitId: dto.unitId, choices, letter: row.fileName }, organizerId: cluster.organizerId, clusterId: meeting.clusterId });
      return this.views.view(m, session, meeting);
    });
  }

  download(p: Principal, sid: string, opinionId: string): Promise<OpenedFile> {
    return this.uow.read(async (m) => {
      const { session } = await this.sessions.load(m, p, sid, Permission.ClusterRead);
      // While the session is open the letter (an absent member's choices) is the secretariat's, who recorded it.
      if (session.status === 'OPEN') await this.sessions.load(m, p, sid, Permission.AwardsManage);
      return this.attachments.open(m, OPINION_LETTERS, sid, opinionId);
    });
  }
}
