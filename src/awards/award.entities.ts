import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { Cluster } from '../clusters/cluster.entity';
import { Unit } from '../units/unit.entity';
import type { AwardCode } from './awards.rules';

/** An award of the catalogue (danh mục hình thức khen thưởng): data, not code. */
@Entity('awards')
export class Award {
  @PrimaryColumn('varchar', { length: 30 }) code: AwardCode;
  @Column('varchar', { length: 200 }) name: string;
  @Column('varchar', { name: 'conferred_by', length: 200 }) conferredBy: string;
  @Column('varchar', { name: 'legal_basis', length: 300 }) legalBasis: string;
  /** The reward in tenths of the base salary (80 = 8 times). */
  @Column('integer', { name: 'reward_multiple_tenths' }) rewardMultipleTenths: number;
  @Column('integer', { name: 'sort_order' }) sortOrder: number;
  @Column('varchar', { name: 'created_at', length: 30 }) createdAt: string;
}

/** A version of the award rules with its legal basis and dates (data, not code). */
@Entity('award_rule_versions')
export class AwardRuleVersion {
  @PrimaryColumn('varchar', { length: 36 }) id: string;
  @Column('varchar', { length: 200 }) basis: string;
  @Column('varchar', { name: 'valid_from', length: 10 }) validFrom: string;
  @Column('varchar', { name: 'valid_to', length: 10, nullable: true }) validTo: string | null;
  /** Approval of all members needed, in basis points. */
  @Column('integer', { name: 'flag_min_approval' }) flagMinApproval: number;
  @Column('integer', { name: 'merit_min_approval' }) meritMinApproval: number;
  /** Whether the share must be exceeded ("trên", e.g. more than half) rather than reached ("từ … trở lên"). */
  @Column('boolean', { name: 'flag_strictly_above', default: false }) flagStrictlyAbove: boolean;
  @Column('boolean', { name: 'merit_strictly_above', default: false }) meritStrictlyAbove: boolean;
  @Column('varchar', { length: 500, nullable: true }) note: string | null;
  @Column('varchar', { name: 'created_at', length: 30 }) createdAt: string;
}

/** Chỉ tiêu: how many of an award a cluster may propose for a year (set by the organiser). */
@Entity('award_quotas')
export class AwardQuota {
  @PrimaryColumn('varchar', { name: 'cluster_id', length: 36, primaryKeyConstraintName: 'pk_award_quotas' }) clusterId: string;
  @ManyToOne(() => Cluster, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'cluster_id', foreignKeyConstraintName: 'fk_award_quotas_cluster' })
  cluster?: Cluster;
  @PrimaryColumn('integer', { primaryKeyConstraintName: 'pk_award_quotas' }) year: number;
  @PrimaryColumn('varchar', { name: 'award_code', length: 30, primaryKeyConstraintName: 'pk_award_quotas' }) awardCode: AwardCode;
  @Column('integer') quota: number;
  /** The quotas of a cluster-year change together: every row carries the set's version. */
  @Column('integer', { default: 1 }) version: number;
  @Column('varchar', { name: 'updated_at', length: 30 }) updatedAt: string;
}

export const ATTENDANCE = ['PRESENT', 'WRITTEN_OPINION', 'ABSENT'] as const;
export type Attendance = (typeof ATTENDANCE)[number];
export const ATTENDANCE_LABELS: Record<Attendance, string> = {
  PRESENT: 'Có mặt',
  WRITTEN_OPINION: 'Vắng mặt, có ý kiến bằng văn bản',
  ABSENT: 'Vắng mặt',
};

/** Hội nghị bình xét of a cluster for the year it reviews. */
@Entity('review_meetings')
@Unique('uq_review_meetings_cluster_year', ['clusterId', 'year'])
export class ReviewMeeting {
  @PrimaryColumn('varchar', { length: 36 }) id: string;
  @Column('varchar', { name: 'cluster_id', length: 36 }) clusterId: string;
  @ManyToOne(() => Cluster, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'cluster_id', foreignKeyConstraintName: 'fk_review_meetings_cluster' })
  cluster?: Cluster;
  /** The emulation year reviewed. */
  @Column('integer') year: number;
  @Column('varchar', { name: 'held_on', length: 10 }) heldOn: string;
  @Column('varchar', { length: 200 }) place: string;
  @Column('varchar', { name: 'chaired_by', length: 200 }) chairedBy: string;
  @Column('varchar', { name: 'minutes_by', length: 200 }) minutesBy: string;
  /** The meeting chair's recorded decisions of ties at the last place: JSON {award: [unitId…]}. */
  @Column('text', { name: 'tie_decisions' }) tieDecisions: string;
  @Column('text', { nullable: true }) conclusions: string | null;
  @Column('integer') version: number;
  @Column('varchar', { name: 'created_at', length: 30 }) createdAt: string;
  @Column('varchar', { name: 'updated_at', length: 30 }) updatedAt: string;
}

@Entity('meeting_attendance')
export class MeetingAttendance {
  @PrimaryColumn('varchar', { name: 'meeting_id', length: 36, primaryKeyConstraintName: 'pk_meeting_attendance' }) meetingId: string;
  @ManyToOne(() => ReviewMeeting, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id', foreignKeyConstraintName: 'fk_meeting_attendance_meeting' })
  meeting?: ReviewMeeting;
  @PrimaryColumn('varchar', { name: 'unit_id', length: 36, primaryKeyConstraintName: 'pk_meeting_attendance' }) unitId: string;
  @ManyToOne(() => Unit, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'fk_meeting_attendance_unit' })
  unit?: Unit;
  @Column('varchar', { length: 20 }) status: Attendance;
  @Column('varchar', { length: 200, nullable: true }) representative: string | null;
  /** The member's share of women in hundredths of a percent, as the meeting recorded it (null: not recorded). */
  @Column('integer', { name: 'women_share_hundredths', nullable: true }) womenShareHundredths: number | null;
}

/** Kết quả bỏ phiếu: votes for one candidate and one award. */
@Entity('ballots')
export class Ballot {
  @PrimaryColumn('varchar', { name: 'meeting_id', length: 36, primaryKeyConstraintName: 'pk_ballots' }) meetingId: string;
  @ManyToOne(() => ReviewMeeting, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id', foreignKeyConstraintName: 'fk_ballots_meeting' })
  meeting?: ReviewMeeting;
  @PrimaryColumn('varchar', { name: 'award_code', length: 30, primaryKeyConstraintName: 'pk_ballots' }) awardCode: AwardCode;
  @PrimaryColumn('varchar', { name: 'unit_id', length: 36, primaryKeyConstraintName: 'pk_ballots' }) unitId: string;
  @ManyToOne(() => Unit, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'fk_ballots_unit' })
  unit?: Unit;
  @Column('integer', { name: 'votes_for' }) votesFor: number;
}
