import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { hostname } from 'node:os';
import type { EntityManager } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.tokens';
import { executeRaw, rawQuery } from './raw-sql';
import { UnitOfWork } from './unit-of-work';

/** A scheduled job: its work runs in one transaction with the claim of its time slot; it answers a short outcome. */
export interface ScheduledJob {
  name: string;
  everyMs: number;
  run(m: EntityManager): Promise<string>;
}

/** The slot of a moment for a job run every `everyMs`: the start of its period (ISO). */
export function slotOf(now: number, everyMs: number): string {
  return new Date(Math.floor(now / everyMs) * everyMs).toISOString();
}

/**
 * Runs the registered jobs once per time slot across every instance on the database.
 * A run is one transaction that (PostgreSQL) takes the job's transaction-scoped advisory lock without waiting —
 * another instance running it skips —, inserts the slot's row in `job_runs` (its primary key (job, slot):
 * a slot already done is skipped), does the work and records its outcome. The claim commits with the work or
 * not at all: an instance that dies mid-run leaves no row and releases its lock, so the next tick of any
 * instance runs that slot; a slot that committed never runs again.
 */
@Injectable()
export class JobScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(JobScheduler.name);
  private readonly jobs: ScheduledJob[] = [];
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  readonly instance = `${hostname()}:${process.pid}`;

  constructor(
    private readonly uow: UnitOfWork,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.register({ name: 'job-runs-cleanup', everyMs: 24 * 60 * 60_000, run: async (m) => `${await executeRaw(m, 'DELETE FROM job_runs WHERE started_at < ?', [new Date(Date.now() - 90 * 24 * 60 * 60_000).toISOString()])} dòng đã xoá` });
  }

  register(job: ScheduledJob): void {
    if (this.jobs.some((j) => j.name === job.name)) throw new Error(`Job ${job.name} registered twice`);
    this.jobs.push(job);
  }

  onApplicationBootstrap(): void {
    if (!this.config.jobsTickSeconds) return;
    this.timer = setInterval(() => void this.tick(), this.config.jobsTickSeconds * 1000);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** One pass over the jobs (ticks do not overlap); answers the names of the jobs this instance ran. */
  async tick(now = Date.now()): Promise<string[]> {
    if (this.running) return [];
    const ran: string[] = [];
    const pass = (async () => {
      for (const job of this.jobs) {
        try {
          if (await this.runDue(job, now)) ran.push(job.name);
        } catch (error) {
          this.logger.warn(`Job ${job.name} failed: ${(error as Error).message}`);
        }
      }
    })();
    this.running = pass;
    try {
      await pass;
    } finally {
      this.running = undefined;
    }
    return ran;
  }

  /** Runs the job's slot of `now` here unless it ran already or runs elsewhere; true when it ran here. */
  runDue(job: ScheduledJob, now = Date.now()): Promise<boolean> {
    const slot = slotOf(now, job.everyMs);
    return this.uow.write(async (m) => {
      if (!this.uow.isSqlite) {
        const [lock] = await rawQuery<{ ok: boolean }>(m, 'SELECT pg_try_advisory_xact_lock(hashtext(?)) AS ok', [`thidua-job:${job.name}`]);
        if (!lock.ok) return false;
      }
      const claimed = await executeRaw(m, 'INSERT INTO job_runs (job, slot, instance, started_at) VALUES (?, ?, ?, ?) ON CONFLICT (job, slot) DO NOTHING', [job.name, slot, this.instance, new Date().toISOString()]);
      if (claimed !== 1) return false;
      const outcome = await job.run(m);
      await executeRaw(m, 'UPDATE job_runs SET finished_at = ?, outcome = ? WHERE job = ? AND slot = ?', [new Date().toISOString(), outcome.slice(0, 300), job.name, slot]);
      return true;
    });
  }
}
