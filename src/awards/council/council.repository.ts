import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { updateVersioned } from '../../database/unit-of-work';
import { AwardProposal } from '../award-proposal.entities';
import { ReviewMeeting } from '../award.entities';
import { Cluster } from '../../clusters/cluster.entity';
import { CouncilAttendance, CouncilBallot, CouncilMeeting, CouncilMember } from './council.entities';
import { councilListOrder } from './council.rules';

/** The emulation council's members, meetings, attendance and ballots. */
@Injectable()
export class CouncilRepository {
  members(m: EntityManager, organizerId: string): Promise<CouncilMember[]> {
    return m.find(CouncilMember, { where: { organizerId }, order: { fromDate: 'ASC', name: 'ASC' } });
  }

  /** Members in office on a date (their period holds it), the chair first. */
  async membersOn(m: EntityManager, organizerId: string, date: string): Promise<CouncilMember[]> {
    return councilListOrder((await this.members(m, organizerId)).filter((x) => x.fromDate <= date && (x.toDate === null || date <= x.toDate)), date);
  }

  member(m: EntityManager, id: string): Promise<CouncilMember | null> {
    return m.findOne(CouncilMember, { where: { id } });
  }

  async insertMember(m: EntityManager, row: CouncilMember): Promise<void> {
    await m.insert(CouncilMember, row);
  }

  updateMember(m: EntityManager, current: CouncilMember, version: number, changes: Partial<CouncilMember>): Promise<CouncilMember> {
    return updateVersioned(m, CouncilMember, current, version, changes, 'thành viên Hội đồng');
  }

  meeting(m: EntityManager, id: string): Promise<CouncilMeeting | null> {
    return m.findOne(CouncilMeeting, { where: { id } });
  }

  meetingOf(m: EntityManager, organizerId: string, year: number): Promise<CouncilMeeting | null> {
    return m.findOne(CouncilMeeting, { where: { organizerId, year } });
  }

  meetingsOf(m: EntityManager, organizerIds: string[] | null): Promise<CouncilMeeting[]> {
    return m.find(CouncilMeeting, { where: organizerIds ? { organizerId: In(organizerIds) } : {}, order: { year: 'DESC' } });
  }

  async insertMeeting(m: EntityManager, row: CouncilMeeting): Promise<void> {
    await m.insert(CouncilMeeting, row);
  }

  updateMeeting(m: EntityManager, current: CouncilMeeting, version: number, changes: Partial<CouncilMeeting>): Promise<CouncilMeeting> {
    return updateVersioned(m, CouncilMeeting, current, version, changes, 'cuộc họp Hội đồng');
  }

  attendance(m: EntityManager, meetingId: string): Promise<CouncilAttendance[]> {
    return m.find(CouncilAttendance, { where: { meetingId } });
  }

  async replaceAttendance(m: EntityManager, meetingId: string, rows: CouncilAttendance[]): Promise<void> {
    await m.delete(CouncilAttendance, { meetingId });
    if (rows.length) await m.insert(CouncilAttendance, rows);
  }

  ballots(m: EntityManager, meetingId: string): Promise<CouncilBallot[]> {
    return m.find(CouncilBallot, { where: { meetingId } });
  }

  ballotFor(m: EntityManager, meetingId: string, proposalId: string): Promise<CouncilBallot | null> {
    return m.findOne(CouncilBallot, { where: { meetingId, proposalId } });
  }

  async replaceBallots(m: EntityManager, meetingId: string, rows: CouncilBallot[]): Promise<void> {
    await m.delete(CouncilBallot, { meetingId });
    if (rows.length) await m.insert(CouncilBallot, rows);
  }

  /** The day of a cluster's review meeting of a year, or null. */
  async clusterMeetingDay(m: EntityManager, clusterId: string, year: number): Promise<string | null> {
    return (await m.findOne(ReviewMeeting, { where: { clusterId, year }, select: { heldOn: true } }))?.heldOn ?? null;
  }

  /** The year's proposals sent to the organiser from all its clusters (submitted, in review or already decided). */
  async proposalsOf(m: EntityManager, organizerId: string, year: number): Promise<AwardProposal[]> {
    const clusters = await m.find(Cluster, { where: { organizerId }, select: { id: true } });
    if (!clusters.length) return [];
    return m.find(AwardProposal, { where: { year, clusterId: In(clusters.map((c) => c.id)), status: In(['SUBMITTED', 'IN_REVIEW', 'APPROVED']) }, order: { awardCode: 'DESC', createdAt: 'ASC' } });
  }
}
