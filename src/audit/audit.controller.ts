import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentUser } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { Role } from '../auth/roles';
import { UnitOfWork } from '../database/unit-of-work';
import { AuditEntry } from './audit-entry.entity';
import { AuditEntryView, AuditPage, AuditQueryDto, AuditVerifyView } from './audit.dto';
import { AuditService } from './audit.service';

const parse = (json: string | null): unknown => (json === null ? null : JSON.parse(json));

@ApiTags('Nhật ký kiểm toán')
@Controller('api/audit')
@Auth(Role.Admin, Role.MinistryReviewer)
export class AuditController {
  constructor(
    private readonly audit: AuditService,
    private readonly uow: UnitOfWork,
  ) {}

  /** Admins see everything; a reviewer sees the trail of their organiser's clusters. */
  @Get()
  @ApiOkResponse({ type: AuditPage })
  list(@CurrentUser() p: Principal, @Query() q: AuditQueryDto): Promise<AuditPage> {
    const limit = q.limit ?? 100;
    const offset = q.offset ?? 0;
    return this.uow.read(async (m) => {
      const qb = m.createQueryBuilder(AuditEntry, 'a').orderBy('a.seq', 'DESC').take(limit).skip(offset);
      if (p.role !== Role.Admin) qb.andWhere('a.organizerId = :scopeOrg', { scopeOrg: p.organizerId ?? '' });
      if (q.entityType) qb.andWhere('a.entityType = :entityType', { entityType: q.entityType });
      if (q.entityId) qb.andWhere('a.entityId = :entityId', { entityId: q.entityId });
      if (q.action) qb.andWhere('a.action = :action', { action: q.action });
      if (q.actor) qb.andWhere('a.actorUsername = :actor', { actor: q.actor });
      if (q.clusterId) qb.andWhere('a.clusterId = :clusterId', { clusterId: q.clusterId });
      if (q.from) qb.andWhere('a.occurredAt >= :from', { from: q.from });
      if (q.to) qb.andWhere('a.occurredAt < :to', { to: nextDay(q.to) });
      const [rows, total] = await qb.getManyAndCount();
      return { items: rows.map(entryView), total, limit, offset };
    });
  }

  @Get('verify')
  @ApiOkResponse({ type: AuditVerifyView })
  async verify(): Promise<AuditVerifyView> {
    const result = await this.audit.verify();
    const message = result.ok
      ? `Chuỗi nhật ký toàn vẹn: đã kiểm tra ${result.checked} bản ghi.`
      : `Phát hiện nhật ký bị sửa đổi tại bản ghi số ${result.brokenAtSeq}.`;
    return { ...result, message };
  }
}

function entryView(a: AuditEntry): AuditEntryView {
  return {
    seq: a.seq,
    occurredAt: a.occurredAt,
    actorId: a.actorId,
    actorUsername: a.actorUsername,
    action: a.action,
    entityType: a.entityType,
    entityId: a.entityId,
    before: parse(a.before),
    after: parse(a.after),
    reason: a.reason,
    requestId: a.requestId,
    clusterId: a.clusterId,
    hash: a.hash,
  };
}

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
