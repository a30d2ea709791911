import { Injectable } from '@nestjs/common';
import { AccessService } from '../access/access.service';
import { EmulationYearsRepository } from '../clusters/emulation-years.repository';
import { Permission } from '../access/access.policy';
import { AuditRepository } from '../audit/audit.repository';
import type { Principal } from '../common/auth/principal';
import { AppException } from '../common/errors/app.exception';
import { UnitOfWork } from '../database/unit-of-work';
import { ScoringService } from '../scoring/scoring.service';
import { CouncilApprovals, CouncilResult } from './council/council-approvals';
import { ProposalsRepository } from './proposals.repository';

/** One step of a proposal as recorded in the audit trail: when, what, by whom, with what opinion or reason. */
export interface ProposalStepView {
  at: string;
  action: string;
  actor: string;
  reason: string | null;
}

/** What a proposal's dossier shows beside the proposal: its steps, and why a Cờ cannot be approved yet. */
export interface ProposalDossierFacts {
  steps: ProposalStepView[];
  /** For a Cờ under review: the council's missing result that stops an approval (the approval's own rule), or null. */
  approvalBlocked: string | null;
  /** The organiser whose council decides on it (the proposal's cluster's). */
  organizerId: string;
  /** The year's deadline for sending proposals (what a return without its own date leaves the cluster with). */
  proposalDeadline: string | null;
  /** The unit's place in its cluster's ranking of the year (published or not), or null when it is not ranked. */
  ranking: { rank: number | null; tie: boolean; total: number | null; units: number; band: string | null; published: boolean } | null;
  /** The council's vote on it, once a meeting of the year has it on its ballot. */
  council: CouncilResult | null;
}

/**
 * The dossier's facts beside the proposal: who sent, claimed, returned or approved it, when and with what opinion (the
 * audit trail is the one record of them), and, for a Cờ thi đua under review, what the approval still waits for.
 */
@Injectable()
export class ProposalSteps {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AccessService,
    private readonly proposals: ProposalsRepository,
    private readonly trail: AuditRepository,
    private readonly council: CouncilApprovals,
    private readonly years: EmulationYearsRepository,
    private readonly scoring: ScoringService,
  ) {}

  of(p: Principal, proposalId: string): Promise<ProposalDossierFacts> {
    return this.uow.read(async (m) => {
      const proposal = await this.proposals.find(m, proposalId);
      if (!proposal) throw AppException.notFound('đề nghị');
      const cluster = await this.access.require(m, p, Permission.ClusterRead, proposal.clusterId);
      const steps = (await this.trail.steps(m, 'award_proposal', proposal.id)).map((s) => ({ at: s.occurredAt, action: s.action, actor: s.fullName ?? s.actorUsername, reason: s.reason }));
      const flagInReview = proposal.status === 'IN_REVIEW' && proposal.awardCode === 'EMULATION_FLAG';
      const proposalDeadline = (await this.years.find(m, proposal.clusterId, proposal.year))?.proposalDeadline ?? null;
      const { view: ranking } = await this.scoring.readableRanking(m, p, proposal.clusterId, proposal.year);
      const row = ranking.rows.find((r) => r.unit.id === proposal.unitId);
      return {
        steps,
        approvalBlocked: flagInReview ? await this.council.approvalRefusal(m, cluster.organizerId, proposal) : null,
        organizerId: cluster.organizerId,
        proposalDeadline,
        ranking: row ? { rank: row.rank, tie: row.tie, total: row.final?.total ?? null, units: ranking.rows.length, band: row.band, published: ranking.published } : null,
        council: await this.council.result(m, cluster.organizerId, proposal),
      };
    });
  }
}
