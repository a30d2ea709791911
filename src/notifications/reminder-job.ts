import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { EntityManager } from 'typeorm';
import { todayInVietnam } from '../common/time';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.tokens';
import { JobScheduler } from '../database/job-scheduler';
import { rawQuery } from '../database/raw-sql';
import { ORGANIZER_SHORT_JOIN } from '../clusters/cluster-tag';
import { clusterTag, organizerWord } from '../common/cluster-label';
import { LateScorers } from './late-scorers';
import { Notifier } from './notifier';
import { recipients } from './recipients';
import { REMINDED_PHASES, RemindedPhase, Stage, stageOn, stageText } from './reminders.rules';

interface YearRow {
  cluster_id: string;
  cluster_name: string;
  organizer_short: string;
  organizer_name: string;
  organizer_id: string;
  year: number;
  pledge_signing_on: string | null;
  mid_year_review_on: string | null;
  scoring_closes_on: string | null;
  review_meeting_on: string | null;
  proposal_deadline: string | null;
}

const COLUMN: Record<RemindedPhase, keyof YearRow> = {
  pledgeSigningOn: 'pledge_signing_on',
  midYearReviewOn: 'mid_year_review_on',
  scoringClosesOn: 'scoring_closes_on',
  reviewMeetingOn: 'review_meeting_on',
  proposalDeadline: 'proposal_deadline',
};

/** Who a phase's reminder goes to: the people who still have to act, and at the overdue stage those it escalates to. */
interface Addressees {
  act: string[];
  escalate: string[];
  /** What is still missing, in a sentence ("2 đơn vị chưa ký: …"). */
  missing: string;
}

/**
 * The reminders: once per period (REMINDERS_EVERY_SECONDS, one instance through the JobScheduler) it looks at every
 * cluster-year's phase deadlines, on today's date in Vietnam, and writes the notices due (the
 * notification and the outbox e-mail in the job's transaction). Each stage of a deadline reaches each person once
 * (the dedup key: phase, cluster, year, date, stage), whatever the number of runs or instances.
 */
@Injectable()
export class ReminderJob implements OnModuleInit {
  constructor(
    private readonly jobs: JobScheduler,
    private readonly notifier: Notifier,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    // The scoring feature's late scorers (who is assigned whom, who is barred), found at run time under the
    // LateScorers token: the scoring module uses this global module's Notifier, so it cannot be imported here.
    private readonly moduleRef: ModuleRef,
  ) {}

  onModuleInit(): void {
    this.jobs.register({ name: 'reminders', everyMs: this.config.remindersEverySeconds * 1000, run: async (m) => `${await this.run(m)} thông báo` });
  }

  /** Writes the reminders due on `today`; answers how many notices were written now. */
  async run(m: EntityManager, today = todayInVietnam()): Promise<number> {
    let written = 0;
    const years = await rawQuery<YearRow>(
      m,
      `SELECT y.cluster_id, c.name AS cluster_name, org.short_name AS organizer_short, org.name AS organizer_name, c.organizer_id, y.year, y.pledge_signing_on, y.mid_year_review_on, y.scoring_closes_on, y.review_meeting_on, y.proposal_deadline FROM emulation_years y JOIN clusters c ON c.id = y.cluster_id ${ORGANIZER_SHORT_JOIN} ORDER BY c.name, c.id, y.year`,
    );
    for (const y of years) {
      for (const phase of Object.keys(REMINDED_PHASES) as RemindedPhase[]) {
        const deadline = y[COLUMN[phase]] as string | null;
        const stage = deadline ? stageOn(deadline, today) : null;
        if (!deadline || !stage) continue;
        // An event (the mid-year review, the meeting) is announced before and on the day; it has nothing overdue.
        if (stage === 'OVERDUE' && (phase === 'midYearReviewOn' || phase === 'reviewMeetingOn')) continue;
        const to = await this.addressees(m, y, phase, today);
        if (!to) continue;
        const people = stage === 'OVERDUE' ? [...to.act, ...to.escalate] : to.act;
        written += await this.notifier.notify(m, people, this.notice(y, phase, deadline, stage, to.missing, today));
      }
    }
    return written + (await this.resubmissions(m, today));
  }

  /**
   * Returned proposals with Bộ's own date to resend by: the cluster's secretariat is reminded at the same stages, and
   * at the overdue one the organiser's reviewers too. Each return is its own (the proposal's version at it is in the key),
   * so a second return with the same date is reminded again.
   */
  private async resubmissions(m: EntityManager, today: string): Promise<number> {
    let written = 0;
    const rows = await rawQuery<{ id: string; version: number; cluster_id: string; cluster_name: string; organizer_short: string; organizer_name: string; organizer_id: string; year: number; resubmit_by: string; unit_name: string; award_name: string }>(
      m,
      `SELECT p.id, p.version, p.cluster_id, c.name AS cluster_name, org.short_name AS organizer_short, org.name AS organizer_name, c.organizer_id, p.year, p.resubmit_by, u.name AS unit_name, a.name AS award_name FROM award_proposals p JOIN clusters c ON c.id = p.cluster_id ${ORGANIZER_SHORT_JOIN} JOIN units u ON u.id = p.unit_id JOIN awards a ON a.code = p.award_code WHERE p.status = 'RETURNED' AND p.resubmit_by IS NOT NULL ORDER BY p.resubmit_by, p.id`,
    );
    for (const r of rows) {
      const stage = stageOn(r.resubmit_by, today);
      if (!stage) continue;
      const people = [...(await recipients.secretariat(m, r.cluster_id)), ...(stage === 'OVERDUE' ? await recipients.reviewers(m, r.organizer_id) : [])];
      written += await this.notifier.notify(m, people, {
        kind: `reminder.resubmission.${stage}`,
        subject: `[${clusterTag(r.cluster_name, r.organizer_short)}] Gửi bổ sung hồ sơ đề nghị tặng ${r.award_name} cho ${r.unit_name} năm ${r.year}: ${stageText(stage, r.resubmit_by, today)}`,
        body: `${clusterTag(r.cluster_name, r.organizer_short)}, năm thi đua ${r.year}. Hồ sơ đề nghị tặng ${r.award_name} cho ${r.unit_name} được ${organizerWord(r.organizer_name)} trả lại để bổ sung: ${stageText(stage, r.resubmit_by, today)}.${stage === 'OVERDUE' ? ' Việc đã quá hạn: thư này cũng được gửi tới cơ quan tổ chức cụm.' : ''}`,
        link: `/cum/${r.cluster_id}/nam/${r.year}/binh-xet`,
        dueOn: r.resubmit_by,
        dedupKey: `resubmission:${r.id}:${r.version}:${r.resubmit_by}:${stage}`,
      });
    }
    return written;
  }

  private notice(y: YearRow, phase: RemindedPhase, deadline: string, stage: Stage, missing: string, today: string) {
    const { label, page } = REMINDED_PHASES[phase];
    const what = label.charAt(0).toUpperCase() + label.slice(1);
    const overdue = stage === 'OVERDUE' ? ' Việc đã quá hạn: thư này cũng được gửi tới thư ký cụm' + (phase === 'proposalDeadline' ? ' và cơ quan tổ chức cụm.' : '.') : '';
    return {
      kind: `reminder.${phase}.${stage}`,
      subject: `[${clusterTag(y.cluster_name, y.organizer_short)}] ${what} năm ${y.year}: ${stageText(stage, deadline, today)}`,
      body: `${clusterTag(y.cluster_name, y.organizer_short)}, năm thi đua ${y.year}. Giai đoạn: ${label}: ${stageText(stage, deadline, today)}.${missing ? ` ${missing}` : ''}${overdue}`,
      link: `/cum/${y.cluster_id}/nam/${y.year}${page ? `/${page}` : ''}`,
      dueOn: deadline,
      dedupKey: `${phase}:${y.cluster_id}:${y.year}:${deadline}:${stage}`,
    };
  }

  /** The people a phase concerns now; null when nothing is left to do (the reminder is not sent). */
  private async addressees(m: EntityManager, y: YearRow, phase: RemindedPhase, today: string): Promise<Addressees | null> {
    const secretariat = () => recipients.secretariat(m, y.cluster_id);
    switch (phase) {
      case 'pledgeSigningOn': {
        const [pledge] = await rawQuery<{ id: string; status: string }>(m, 'SELECT id, status FROM pledges WHERE cluster_id = ? AND year = ?', [y.cluster_id, y.year]);
        if (pledge?.status === 'COMPLETE') return null;
        if (!pledge || pledge.status === 'DRAFT') return { act: await secretariat(), escalate: [], missing: 'Giao ước chưa được mở để các đơn vị ký.' };
        const unsigned = await rawQuery<{ id: string; name: string }>(
          m,
          'SELECT u.id, u.name FROM memberships ms JOIN units u ON u.id = ms.unit_id WHERE ms.cluster_id = ? AND ms.year = ? AND ms.left_on IS NULL AND NOT EXISTS (SELECT 1 FROM pledge_signatures s WHERE s.pledge_id = ? AND s.unit_id = ms.unit_id AND s.withdrawn_at IS NULL) ORDER BY u.name',
          [y.cluster_id, y.year, pledge.id],
        );
        if (!unsigned.length) return null;
        return { act: await recipients.unitOfficers(m, unsigned.map((u) => u.id)), escalate: await secretariat(), missing: `Còn ${unsigned.length} đơn vị chưa ký: ${unsigned.map((u) => u.name).join(', ')}.` };
      }
      case 'scoringClosesOn': {
        const late = await this.moduleRef.get(LateScorers, { strict: false }).lateScorers(m, y.cluster_id, y.year);
        if (!late.length) return null;
        return { act: await recipients.actingOfficers(m, late.map((u) => u.id)), escalate: await secretariat(), missing: `Còn ${late.length} đơn vị chưa nộp đủ phiếu chấm: ${late.map((u) => u.name).join(', ')}.` };
      }
      case 'proposalDeadline': {
        // A returned proposal with Bộ's own date to resend by, not yet past, is not late against the year's deadline.
        const [open] = await rawQuery<{ n: number | string }>(
          m,
          "SELECT count(*) AS n FROM award_proposals WHERE cluster_id = ? AND year = ? AND (status = 'DRAFT' OR (status = 'RETURNED' AND (resubmit_by IS NULL OR resubmit_by < ?)))",
          [y.cluster_id, y.year, today],
        );
        if (!Number(open.n)) return null;
        return { act: await secretariat(), escalate: await recipients.reviewers(m, y.organizer_id), missing: `Còn ${Number(open.n)} hồ sơ đề nghị chưa gửi ${organizerWord(y.organizer_name)} (dự thảo hoặc bị trả lại để bổ sung).` };
      }
      default:
        return { act: await secretariat(), escalate: [], missing: '' };
    }
  }
}
