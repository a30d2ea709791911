import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Cluster } from '../clusters/cluster.entity';
import { EmulationYearsRepository } from '../clusters/emulation-years.repository';
import { Notifier } from '../notifications/notifier';
import { recipients } from '../notifications/recipients';
import type { AwardProposal } from './award-proposal.entities';
import { clusterTagOf } from '../clusters/cluster-tag';
import { decisionNotice, resubmitNotice } from './proposal-notices';
import type { ProposalAction } from './proposals.rules';
import type { ProposalView } from './proposal-view';

/** Who is told of a proposal's step, in the step's transaction (in the app and by e-mail). */
@Injectable()
export class ProposalStepNotices {
  constructor(
    private readonly notifier: Notifier,
    private readonly years: EmulationYearsRepository,
  ) {}

  async afterStep(m: EntityManager, cluster: Cluster, before: AwardProposal, view: ProposalView, action: ProposalAction): Promise<void> {
    if (action === 'return' || action === 'reject' || action === 'approve') await this.tellSecretariat(m, cluster, view, action);
    // A reviewer took it up: the notice that it came back and the queue's reminders that it waits have been acted on.
    if (action === 'claim') await this.notifier.settle(m, [`proposal.resubmit:${before.id}:`, `queue:${before.id}:${before.status}:`]);
    if (action !== 'resubmit') return;
    // The reviewer who returned it is told it came back, with what was added (the organiser's reviewers if they no longer are one).
    const reviewers = await recipients.reviewers(m, cluster.organizerId);
    await this.notifier.notify(m, before.reviewerUserId && reviewers.includes(before.reviewerUserId) ? [before.reviewerUserId] : reviewers, resubmitNotice({ id: cluster.id, tag: await clusterTagOf(m, cluster.id) }, view));
    // Resent: the return's notices and reminders have been acted on.
    await this.notifier.settle(m, [`proposal.return:${before.id}:`, `resubmission:${before.id}:`]);
  }

  /** A proposal Bộ returned, refused or approved: the cluster's secretariat is told (an approval, the awarded unit's officers too). */
  private async tellSecretariat(m: EntityManager, cluster: Cluster, pr: ProposalView, action: 'return' | 'reject' | 'approve'): Promise<void> {
    const deadline = (await this.years.find(m, cluster.id, pr.year))?.proposalDeadline ?? null;
    const unit = action === 'approve' ? await recipients.unitOfficers(m, [pr.unit.id]) : [];
    await this.notifier.notify(m, [...new Set([...(await recipients.secretariat(m, cluster.id)), ...unit])], decisionNotice({ id: cluster.id, tag: await clusterTagOf(m, cluster.id) }, pr, action, deadline));
  }
}
