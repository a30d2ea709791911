import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AttachmentsService } from '../attachments/attachments.service';
import { LegalService } from '../legal/legal.service';
import { valueOn } from '../legal/legal.rules';
import { UnitsRepository } from '../units/units.repository';
import { ACHIEVEMENT_REPORTS } from './achievement-reports.service';
import { In } from 'typeorm';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-codes';
import { AwardProposal } from './award-proposal.entities';
import { AwardsRepository } from './awards.repository';
import { missingReportProblem } from './proposals.rules';

/** What a proposal's dossier must carry before it is sent to the organiser or approved there (proposals.rules). */
@Injectable()
export class DossierCompleteness {
  constructor(
    private readonly legal: LegalService,
    private readonly attachments: AttachmentsService,
    private readonly units: UnitsRepository,
    private readonly awards: AwardsRepository,
  ) {}

  /** The refusal of `action` on `date` for want of the unit's achievement report, or null. */
  async missingReport(m: EntityManager, proposal: AwardProposal, action: 'submit' | 'resubmit' | 'approve', date: string): Promise<string | null> {
    const rule = valueOn((await this.legal.catalogue(m)).values, 'DOSSIER_REPORT', proposal.awardCode, date);
    if (!rule?.amount) return null;
    const reports = (await this.attachments.list(m, ACHIEVEMENT_REPORTS, proposal.id)).length;
    if (reports > 0) return null;
    const unit = (await this.units.find(m, proposal.unitId))?.name ?? '';
    const award = (await this.awards.labels(m))[proposal.awardCode];
    return missingReportProblem(rule, reports, { award, unit, action });
  }

  /**
   * Refuses a sending of several proposals (the drafts among `items` of the cluster-year, at the versions given) while
   * more than one lacks its report, naming them all; one alone is refused by its own step, with its own message.
   */
  async requireReports(m: EntityManager, of: { clusterId: string; year: number; items: Array<{ id: string; version: number }> }, date: string): Promise<void> {
    // A stale version is its step's to refuse (409) first, as when sent alone.
    const versions = new Map(of.items.map((x) => [x.id, x.version]));
    const found = await m.find(AwardProposal, { where: { id: In([...versions.keys()]), clusterId: of.clusterId, year: of.year, status: 'DRAFT' }, order: { awardCode: 'DESC', votesFor: 'DESC', unitId: 'ASC' } });
    const drafts = found.filter((x) => versions.get(x.id) === x.version);
    const missing: string[] = [];
    for (const proposal of drafts) {
      const problem = await this.missingReport(m, proposal, 'submit', date);
      if (problem) missing.push(problem);
    }
    // The message counts them; each proposal's sentence is a detail of its own (the page lists them under it).
    if (missing.length > 1) throw new AppException(ErrorCode.BusinessRule, `Có ${missing.length} đề nghị chưa có báo cáo thành tích:`, missing.map((message) => ({ field: 'reports', message, code: ErrorCode.BusinessRule })));
  }
}
