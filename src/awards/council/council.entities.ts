import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Unit } from '../../units/unit.entity';
import { AwardProposal } from '../award-proposal.entities';

export const COUNCIL_ROLES = ['CHAIR', 'VICE_CHAIR', 'MEMBER'] as const;
export type CouncilRole = (typeof COUNCIL_ROLES)[number];
export const COUNCIL_ROLE_LABELS: Record<CouncilRole, string> = { CHAIR: 'Chủ tịch Hội đồng', VICE_CHAIR: 'Phó Chủ tịch Hội đồng', MEMBER: 'Ủy viên' };

/** PRESENT: at the meeting; WRITTEN: absent, gave a written opinion (counted as a vote); ABSENT: no vote. */
export const COUNCIL_ATTENDANCE = ['PRESENT', 'WRITTEN', 'ABSENT'] as const;
export type CouncilAttendanceStatus = (typeof COUNCIL_ATTENDANCE)[number];
export const COUNCIL_ATTENDANCE_LABELS: Record<CouncilAttendanceStatus, string> = { PRESENT: 'Có mặt', WRITTEN: 'Vắng, có ý kiến bằng văn bản', ABSENT: 'Vắng' };

/** A member of an organiser's emulation council (Hội đồng Thi đua – Khen thưởng) for a period. */
@Entity('council_members')
export class CouncilMember {
  @PrimaryColumn('varchar', { length: 36 }) id: string;
  @Index('ix_council_members_organizer')
  @Column('varchar', { name: 'organizer_id', length: 36 })
  organizerId: string;
  @ManyToOne(() => Unit, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organizer_id', foreignKeyConstraintName: 'fk_council_members_organizer' })
  organizer?: Unit;
  @Column('varchar', { length: 200 }) name: string;
  @Column('varchar', { length: 300 }) position: string;
  @Column('varchar', { length: 20 }) role: CouncilRole;
  @Column('varchar', { name: 'from_date', length: 10 }) fromDate: string;
  @Column('varchar', { name: 'to_date', length: 10, nullable: true }) toDate: string | null;
  @Column('integer') version: number;
  @Column('varchar', { name: 'created_at', length: 30 }) createdAt: string;
  @Column('varchar', { name: 'updated_at', length: 30 }) updatedAt: string;
}

/** The council's meeting on the proposals of an emulation year; CLOSED once its result is final. */
@Entity('council_meetings')
@Index('ux_council_meetings_organizer_year', ['organizerId', 'year'], { unique: true })
export class CouncilMeeting {
  @PrimaryColumn('varchar', { length: 36 }) id: string;
  @Column('varchar', { name: 'organizer_id', length: 36 }) organizerId: string;
  @ManyToOne(() => Unit, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organizer_id', foreignKeyConstraintName: 'fk_council_meetings_organizer' })
  organizer?: Unit;
  @Column('integer') year: number;
  @Column('varchar', { name: 'held_on', length: 10 }) heldOn: string;
  @Column('varchar', { length: 200 }) place: string;
  @Column('varchar', { name: 'minutes_by', length: 200 }) minutesBy: string;
  @Column('varchar', { length: 10 }) status: 'OPEN' | 'CLOSED';
  @Column('varchar', { name: 'closed_at', length: 30, nullable: true }) closedAt: string | null;
  @Column('varchar', { length: 2000, nullable: true }) conclusions: string | null;
  /** The shares the meeting was closed against (JSON of CatalogueValue per award); null while open or closed before 05/12/2026. */
  @Column('varchar', { name: 'applied_shares', length: 4000, nullable: true }) appliedShares: string | null;
  @Column('integer') version: number;
  @Column('varchar', { name: 'created_at', length: 30 }) createdAt: string;
  @Column('varchar', { name: 'updated_at', length: 30 }) updatedAt: string;
}

@Entity('council_attendance')
export class CouncilAttendance {
  @PrimaryColumn('varchar', { name: 'meeting_id', length: 36 }) meetingId: string;
  @ManyToOne(() => CouncilMeeting, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id', foreignKeyConstraintName: 'fk_council_attendance_meeting' })
  meeting?: CouncilMeeting;
  @PrimaryColumn('varchar', { name: 'member_id', length: 36 }) memberId: string;
  @ManyToOne(() => CouncilMember, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'fk_council_attendance_member' })
  member?: CouncilMember;
  @Column('varchar', { length: 10 }) status: CouncilAttendanceStatus;
}

/** The council's vote on one proposal: votes for (present and written), and how the chair voted (ties). */
@Entity('council_ballots')
export class CouncilBallot {
  @PrimaryColumn('varchar', { name: 'meeting_id', length: 36 }) meetingId: string;
  @ManyToOne(() => CouncilMeeting, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id', foreignKeyConstraintName: 'fk_council_ballots_meeting' })
  meeting?: CouncilMeeting;
  @PrimaryColumn('varchar', { name: 'proposal_id', length: 36 }) proposalId: string;
  @ManyToOne(() => AwardProposal, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'proposal_id', foreignKeyConstraintName: 'fk_council_ballots_proposal' })
  proposal?: AwardProposal;
  @Column('integer', { name: 'votes_for' }) votesFor: number;
  @Column('boolean', { name: 'chair_for' }) chairFor: boolean;
}
