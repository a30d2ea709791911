import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { formatDateVi, todayInVietnam } from '../common/time';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.tokens';
import { JobScheduler } from '../database/job-scheduler';
import { rawQuery } from '../database/raw-sql';
import { ORGANIZER_SHORT_JOIN } from '../clusters/cluster-tag';
import { clusterTag } from '../common/cluster-label';
import { Notifier } from '../notifications/notifier';
import { recipients } from '../notifications/recipients';
import { overServiceLevel } from '../notifications/reminders.rules';
import { ServiceLevels } from '../notifications/service-levels';
import { ProposalStatus, proposalStatusLabel } from './proposals.rules';
import { daysSince } from './queue-ageing.rules';

/** The statuses in which a dossier waits for Bộ (a returned one waits for the cluster). */
const AT_MINISTRY: ProposalStatus[] = ['SUBMITTED', 'IN_REVIEW'];

/**
 * The review queue's reminders (a job of the JobScheduler, with the deadline reminders' period): a dossier that waited
 * at Bộ past its organiser's service level is announced to the organiser's reviewers (in the app and by e-mail),
 * once per status it entered (the dedup key names the step's time).
 */
@Injectable()
export class QueueReminders implements OnModuleInit {
  constructor(
    private readonly jobs: JobScheduler,
    private readonly notifier: Notifier,
    private readonly serviceLevels: ServiceLevels,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.jobs.register({ name: 'queue-reminders', everyMs: this.config.remindersEverySeconds * 1000, run: async (m) => `${await this.run(m)} thông báo` });
  }

  /** Writes the notices due on `today`; answers how many were written now. */
  async run(m: EntityManager, today = todayInVietnam()): Promise<number> {
    const levels = await this.serviceLevels.all(m);
    if (!levels.size) return 0;
    const rows = await rawQuery<{ id: string; status: ProposalStatus; updated_at: string; year: number; unit_name: string; award_name: string; cluster_name: string; organizer_short: string; organizer_name: string; organizer_id: string }>(
      m,
      `SELECT p.id, p.status, p.updated_at, p.year, u.name AS unit_name, a.name AS award_name, c.name AS cluster_name, org.short_name AS organizer_short, org.name AS organizer_name, c.organizer_id FROM award_proposals p JOIN units u ON u.id = p.unit_id JOIN awards a ON a.code = p.award_code JOIN clusters c ON c.id = p.cluster_id ${ORGANIZER_SHORT_JOIN} WHERE p.status IN (${AT_MINISTRY.map(() => '?').join(', ')}) ORDER BY p.updated_at`,
      AT_MINISTRY,
    );
    let written = 0;
    for (const r of rows) {
      const days = levels.get(r.organizer_id) ?? null;
      const age = daysSince(r.updated_at, today);
      if (!overServiceLevel(age, days)) continue;
      written += await this.notifier.notify(m, await recipients.reviewers(m, r.organizer_id), {
        kind: 'queue.overdue',
        subject: `[${clusterTag(r.cluster_name, r.organizer_short)}] Hồ sơ đề nghị tặng ${r.award_name} cho ${r.unit_name} năm ${r.year} đã chờ ${age} ngày, quá thời hạn xử lý ${days} ngày`,
        body: `Hồ sơ đề nghị tặng ${r.award_name} cho ${r.unit_name} (${clusterTag(r.cluster_name, r.organizer_short)}, năm thi đua ${r.year}) ở trạng thái "${proposalStatusLabel(r.status, r.organizer_name)}" từ ngày ${formatDateVi(todayInVietnam(new Date(r.updated_at)))}: đã ${age} ngày, quá thời hạn xử lý ${days} ngày do cơ quan tổ chức đặt.`,
        link: `/tham-dinh/${r.id}`,
        dueOn: null,
        dedupKey: `queue:${r.id}:${r.status}:${r.updated_at}`,
      });
    }
    return written;
  }
}
