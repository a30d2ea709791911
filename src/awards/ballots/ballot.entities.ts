import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { User } from '../../auth/user.entity';
import { Unit } from '../../units/unit.entity';
import { ReviewMeeting } from '../award.entities';
import { Attachment } from '../../attachments/attachment.entity';
import type { AwardCode } from '../awards.rules';

export type BallotMode = 'ONLINE' | 'PAPER';
export type BallotStatus = 'OPEN' | 'CLOSED';

/**
 * Phiên bỏ phiếu kín of one award at the review meeting: its candidates (those the rules allow), the quota each
 * ballot may approve up to, and once closed its tally (figures and votes per candidate, JSON), which then never
 * changes. Online: the units present vote from their accounts; paper: two people enter the counts.
 */
@Entity('ballot_sessions')
@Unique('uq_ballot_sessions_award', ['meetingId', 'awardCode'])
export class BallotSession {
  @PrimaryColumn('varchar', { length: 36 }) id: string;
  @Column('varchar', { name: 'meeting_id', length: 36 }) meetingId: string;
  @ManyToOne(() => ReviewMeeting, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'meeting_id', foreignKeyConstraintName: 'fk_ballot_sessions_meeting' })
  meeting?: ReviewMeeting;
  @Column('varchar', { name: 'award_code', length: 30 }) awardCode: AwardCode;
  @Column('varchar', { length: 10 }) mode: BallotMode;
  @Column('varchar', { length: 10 }) status: BallotStatus;
  @Column('integer') quota: number;
  /** The candidates' unit ids, JSON. */
  @Column('text') candidates: string;
  /** The tally once closed (BallotTally, JSON). */
  @Column('text', { nullable: true }) tally: string | null;
  /** Ban kiểm phiếu: the names entered when closing, JSON. */
  @Column('text', { name: 'counting_committee', nullable: true }) countingCommittee: string | null;
  /** The chair's reason for deciding a tie at the last place within the quota. */
  @Column('varchar', { name: 'tie_reason', length: 1000, nullable: true }) tieReason: string | null;
  @Column('varchar', { name: 'opened_at', length: 30 }) openedAt: string;
  @Column('varchar', { name: 'closed_at', length: 30, nullable: true }) closedAt: string | null;
  @Column('integer') version: number;
}

/**
 * The voter roll (danh sách đại biểu biểu quyết): each eligible unit, written when the ballot opens, and whether it
 * has voted. Nothing here joins a unit to its ballot: no time, no order of voting (keyed by unit, WITHOUT ROWID).
 */
@Entity('ballot_voters')
export class BallotVoter {
  @PrimaryColumn('varchar', { name: 'session_id', length: 36, primaryKeyConstraintName: 'pk_ballot_voters' }) sessionId: string;
  @PrimaryColumn('varchar', { name: 'unit_id', length: 36, primaryKeyConstraintName: 'pk_ballot_voters' }) unitId: string;
  @Column('boolean') voted: boolean;
  @ManyToOne(() => BallotSession, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'fk_ballot_voters_session' })
  session?: BallotSession;
  @ManyToOne(() => Unit, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'fk_ballot_voters_unit' })
  unit?: Unit;
}

/**
 * A ballot as cast: its receipt code (random, the key), and the approved candidates (sorted unit ids, JSON). No voter,
 * no time, no sequence; stored in receipt order (WITHOUT ROWID on SQLite; the session's box rewritten in receipt
 * order at every vote, so no table's physical order follows the order of voting).
 */
@Entity('cast_ballots')
@Index('ix_cast_ballots_session', ['sessionId', 'receipt'])
export class CastBallot {
  @PrimaryColumn('varchar', { length: 20 }) receipt: string;
  @Column('varchar', { name: 'session_id', length: 36 }) sessionId: string;
  @Column('text') choices: string;
  @ManyToOne(() => BallotSession, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'fk_cast_ballots_session' })
  session?: BallotSession;
}

/** One of the two independent entries of a paper ballot's counts (nhập hai lần): who entered it and the figures (JSON). */
@Entity('ballot_count_entries')
export class BallotCountEntry {
  @PrimaryColumn('varchar', { name: 'session_id', length: 36, primaryKeyConstraintName: 'pk_ballot_count_entries' }) sessionId: string;
  @PrimaryColumn('integer', { primaryKeyConstraintName: 'pk_ballot_count_entries' }) turn: number;
  @Column('varchar', { name: 'entered_by', length: 36 }) enteredBy: string;
  @Column('text') figures: string;
  @Column('varchar', { name: 'entered_at', length: 30 }) enteredAt: string;
  @ManyToOne(() => BallotSession, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'fk_ballot_count_entries_session' })
  session?: BallotSession;
  @ManyToOne(() => User, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'entered_by', foreignKeyConstraintName: 'fk_ballot_count_entries_user' })
  enteredByUser?: User;
}

/**
 * Ý kiến bằng văn bản of a member absent from the meeting, for one ballot: the candidates it approves (JSON) and its
 * scanned letter (the attachment's columns). A signed letter, not a secret ballot: it names its unit. It counts in
 * the tally only when the cluster's regulation says so.
 */
@Entity('written_opinions')
@Unique('uq_written_opinions_unit', ['sessionId', 'unitId'])
export class WrittenOpinion extends Attachment {
  @Column('varchar', { name: 'session_id', length: 36 }) sessionId: string;
  @Column('varchar', { name: 'unit_id', length: 36 }) unitId: string;
  @Column('text') choices: string;
  @ManyToOne(() => BallotSession, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'fk_written_opinions_session' })
  session?: BallotSession;
  @ManyToOne(() => Unit, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'fk_written_opinions_unit' })
  unit?: Unit;
}
