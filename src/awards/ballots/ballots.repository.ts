import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { updateVersioned } from '../../database/unit-of-work';
import { nowIso } from '../../common/time';
import { Ballot, ReviewMeeting } from '../award.entities';
import type { AwardCode } from '../awards.rules';
import { BallotCountEntry, BallotSession, BallotVoter, CastBallot } from './ballot.entities';

/** The secret ballot's queries: sessions, the roll, the ballot box (always in receipt order), the paper entries. */
@Injectable()
export class BallotsRepository {
  session(m: EntityManager, id: string): Promise<BallotSession | null> {
    return m.findOne(BallotSession, { where: { id } });
  }

  sessions(m: EntityManager, meetingId: string): Promise<BallotSession[]> {
    return m.find(BallotSession, { where: { meetingId }, order: { awardCode: 'ASC' } });
  }

  async insertSession(m: EntityManager, session: BallotSession, roll: string[]): Promise<void> {
    await m.insert(BallotSession, session);
    if (roll.length) await m.insert(BallotVoter, [...roll].sort().map((unitId) => ({ sessionId: session.id, unitId, voted: false })));
  }

  /** The roll, by unit id. */
  roll(m: EntityManager, sessionId: string): Promise<BallotVoter[]> {
    return m.find(BallotVoter, { where: { sessionId }, order: { unitId: 'ASC' } });
  }

  /** Marks a unit of the roll as having voted; false when it had already (a concurrent second vote included). */
  async markVoted(m: EntityManager, sessionId: string, unitId: string): Promise<boolean> {
    const result = await m.createQueryBuilder().update(BallotVoter).set({ voted: true }).where('session_id = :sessionId AND unit_id = :unitId AND voted = :no', { sessionId, unitId, no: false }).execute();
    return result.affected === 1;
  }

  /**
   * Drops a ballot in the box. The session's box is then rewritten in receipt order, so that neither a rowid nor a
   * heap's physical order (PostgreSQL appends) keeps the order in which ballots came.
   */
  async dropBallot(m: EntityManager, ballot: CastBallot): Promise<void> {
    const box = [...(await this.box(m, ballot.sessionId)), ballot].sort((a, b) => a.receipt.localeCompare(b.receipt));
    await m.delete(CastBallot, { sessionId: ballot.sessionId });
    await m.insert(CastBallot, box);
  }

  /** The ballots cast in a session, by receipt. */
  box(m: EntityManager, sessionId: string): Promise<CastBallot[]> {
    return m.find(CastBallot, { where: { sessionId }, order: { receipt: 'ASC' } });
  }

  countEntries(m: EntityManager, sessionId: string): Promise<BallotCountEntry[]> {
    return m.find(BallotCountEntry, { where: { sessionId }, order: { turn: 'ASC' } });
  }

  async deleteCountEntries(m: EntityManager, sessionId: string): Promise<void> {
    await m.delete(BallotCountEntry, { sessionId });
  }

  async insertCountEntry(m: EntityManager, entry: BallotCountEntry): Promise<void> {
    await m.insert(BallotCountEntry, entry);
  }

  update(m: EntityManager, session: BallotSession, version: number, changes: Partial<BallotSession>): Promise<BallotSession> {
    return updateVersioned(m, BallotSession, session, version, changes, 'phiên bỏ phiếu');
  }

  /** The closed ballot's votes become the meeting's result for the award (what the proposals rest on). */
  async recordResult(m: EntityManager, meeting: ReviewMeeting, award: AwardCode, votes: Record<string, number>, tieDecisions = meeting.tieDecisions): Promise<void> {
    await updateVersioned(m, ReviewMeeting, meeting, meeting.version, { tieDecisions, updatedAt: nowIso() }, 'hội nghị bình xét');
    await m.delete(Ballot, { meetingId: meeting.id, awardCode: award });
    const rows = Object.entries(votes).map(([unitId, votesFor]) => ({ meetingId: meeting.id, awardCode: award, unitId, votesFor }));
    if (rows.length) await m.insert(Ballot, rows);
  }
}
