import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { Cluster } from './cluster.entity';

/** Năm thi đua of a cluster, with the dates of its phases (YYYY-MM-DD, all optional until planned). */
@Entity('emulation_years')
@Unique('uq_emulation_years_cluster_year', ['clusterId', 'year'])
export class EmulationYear {
  @PrimaryColumn('varchar', { length: 36 }) id: string;

  @Column('varchar', { name: 'cluster_id', length: 36 }) clusterId: string;
  @ManyToOne(() => Cluster, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'cluster_id', foreignKeyConstraintName: 'fk_emulation_years_cluster' })
  cluster?: Cluster;

  @Column('integer') year: number;

  /** Ký kết giao ước */
  @Column('varchar', { name: 'pledge_signing_on', length: 10, nullable: true }) pledgeSigningOn: string | null;
  /** Sơ kết 6 tháng */
  @Column('varchar', { name: 'mid_year_review_on', length: 10, nullable: true }) midYearReviewOn: string | null;
  /** Chấm điểm: opens / closes */
  @Column('varchar', { name: 'scoring_opens_on', length: 10, nullable: true }) scoringOpensOn: string | null;
  @Column('varchar', { name: 'scoring_closes_on', length: 10, nullable: true }) scoringClosesOn: string | null;
  /** Họp bình xét (usually in the first quarter of the next year) */
  @Column('varchar', { name: 'review_meeting_on', length: 10, nullable: true }) reviewMeetingOn: string | null;
  /** Hạn gửi hồ sơ đề nghị khen thưởng */
  @Column('varchar', { name: 'proposal_deadline', length: 10, nullable: true }) proposalDeadline: string | null;

  @Column('integer') version: number;
  @Column('varchar', { name: 'created_at', length: 30 }) createdAt: string;
  @Column('varchar', { name: 'updated_at', length: 30 }) updatedAt: string;
}
