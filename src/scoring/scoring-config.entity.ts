import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Cluster } from '../clusters/cluster.entity';
import { DEFAULT_BANDS } from './bands.rules';
import type { FinalScoreRule } from './ranking.rules';
import type { NormalizeMethod } from './normalization.rules';

export const PEER_MODES = ['ALL', 'ROTATION'] as const;
export type PeerMode = (typeof PEER_MODES)[number];

/** How a cluster-year is scored and ranked (configuration, not code). */
@Entity('scoring_configs')
export class ScoringConfig {
  @PrimaryColumn('varchar', { name: 'cluster_id', length: 36, primaryKeyConstraintName: 'pk_scoring_configs' }) clusterId: string;
  @ManyToOne(() => Cluster, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'cluster_id', foreignKeyConstraintName: 'fk_scoring_configs_cluster' })
  cluster?: Cluster;
  @PrimaryColumn('integer', { primaryKeyConstraintName: 'pk_scoring_configs' }) year: number;

  @Column('varchar', { length: 30 }) rule: FinalScoreRule;
  @Column('boolean') normalize: boolean;
  /** MEAN_SHIFT, Z_SCORE or MIN_MAX (normalization.rules). */
  @Column('varchar', { name: 'normalize_method', length: 12, default: 'MEAN_SHIFT' }) normalizeMethod: NormalizeMethod;
  /** A peer scorer is normalised only when it scored at least this many units; otherwise left raw and flagged. */
  @Column('integer', { name: 'normalize_min_units', default: 3 }) normalizeMinUnits: number;
  /** Hundredths. */
  @Column('integer', { name: 'self_margin' }) selfMargin: number;
  @Column('integer', { name: 'peer_outlier' }) peerOutlier: number;
  /** JSON [{minPoints (hundredths), label}], highest first. */
  @Column('text') bands: string;
  /** ALL: everyone scores everyone else; ROTATION: each unit scores the next k in the member order. */
  @Column('varchar', { name: 'peer_mode', length: 10 }) peerMode: PeerMode;
  @Column('integer', { name: 'peer_k' }) peerK: number;
  /** The cluster's regulation forbids two units scoring each other (conflict.rules). */
  @Column('boolean', { name: 'forbid_reciprocal', default: false }) forbidReciprocal: boolean;
  /** The explanation round (giải trình) is open until this day (inclusive); null: no round opened. */
  @Column('varchar', { name: 'contest_until', length: 10, nullable: true }) contestUntil: string | null;
  /** Once published, members read every sheet of the year (before: only their own). */
  @Column('varchar', { name: 'published_at', length: 30, nullable: true }) publishedAt: string | null;

  @Column('integer') version: number;
  @Column('varchar', { name: 'created_at', length: 30 }) createdAt: string;
  @Column('varchar', { name: 'updated_at', length: 30 }) updatedAt: string;
}

/** The settings a cluster-year has until someone saves its own. */
export function defaultScoringConfig(clusterId: string, year: number): ScoringConfig {
  return {
    clusterId,
    year,
    rule: 'CLUSTER',
    normalize: false,
    normalizeMethod: 'MEAN_SHIFT',
    normalizeMinUnits: 3,
    selfMargin: 500,
    peerOutlier: 1000,
    bands: JSON.stringify(DEFAULT_BANDS),
    peerMode: 'ALL',
    peerK: 2,
    forbidReciprocal: false,
    contestUntil: null,
    publishedAt: null,
    version: 0,
    createdAt: '',
    updatedAt: '',
  };
}
