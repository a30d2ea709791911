import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { Cluster } from '../clusters/cluster.entity';
import { CriteriaSet } from '../criteria/criteria-set.entity';

export const PLEDGE_STATUSES = ['DRAFT', 'OPEN', 'COMPLETE'] as const;
export type PledgeStatus = (typeof PLEDGE_STATUSES)[number];

export const PLEDGE_STATUS_LABELS: Record<PledgeStatus, string> = {
  DRAFT: 'Dự thảo',
  OPEN: 'Đang ký',
  COMPLETE: 'Đã ký đủ',
};

/** Bản giao ước thi đua of a cluster-year: drafted by the secretariat, signed by every member unit. */
@Entity('pledges')
@Unique('uq_pledges_cluster_year', ['clusterId', 'year'])
export class Pledge {
  @PrimaryColumn('varchar', { length: 36 }) id: string;

  @Column('varchar', { name: 'cluster_id', length: 36 }) clusterId: string;
  @ManyToOne(() => Cluster, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'cluster_id', foreignKeyConstraintName: 'fk_pledges_cluster' })
  cluster?: Cluster;

  @Column('integer') year: number;
  @Column('varchar', { length: 12 }) status: PledgeStatus;
  /** e.g. "01/GƯ-CTĐ6"; optional, shown on the number line. */
  @Column('varchar', { name: 'document_number', length: 40, nullable: true }) documentNumber: string | null;
  @Column('varchar', { length: 300 }) title: string;
  @Column('varchar', { length: 500, nullable: true }) theme: string | null;
  /** Căn cứ …: JSON array of strings. */
  @Column('text', { name: 'legal_bases' }) legalBases: string;
  @Column('text') purpose: string;
  @Column('text') implementation: string;
  @Column('varchar', { name: 'signing_place', length: 100 }) signingPlace: string;
  @Column('varchar', { name: 'signing_date', length: 10 }) signingDate: string;

  @Column('varchar', { name: 'criteria_set_id', length: 36 }) criteriaSetId: string;
  @ManyToOne(() => CriteriaSet, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'criteria_set_id', foreignKeyConstraintName: 'fk_pledges_criteria_set' })
  criteriaSet?: CriteriaSet;

  @Column('varchar', { name: 'opened_at', length: 30, nullable: true }) openedAt: string | null;
  @Column('varchar', { name: 'completed_at', length: 30, nullable: true }) completedAt: string | null;

  /** The latest revision of the signed file (PAdES), in the FileStore: pledges/<id>/<sha256>.pdf; null before one is prepared or after a withdrawal. */
  @Column('varchar', { name: 'signed_file_path', length: 300, nullable: true }) signedFilePath: string | null;
  @Column('varchar', { name: 'signed_file_sha256', length: 64, nullable: true }) signedFileSha256: string | null;

  @Column('integer') version: number;
  @Column('varchar', { name: 'created_at', length: 30 }) createdAt: string;
  @Column('varchar', { name: 'updated_at', length: 30 }) updatedAt: string;
}
