import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { formatDateVi } from '../../common/time';
import type { AwardProposal } from '../award-proposal.entities';
import { CouncilRepository } from './council.repository';
import { councilDateProblem } from './council.rules';
import { COUNCIL, CouncilService } from './council.service';

/** The council's vote on one proposal: at which meeting, how many of how many members, and whether it reached the share. */
export interface CouncilResult {
  meetingId: string;
  heldOn: string;
  closed: boolean;
  members: number;
  votesFor: number | null;
  ratioText: string | null;
  requiredText: string | null;
  passed: boolean | null;
}

/** What the council's meeting of a year means for approving a proposal and for drafting the decision. */
@Injectable()
export class CouncilApprovals {
  constructor(
    private readonly repo: CouncilRepository,
    private readonly council: CouncilService,
  ) {}

  /** The proposals of a year the council's closed meeting passed (empty before it closed). */
  async passedProposals(m: EntityManager, organizerId: string, year: number): Promise<Set<string>> {
    const meeting = await this.repo.meetingOf(m, organizerId, year);
    if (!meeting || meeting.status !== 'CLOSED') return new Set();
    return new Set((await this.council.view(m, meeting)).ballots.filter((b) => b.passed).map((b) => b.proposalId));
  }

  /**
   * A decision dated before the council's meeting of the year that considers the proposal (a Cờ always; another award
   * once it is on the ballot, closed or not yet): refused, since the decision cites the meeting's minutes.
   */
  async decisionBeforeMeeting(m: EntityManager, organizerId: string, proposal: AwardProposal, decisionDate: string): Promise<string | null> {
    const meeting = await this.repo.meetingOf(m, organizerId, proposal.year);
    if (!meeting || decisionDate >= meeting.heldOn) return null;
    const considered = proposal.awardCode === 'EMULATION_FLAG' || (await this.repo.ballots(m, meeting.id)).some((b) => b.proposalId === proposal.id);
    return considered ? councilDateProblem(meeting.heldOn) : null;
  }

  /** The council's vote on a proposal, as its dossier shows it, or null while no meeting of the year has it on its ballot. */
  async result(m: EntityManager, organizerId: string, proposal: AwardProposal): Promise<CouncilResult | null> {
    const meeting = await this.repo.meetingOf(m, organizerId, proposal.year);
    if (!meeting) return null;
    const view = await this.council.view(m, meeting);
    const ballot = view.ballots.find((b) => b.proposalId === proposal.id);
    if (!ballot) return null;
    return { meetingId: meeting.id, heldOn: meeting.heldOn, closed: meeting.status === 'CLOSED', members: view.memberCount, votesFor: ballot.votesFor, ratioText: ballot.ratioText, requiredText: ballot.requiredText, passed: ballot.passed };
  }

  /**
   * Whether the council's closed meeting of the proposal's organiser and year passed it: what approving a Cờ needs.
   * Answers the refusal's sentence, or null when the council's result allows the approval.
   */
  async approvalRefusal(m: EntityManager, organizerId: string, proposal: AwardProposal): Promise<string | null> {
    const meeting = await this.repo.meetingOf(m, organizerId, proposal.year);
    if (!meeting || meeting.status !== 'CLOSED') return `Cờ thi đua chỉ được phê duyệt sau khi ${COUNCIL} họp, biểu quyết và chốt biên bản xét khen thưởng năm ${proposal.year}.`;
    const ballot = (await this.council.view(m, meeting)).ballots.find((b) => b.proposalId === proposal.id);
    if (!ballot || ballot.votesFor === null) return `${COUNCIL} chưa biểu quyết đề nghị này.`;
    if (ballot.passed === null) return `Danh mục pháp lý chưa có tỷ lệ biểu quyết của ${COUNCIL} cho Cờ thi đua vào ngày họp (${formatDateVi(meeting.heldOn)}): quản trị viên cần bổ sung trước khi phê duyệt.`;
    if (!ballot.passed) return `Đề nghị chỉ đạt ${ballot.ratioText} tổng số thành viên ${COUNCIL}, chưa đạt mức ${ballot.requiredText}.`;
    return null;
  }
}
