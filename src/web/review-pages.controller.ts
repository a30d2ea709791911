import { ClusterDocumentCopies } from '../awards/cluster-document-copies';
import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { HttpResponse } from '../common/http';
import { Permission } from '../access/access.policy';
import { AccessService } from '../access/access.service';
import { AchievementReportsService } from '../awards/achievement-reports.service';
import { AwardReportsService } from '../awards/award-reports.service';
import { ProposalQueryDto } from '../awards/awards.dto';
import { ProposalsService } from '../awards/proposals.service';
import { ProposalSteps } from '../awards/proposal-steps';
import { RatingsService } from '../awards/ratings/ratings.service';
import { ClustersService } from '../clusters/clusters.service';
import { Auth, CurrentUser } from '../common/auth/auth.decorators';
import type { Principal } from '../common/auth/principal';
import { clusterTag } from '../common/cluster-label';
import { Role } from '../common/auth/roles';
import { todayInVietnam } from '../common/time';
import { UuidParamPipe } from '../common/validation/params';
import { IntField } from '../common/validation/fields';
import { SERVER_SECRET } from '../config/config.tokens';
import { UnitOfWork } from '../database/unit-of-work';
import { sendPage, signedInFrame } from './page-response';
import { dossierPage } from './views/dossier.view';
import { queuePage } from './views/queue.view';
import { ServiceLevels } from '../notifications/service-levels';

/** The queue's filter; `nam` is the year as the cluster pages name it in their addresses (?nam=2025), `year` wins. */
class QueuePageQueryDto extends ProposalQueryDto {
  @IntField({ presence: 'optional', min: 2000, max: 2100, query: true }) nam?: number;
}

/** Rows of the queue on one page when the address does not say (?limit=). */
const QUEUE_PAGE_SIZE = 20;

/**
 * The ministry reviewers' pages: the queue of proposals (filtered, paged, with its ageing and the year's documents)
 * and a proposal's dossier. They read through the API's services, so the same scope checks apply.
 */
@ApiExcludeController()
@Controller()
export class ReviewPagesController {
  constructor(
    @Inject(SERVER_SECRET) private readonly secret: string,
    private readonly uow: UnitOfWork,
    private readonly access: AccessService,
    private readonly clusters: ClustersService,
    private readonly proposals: ProposalsService,
    private readonly reports: AchievementReportsService,
    private readonly awardReports: AwardReportsService,
    private readonly ratings: RatingsService,
    private readonly serviceLevels: ServiceLevels,
    private readonly copies: ClusterDocumentCopies,
    private readonly steps: ProposalSteps,
  ) {}

  @Get('tham-dinh')
  @Auth(Role.Admin, Role.MinistryReviewer)
  async queue(@CurrentUser() p: Principal, @Query() q: QueuePageQueryDto, @Res() res: HttpResponse): Promise<void> {
    const { limit = QUEUE_PAGE_SIZE, offset = 0, nam, ...rest } = q;
    const filter = { ...rest, year: rest.year ?? nam };
    // The queue: what waits for the reviewer first (a filter on a status keeps its own order).
    const [page, ageing, clusters, catalogue] = await Promise.all([this.proposals.page(p, { ...filter, waitingFirst: !filter.status, limit, offset }), this.proposals.ageing(p, filter), this.clusters.list(p, {}), this.awardReports.catalogue()]);
    sendPage(
      res,
      queuePage(signedInFrame(this.secret, p), {
        page: { items: page.items, total: page.total, limit, offset },
        filter: { ...filter, limit: q.limit, offset },
        // Several organisers number their clusters alike (Cụm 6 of Bộ TTTT, of Bộ KH&CN): the organiser tells them apart.
        clusters: clusters.map((c) => ({ id: c.id, name: clusterTag(c.name, c.organizerName), organizerName: c.organizerName })),
        awards: catalogue.awards.map((a) => ({ code: a.code, name: a.name })),
        ageing,
        submissions: await this.copies.submissionsOf(p, page.items),
        documentYear: filter.year ?? Number(todayInVietnam().slice(0, 4)) - 1,
        serviceLevel: p.organizerId ? await this.serviceLevels.get(p, p.organizerId) : null,
      }),
    );
  }

  @Get('tham-dinh/:proposalId')
  @Auth(Role.Admin, Role.MinistryReviewer)
  async dossier(@CurrentUser() p: Principal, @Param('proposalId', UuidParamPipe) proposalId: string, @Res() res: HttpResponse): Promise<void> {
    const [proposal, reports] = await Promise.all([this.proposals.get(p, proposalId), this.reports.list(p, proposalId)]);
    // The reports are the cluster's to add (an administrator may act for it); the ministry reads them.
    const canManageReports = await this.uow.read((m) => this.access.can(m, p, Permission.AwardsManage, proposal.clusterId, proposal.year));
    const issued = await this.copies.issuedKinds(proposal.clusterId, proposal.year);
    const submission = (await this.copies.submissionsOf(p, [proposal])).get(proposal.id) ?? null;
    const [standing, facts] = await Promise.all([this.ratings.standing(p, proposal.unit.id), this.steps.of(p, proposal.id)]);
    sendPage(res, dossierPage(signedInFrame(this.secret, p), proposal, reports, { canReview: true, standing, canManageReports, issued, submission, facts }));
  }
}
