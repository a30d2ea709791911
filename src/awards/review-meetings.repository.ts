import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { nowIso } from '../common/time';
import { updateVersioned } from '../database/unit-of-work';
import { Ballot, MeetingAttendance, ReviewMeeting } from './award.entities';
import { BallotSession } from './ballots/ballot.entities';

/** Review meetings with their attendance and ballots: the queries, and the writes behind the meeting's version. */
@Injectable()
export class ReviewMeetingsRepository {
  /** A cluster's meeting reviewing a year, or null. */
  find(m: EntityManager, clusterId: string, year: number): Promise<ReviewMeeting | null> {
    return m.findOne(ReviewMeeting, { where: { clusterId, year } });
  }

  exists(m: EntityManager, clusterId: string, year: number): Promise<boolean> {
    return m.exists(ReviewMeeting, { where: { clusterId, year } });
  }

  async insert(m: EntityManager, meeting: ReviewMeeting): Promise<void> {
    await m.insert(ReviewMeeting, meeting);
  }

  /** Whether a secret ballot was opened at the meeting (its results then come from the ballot). */
  ballotHeld(m: EntityManager, meetingId: string): Promise<boolean> {
    return m.exists(BallotSession, { where: { meetingId } });
  }

  /** A meeting's attendance, as stored. */
  attendance(m: EntityManager, meetingId: string): Promise<MeetingAttendance[]> {
    return m.find(MeetingAttendance, { where: { meetingId } });
  }

  /** A meeting's ballots, as stored. */
  ballots(m: EntityManager, meetingId: string): Promise<Ballot[]> {
    return m.find(Ballot, { where: { meetingId } });
  }

  /** Replaces the meeting's attendance, after its version check (see `bump`); answers the meeting as written. */
  async replaceAttendance(m: EntityManager, meeting: ReviewMeeting, expectedVersion: number, rows: Omit<MeetingAttendance, 'meetingId'>[]): Promise<ReviewMeeting> {
    const updated = await this.bump(m, meeting, expectedVersion, {});
    await m.delete(MeetingAttendance, { meetingId: meeting.id });
    if (rows.length) await m.insert(MeetingAttendance, rows.map((r) => ({ ...r, meetingId: meeting.id })));
    return updated;
  }

  /** Replaces the meeting's ballots and its tie decisions (JSON), after its version check (see `bump`). */
  async replaceBallots(m: EntityManager, meeting: ReviewMeeting, expectedVersion: number, tieDecisions: string, rows: Omit<Ballot, 'meetingId'>[]): Promise<ReviewMeeting> {
    const updated = await this.bump(m, meeting, expectedVersion, { tieDecisions });
    await m.delete(Ballot, { meetingId: meeting.id });
    if (rows.length) await m.insert(Ballot, rows.map((r) => ({ ...r, meetingId: meeting.id })));
    return updated;
  }

  /**
   * The optimistic version check as a conditional update, made before the meeting's rows are written: a
   * concurrent writer that read the same version waits here and then finds it stale, having written nothing.
   */
  private bump(m: EntityManager, meeting: ReviewMeeting, version: number, changes: Partial<ReviewMeeting>): Promise<ReviewMeeting> {
    return updateVersioned(m, ReviewMeeting, meeting, version, { ...changes, updatedAt: nowIso() }, 'hội nghị bình xét');
  }
}
