import { Injectable, OnModuleInit } from '@nestjs/common';
import { JobScheduler } from '../database/job-scheduler';
import { SessionsRepository } from './sessions.repository';

/** How often ended sessions are deleted, and how long an ended session is kept (for the sign-in history). */
const EVERY_MS = 60 * 60_000;
const KEEP_MS = 7 * 24 * 60 * 60_000;

/** The scheduled cleanup of sessions that expired or were revoked more than a week ago (one instance an hour). */
@Injectable()
export class SessionsCleanup implements OnModuleInit {
  constructor(
    private readonly jobs: JobScheduler,
    private readonly sessions: SessionsRepository,
  ) {}

  onModuleInit(): void {
    this.jobs.register({
      name: 'sessions-cleanup',
      everyMs: EVERY_MS,
      run: async (m) => `${await this.sessions.deleteEndedBefore(m, new Date(Date.now() - KEEP_MS).toISOString())} phiên đã xoá`,
    });
  }
}
