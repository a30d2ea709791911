import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { Attachment } from '../attachments/attachment.entity';
import { Cluster } from '../clusters/cluster.entity';
import { Unit } from '../units/unit.entity';
import type { AwardCode } from './awards.rules';
import type { ProposalStatus } from './proposals.rules';

/** Đề nghị khen thưởng: one award for one unit, from a cluster-year, through the ministry's review. */
@Entity('award_proposals')
@Unique('uq_award_proposals_unit', ['clusterId', 'year', 'awardCode', 'unitId'])
@Index('ix_award_proposals_status', ['status'])
export class AwardProposal {
  @PrimaryColumn('varchar', { length: 36 }) id: string;
  @Column('varchar', { name: 'cluster_id', length: 36 }) clusterId: string;
  @ManyToOne(() => Cluster, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'cluster_id', foreignKeyConstraintName: 'fk_award_proposals_cluster' })
  cluster?: Cluster;
  @Column('integer') year: number;
  @Column('varchar', { name: 'award_code', length: 30 }) awardCode: AwardCode;
  @Column('varchar', { name: 'unit_id', length: 36 }) unitId: string;
  @ManyToOne(() => Unit, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'fk_award_proposals_unit' })
  unit?: Unit;
  @Column('varchar', { length: 12 }) status: ProposalStatus;
  @Column('integer', { name: 'votes_for' }) votesFor: number;
  /** Approval of all members at the vote, basis points. */
  @Column('integer') approval: number;
  @Column('varchar', { name: 'basis_note', length: 500 }) basisNote: string;
  @Column('varchar', { name: 'created_by_user_id', length: 36 }) createdByUserId: string;
  @Column('varchar', { name: 'reviewer_user_id', length: 36, nullable: true }) reviewerUserId: string | null;
  @Column('varchar', { name: 'review_note', length: 500, nullable: true }) reviewNote: string | null;
  /** The date Bộ gave the cluster to resend a returned proposal by (null: none given, the year's deadline stands). */
  @Column('varchar', { name: 'resubmit_by', length: 10, nullable: true }) resubmitBy?: string | null;
  /** What the cluster added when it resent the proposal after a return (its "Nội dung bổ sung"). */
  @Column('varchar', { name: 'supplement_note', length: 500, nullable: true }) supplementNote?: string | null;
  @Column('varchar', { name: 'decision_number', length: 60, nullable: true }) decisionNumber: string | null;
  @Column('varchar', { name: 'decision_date', length: 10, nullable: true }) decisionDate: string | null;
  @Column('varchar', { name: 'submitted_at', length: 30, nullable: true }) submittedAt: string | null;
  /** The Tờ trình (issued_documents.id) it was last sent with; null before it is issued (or for older sendings). */
  @Column('varchar', { name: 'submission_document_id', length: 36, nullable: true }) submissionDocumentId?: string | null;
  @Column('integer') version: number;
  @Column('varchar', { name: 'created_at', length: 30 }) createdAt: string;
  @Column('varchar', { name: 'updated_at', length: 30 }) updatedAt: string;
}

/** Lịch sử khen thưởng: the awards a unit received, by the Minister's decision. */
@Entity('award_history')
@Unique('uq_award_history_proposal', ['proposalId'])
@Index('ix_award_history_unit', ['unitId'])
export class AwardHistory {
  @PrimaryColumn('varchar', { length: 36 }) id: string;
  @Column('varchar', { name: 'unit_id', length: 36 }) unitId: string;
  @ManyToOne(() => Unit, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'fk_award_history_unit' })
  unit?: Unit;
  @Column('integer') year: number;
  @Column('varchar', { name: 'award_code', length: 30 }) awardCode: AwardCode;
  @Column('varchar', { name: 'cluster_id', length: 36 }) clusterId: string;
  @Column('varchar', { name: 'decision_number', length: 60 }) decisionNumber: string;
  @Column('varchar', { name: 'decision_date', length: 10 }) decisionDate: string;
  @Column('varchar', { name: 'proposal_id', length: 36 }) proposalId: string;
  @Column('varchar', { name: 'created_at', length: 30 }) createdAt: string;
}

/** Báo cáo thành tích of a proposed unit, kept under data/reports with its SHA-256. */
@Entity('achievement_reports')
@Index('ix_achievement_reports_proposal', ['proposalId'])
export class AchievementReport extends Attachment {
  @Column('varchar', { name: 'proposal_id', length: 36 }) proposalId: string;
  @ManyToOne(() => AwardProposal, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'proposal_id', foreignKeyConstraintName: 'fk_achievement_reports_proposal' })
  proposal?: AwardProposal;
}
