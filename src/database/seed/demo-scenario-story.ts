import { executeRaw } from '../raw-sql';
import { DataSource } from 'typeorm';
import { Cluster } from '../../clusters/cluster.entity';
import { addDays } from '../../common/time';
import { Unit } from '../../units/unit.entity';
import { demoEvidence, demoReportPdf } from './demo-report';
import { Api, Reply } from './demo-api';
import { loadReferenceData } from './reference-data';
import { DEMO_COUNCIL_TERMS } from './demo-council';
import { LAST_YEAR_POINTS, CURRENT_MEMBERS, PAST_ORDER, PAST_CHAIRS, PROVINCE_NAMES, POINTS_BY_RANK, DIVISION, reviewHeldOn } from './demo-data';
import { demoYearOn, workday } from './seed-helpers';

/**
 * The story the living demo tells (demo-scenario.ts runs it): invented figures marked "(minh họa)", by the rules,
 * through the API. See demo-scenario.ts for what each year holds.
 */
const minDate = (a: string, b: string) => (a < b ? a : b);

const CODES = ['TC1', 'TC2', 'TC3', 'TC4', 'TC5', 'TC6', 'TC7', 'TC8', 'TC9'];
const entries = (points: number[]) => points.map((p, i) => ({ code: CODES[i], points: p }));

export class Scenario {
  private readonly ids = new Map<string, string>();
  /** The emulation year under way: the current calendar year, or last year in January–February (its review early). */
  private readonly year: number;

  constructor(
    private readonly api: Api,
    private readonly ds: DataSource,
    private readonly today: string,
  ) {
    this.year = demoYearOn(today);
  }

  private async unit(code: string): Promise<string> {
    if (!this.ids.has(code)) this.ids.set(code, (await this.ds.getRepository(Unit).findOneOrFail({ where: { code } })).id);
    return this.ids.get(code)!;
  }

  private async cluster(organizerCode: string, number: number): Promise<string> {
    const organizerId = await this.unit(organizerCode);
    return (await this.ds.getRepository(Cluster).findOneOrFail({ where: { organizerId, number } })).id;
  }

  /** A score sheet through its steps: created, its points saved, submitted unless left as a draft. */
  private async sheet(user: string, base: string, targetUnitId: string, kind: string, points: number[], submit = true): Promise<void> {
    const sheet = await this.api.call(user, 'POST', `${base}/scoring/sheets`, { targetUnitId, kind });
    const saved = await this.api.call(user, 'PUT', `${base}/scoring/sheets/${sheet.id}/entries`, { version: sheet.version, entries: entries(points) });
    if (submit && kind === 'SELF') await demoEvidence((name, pdf, code) => this.api.upload(user, `${base}/scoring/sheets/${sheet.id}/evidence`, name, pdf, 'application/pdf', { criterionCode: code }), (sheet.target as { name: string }).name, Number(base.slice(-4)), CODES.slice(0, points.length));
    if (submit) await this.api.call(user, 'POST', `${base}/scoring/sheets/${sheet.id}/submit`, { version: saved.version });
  }

  /** The pledge drafted, opened, and signed in the system by each signer's account; or on paper at its conference (`unitId` each), entered by `user` with the pledge's own date. */
  private async pledge(user: string, base: string, draft: Record<string, string>, signers: Array<{ user?: string; unitId?: string; name: string }>, onPaper = false): Promise<void> {
    const pledge = await this.api.call(user, 'POST', `${base}/pledge`, draft);
    await this.api.call(user, 'POST', `${base}/pledge/open`, { version: pledge.version, reason: `Mở ký giao ước năm ${base.slice(-4)}` });
    for (const s of signers) {
      const signature = { signerName: s.name, signerTitle: 'Giám đốc', ...(s.unitId ? { unitId: s.unitId } : {}) };
      if (onPaper) await this.api.call(user, 'POST', `${base}/pledge/paper-signatures`, { ...signature, signedOn: pledge.signingDate, confirmComplete: true, reason: 'Ký bản giấy tại hội nghị ký giao ước, nhập lại (minh họa)' });
      else await this.api.call(s.user!, 'POST', `${base}/pledge/signatures`, signature);
    }
  }

  /** The review: the organiser's quotas, the meeting, everyone present, the ballots. */
  private async review(user: string, base: string, year: number, quotas: [number, number], meeting: { heldOn: string; place: string; chairedBy: string }, present: string[], ballots: Array<[string, string, number]>): Promise<void> {
    await this.api.call('reviewer', 'PUT', `${base}/awards/quotas`, { quotas: [{ award: 'EMULATION_FLAG', quota: quotas[0] }, { award: 'CERTIFICATE_OF_MERIT', quota: quotas[1] }], version: 0, reason: `Chỉ tiêu khen thưởng năm ${year} (minh họa)` });
    let held = await this.api.call(user, 'POST', `${base}/review-meeting`, { ...meeting, minutesBy: 'Thư ký Cụm thi đua số 6' });
    held = await this.api.call(user, 'PUT', `${base}/review-meeting/attendance`, { version: held.version, entries: present.map((unitId) => ({ unitId, status: 'PRESENT' })) });
    await this.api.call(user, 'PUT', `${base}/review-meeting/ballots`, { version: held.version, ballots: ballots.map(([award, unitId, votesFor]) => ({ unitId, award, votesFor })) });
  }

  /**
   * Proposals created and sent by the secretariat `user`, with the Tờ trình issued on `issuedOn` (the date on the
   * original: a past year is re-entered today, and its dossier must not be dated, headed and cited as of today);
   * answers them as sent.
   */
  private async propose(user: string, base: string, picks: Array<[string, string]>, issuedOn: string): Promise<Reply[]> {
    const sent: Reply[] = [];
    for (const [award, unitId] of picks) {
      const created = await this.api.call(user, 'POST', `${base}/proposals`, { award, unitId });
      // The dossier carries the unit's achievement report before it is sent.
      const year = Number(/years\/(\d{4})/.exec(base)![1]);
      const report = await demoReportPdf(String((created.unit as { name: string }).name), year, String(created.awardLabel));
      await this.api.upload(user, `/api/proposals/${created.id}/reports`, `Bao-cao-thanh-tich-${year}.pdf`, report, 'application/pdf');
      sent.push(await this.api.call(user, 'POST', `/api/proposals/${created.id}/submit`, { version: created.version }));
    }
    await this.api.download(user, `${base}/proposals/submission.pdf?issuedOn=${issuedOn}`);
    await this.api.download(user, `${base}/proposals/list.pdf?issuedOn=${issuedOn}`);
    return sent;
  }

  /** Bộ TTTT decides the year's proposals: claimed, passed by its council, approved by decision. */
  private async decide(year: number, sent: Reply[], councilOn: string, decisionNumber: string, decisionDate: string): Promise<void> {
    const claimed: Reply[] = [];
    for (const p of sent) claimed.push(await this.api.call('reviewer', 'POST', `/api/proposals/${p.id}/claim`, { version: p.version }));
    await this.council('BTTTT', year, councilOn, claimed);
    for (const p of claimed) await this.api.call('reviewer', 'POST', `/api/proposals/${p.id}/approve`, { version: p.version, decisionNumber, decisionDate });
  }

  async run(): Promise<void> {
    const people = ['admin', 'reviewer', 'cum6.secretary', ...CURRENT_MEMBERS.map(([user]) => user)];
    for (const user of people) await this.api.login(user);
    // Each person of the demo has set an e-mail address (a reserved .example domain: nothing is delivered): the
    // reminders then queue e-mails, and the outbox page shows them waiting for a mail server (SMTP_URL).
    for (const user of people) {
      const settings = await this.api.call(user, 'GET', '/api/notifications/email-settings');
      await this.api.call(user, 'PATCH', '/api/notifications/email-settings', { version: settings.version, email: `${user}@demo.thidua.example` });
    }
    await this.outcome2019();
    for (let year = 2020; year <= 2024; year++) await this.pastYear(year);
    await this.historyRead();
    const c6 = await this.divide();
    await this.lastYear(c6);
    await this.thisYear(c6);
    await this.api.logoutAll();
  }

  /**
   * The years before last are history: a person signing in first finds the work of now (last year's proposals, this
   * year's scoring), not twenty approvals of 2020–2024. Their notices are marked read, and their e-mails, never
   * sent, are cancelled with the reason (the outbox page shows it).
   */
  private async historyRead(): Promise<void> {
    await this.ds.transaction(async (m) => {
      await executeRaw(m, 'UPDATE notifications SET read_at = created_at WHERE read_at IS NULL');
      await executeRaw(m, "UPDATE email_outbox SET status = 'cancelled', last_error = ? WHERE status = 'pending'", ['Không gửi: thông báo của các năm trước trong dữ liệu minh họa.']);
    });
  }

  /** 2019, Cụm 6 of Bộ TTTT: the recorded outcome with its meeting (seed 003), proposals, council and approvals. */
  private async outcome2019(): Promise<void> {
    const base = `/api/clusters/${await this.cluster('BTTTT', 6)}/years/2019`;
    const u = { DL: await this.unit('STTTT-DAKLAK'), PY: await this.unit('STTTT-PHUYEN'), GL: await this.unit('STTTT-GIALAI'), LD: await this.unit('STTTT-LAMDONG'), KT: await this.unit('STTTT-KONTUM'), DN: await this.unit('STTTT-DAKNONG') };
    const picks: Array<[string, string, number]> = [['EMULATION_FLAG', u.DL, 6], ['EMULATION_FLAG', u.PY, 5], ['CERTIFICATE_OF_MERIT', u.GL, 6], ['CERTIFICATE_OF_MERIT', u.LD, 5]];
    await this.review('cum6.secretary', base, 2019, [2, 2], { heldOn: '2020-03-06', place: 'Đắk Lắk', chairedBy: 'Giám đốc Sở Thông tin và Truyền thông tỉnh Đắk Lắk' }, Object.values(u), picks);
    const sent = await this.propose('cum6.secretary', base, picks.map(([award, unitId]) => [award, unitId]), '2020-03-10');
    await this.decide(2019, sent, '2020-04-10', '01/QĐ-BTTTT (minh họa)', '2020-04-15');
  }

  /**
   * A past year of Bộ TTTT's Cụm 6, complete: its phases, the pledge every member signed on paper (entered today),
   * consolidated scores and the published ranking, the review meeting with its ballots and the election of next year's
   * chair, the proposals, the council and the approvals. Invented (minh họa) but by the rules.
   */
  private async pastYear(year: number): Promise<void> {
    const api = this.api;
    const cum6 = await this.cluster('BTTTT', 6);
    const base = `/api/clusters/${cum6}/years/${year}`;
    const order = PAST_ORDER[year];
    const unit = (key: string) => this.unit(`STTTT-${key}`);
    // The meeting of 2024 was held before Bộ TTTT merged into Bộ KH&CN (01/03/2025).
    const meetingOn = reviewHeldOn(year);
    const councilOn = year === 2024 ? '2025-02-26' : workday(`${year + 1}-04-10`);
    const decisionOn = year === 2024 ? '2025-02-27' : workday(`${year + 1}-04-15`);
    if (year > 2020) {
      await api.call('admin', 'POST', `/api/clusters/${cum6}/years`, {
        year,
        // Signed at the conference that reviewed the year before (its meeting date below, a year earlier).
        pledgeSigningOn: reviewHeldOn(year - 1),
        midYearReviewOn: `${year}-07-15`,
        scoringOpensOn: `${year}-11-16`,
        scoringClosesOn: `${year}-12-10`,
        reviewMeetingOn: meetingOn,
        proposalDeadline: year === 2024 ? '2025-02-27' : `${year + 1}-03-31`,
        reason: `Năm thi đua ${year} (minh họa)`,
      });
    }
    const host = PROVINCE_NAMES[PAST_CHAIRS[year]];
    const signers = await Promise.all(order.map(async (key) => ({ unitId: await unit(key), name: `Giám đốc Sở TTTT ${PROVINCE_NAMES[key]} (minh họa)` })));
    // Signed where the year before was reviewed, by its chair (the app's default place; 2020: Đắk Lắk, seed 003).
    await this.pledge('admin', base, { template: 'CUM6-2020', title: `Bản giao ước thi đua năm ${year}` }, signers, true);
    for (const [rank, key] of order.entries()) await this.sheet('admin', base, await unit(key), 'CLUSTER', POINTS_BY_RANK[rank]);
    await api.call('admin', 'POST', `${base}/scoring/finalize`, { version: 0, reason: `Công bố kết quả chấm điểm năm ${year} (minh họa)` });
    const present = await Promise.all(order.map((key) => unit(key)));
    const picks: Array<[string, string, number]> = [['EMULATION_FLAG', present[0], 6], ['CERTIFICATE_OF_MERIT', present[1], 6], ['CERTIFICATE_OF_MERIT', present[2], 5]];
    await this.review('admin', base, year, [1, 2], { heldOn: meetingOn, place: host, chairedBy: `Giám đốc Sở Thông tin và Truyền thông tỉnh ${host}` }, present, picks);
    if (year < 2024) {
      const next = PAST_CHAIRS[year + 1];
      const vice = PAST_CHAIRS[year + 2] ?? 'DAKNONG';
      await api.call('admin', 'POST', `${base}/review-meeting/election`, { chairUnitId: await unit(next), viceChairUnitId: await unit(vice), hostUnitId: await unit(next), reason: `Bầu Cụm trưởng, Cụm phó năm ${year + 1} (minh họa)` });
    }
    const sent = await this.propose('admin', base, picks.map(([award, unitId]) => [award, unitId]), workday(addDays(meetingOn, 1)));
    await this.decide(year, sent, councilOn, `${String(year - 2018).padStart(2, '0')}/QĐ-BTTTT (minh họa)`, decisionOn);
  }

  /** The organiser's emulation council: members (once), a meeting, everyone present, every proposal passed, closed. */
  private async council(organizerCode: string, year: number, heldOn: string, proposals: Reply[]): Promise<void> {
    const api = this.api;
    const organizerId = await this.unit(organizerCode);
    const members = (await api.call('reviewer', 'GET', `/api/organizers/${organizerId}/council/members`)) as unknown as unknown[];
    if (!members.length) {
      for (const term of DEMO_COUNCIL_TERMS) await api.call('reviewer', 'POST', `/api/organizers/${organizerId}/council/members`, { fromDate: `${year}-01-01`, ...term, reason: 'Thành viên Hội đồng Thi đua – Khen thưởng (minh họa)' });
    }
    let meeting = await api.call('reviewer', 'POST', '/api/council/meetings', { organizerId, year, heldOn, place: 'Hà Nội', minutesBy: 'Thư ký Hội đồng (minh họa)' });
    meeting = await api.call('reviewer', 'PUT', `/api/council/meetings/${meeting.id}/attendance`, { version: meeting.version, entries: meeting.members!.map((m) => ({ memberId: m.id, status: 'PRESENT' })) });
    meeting = await api.call('reviewer', 'PUT', `/api/council/meetings/${meeting.id}/ballots`, { version: meeting.version, ballots: proposals.map((p) => ({ proposalId: p.id, votesFor: meeting.members!.length })) });
    await api.call('reviewer', 'POST', `/api/council/meetings/${meeting.id}/close`, { version: meeting.version, reason: 'Chốt kết quả họp Hội đồng (minh họa)' });
  }

  /** Bộ KH&CN's clusters, continuing Bộ TTTT's, and its division of the Sở KH&CN for 2025 up to this year. */
  private async divide(): Promise<string> {
    const api = this.api;
    const organizerId = await this.unit('BKHCN');
    const decision = await api.call('reviewer', 'POST', '/api/cluster-decisions', {
      organizerId,
      number: '01/QĐ-BKHCN (minh họa)',
      signedOn: '2025-08-15',
      effectiveYear: 2025,
      summary: 'Minh họa: phân cụm thi đua các Sở Khoa học và Công nghệ sau sắp xếp đơn vị hành chính cấp tỉnh (không phải quyết định có thật).',
      reason: 'Phân cụm sau sắp xếp đơn vị hành chính (minh họa)',
    });
    const clusters = new Map<number, string>();
    for (const c of DIVISION) {
      const created = await api.call('reviewer', 'POST', '/api/clusters', {
        organizerId,
        number: c.number,
        name: c.name,
        documentCode: `CTĐ${c.number}`,
        predecessorId: await this.cluster('BTTTT', c.number),
        reason: 'Cụm tiếp nối cụm cùng số của Bộ Thông tin và Truyền thông (minh họa)',
      });
      clusters.set(c.number, created.id);
    }
    for (let year = 2025; year <= this.year; year++) {
      const assignments = [];
      for (const c of DIVISION) for (const p of c.provinces) assignments.push({ clusterId: clusters.get(c.number)!, unitId: await this.unit(`SKHCN-${p}`) });
      await api.call('reviewer', 'POST', `/api/cluster-decisions/${decision.id}/division`, { year, assignments, reason: `Phân cụm năm ${year} (minh họa)` });
    }
    const c6 = clusters.get(6)!;
    // The rotation keeps each successor in its predecessor's place (Gia Lai, Phú Yên → Đắk Lắk, Lâm Đồng, Kon Tum → Quảng Ngãi); Khánh Hòa joins last.
    const order = [];
    for (const p of ['GIALAI', 'DAKLAK', 'LAMDONG', 'QUANGNGAI', 'KHANHHOA']) order.push(await this.unit(`SKHCN-${p}`));
    await api.call('reviewer', 'PUT', `/api/clusters/${c6}/rotation`, { unitOrder: order, reason: 'Thứ tự luân phiên sau sắp xếp (minh họa)' });
    return c6;
  }

  /** Last year of Cụm 6: its chair, consolidated scores, ranking, review meeting, election and proposals (one returned). */
  private async lastYear(c6: string): Promise<void> {
    const api = this.api;
    const year = this.year - 1;
    if (year < 2025) return;
    const base = `/api/clusters/${c6}/years/${year}`;
    await api.call('reviewer', 'POST', `/api/clusters/${c6}/leadership`, { year, chairUnitId: await this.unit('SKHCN-LAMDONG'), viceChairUnitId: await this.unit('SKHCN-GIALAI'), method: 'ROTATION', note: 'Minh họa: theo thứ tự luân phiên.', reason: 'Ghi nhận Cụm trưởng, Cụm phó (minh họa)' });
    await api.call('admin', 'POST', `/api/clusters/${c6}/years`, {
      year,
      // 2025: the merged provinces' Sở KH&CN exist from 01/07/2025; their first pledge follows.
      pledgeSigningOn: year === 2025 ? '2025-08-20' : `${year}-03-15`,
      scoringOpensOn: `${year}-11-17`,
      scoringClosesOn: `${year}-12-15`,
      reviewMeetingOn: workday(`${year + 1}-01-16`),
      proposalDeadline: `${year + 1}-02-06`,
      reason: `Năm thi đua ${year} của cụm sau sắp xếp (minh họa)`,
    });
    await api.call('admin', 'POST', `${base}/criteria`, { from: 'TEMPLATE', templateCode: 'KHCN-2025', title: `Bộ tiêu chí thi đua năm ${year} của Cụm thi đua số 6 (minh họa)` });
    const members = await Promise.all(Object.keys(LAST_YEAR_POINTS).map(async (code) => ({ unitId: await this.unit(code), name: 'Giám đốc Sở (minh họa)' })));
    await this.pledge('admin', base, { title: `Bản giao ước thi đua năm ${year} của Cụm thi đua số 6 (minh họa)`, signingPlace: 'Lâm Đồng' }, members, true);
    for (const [code, points] of Object.entries(LAST_YEAR_POINTS)) await this.sheet('admin', base, await this.unit(code), 'CLUSTER', points);
    await api.call('admin', 'POST', `${base}/scoring/finalize`, { version: 0, reason: 'Công bố kết quả chấm điểm (minh họa)' });
    const u = { DL: await this.unit('SKHCN-DAKLAK'), GL: await this.unit('SKHCN-GIALAI'), LD: await this.unit('SKHCN-LAMDONG'), QN: await this.unit('SKHCN-QUANGNGAI'), KH: await this.unit('SKHCN-KHANHHOA') };
    const picks: Array<[string, string, number]> = [['EMULATION_FLAG', u.DL, 5], ['CERTIFICATE_OF_MERIT', u.GL, 5], ['CERTIFICATE_OF_MERIT', u.LD, 4]];
    await this.review('admin', base, year, [1, 2], { heldOn: workday(`${year + 1}-01-16`), place: 'Lâm Đồng', chairedBy: 'Giám đốc Sở Khoa học và Công nghệ tỉnh Lâm Đồng' }, Object.values(u), picks);
    await api.call('admin', 'POST', `${base}/review-meeting/election`, { chairUnitId: u.GL, viceChairUnitId: u.DL, hostUnitId: u.GL, reason: 'Bầu Cụm trưởng, Cụm phó năm sau (minh họa)' });
    const sent = await this.propose('cum6.secretary', base, picks.map(([award, unitId]) => [award, unitId]), workday(`${year + 1}-01-20`));
    // Lâm Đồng's Bằng khen comes back to the secretariat with a reason.
    const returned = sent[2];
    const claimed = await api.call('reviewer', 'POST', `/api/proposals/${returned.id}/claim`, { version: returned.version });
    await api.call('reviewer', 'POST', `/api/proposals/${returned.id}/return`, { version: claimed.version, reason: `Bổ sung báo cáo thành tích năm ${year} của đơn vị có xác nhận của cấp trình khen (minh họa)` });
  }

  /** This year of Cụm 6: phases from today, the pledge all but one signed, scoring open with sheets in every state. */
  private async thisYear(c6: string): Promise<void> {
    const api = this.api;
    const year = this.year;
    const base = `/api/clusters/${c6}/years/${year}`;
    const opens = addDays(this.today, -14);
    // Seven days left: the first start's reminder run tells the members that have not submitted (the D7 stage).
    const closes = minDate(addDays(this.today, 7), `${year + 1}-03-31`);
    const pledgeOn = workday(minDate(`${year}-03-15`, addDays(opens, -30)), 'before');
    const midYear = `${year}-07-15` > pledgeOn && `${year}-07-15` < opens ? `${year}-07-15` : null;
    await api.call('cum6.secretary', 'POST', `/api/clusters/${c6}/years`, {
      year,
      pledgeSigningOn: pledgeOn,
      midYearReviewOn: midYear,
      scoringOpensOn: opens,
      scoringClosesOn: closes,
      reviewMeetingOn: workday(addDays(closes, 30)),
      proposalDeadline: addDays(closes, 51),
      reason: `Kế hoạch năm thi đua ${year} (minh họa, theo ngày hôm nay)`,
    });
    const template = loadReferenceData().criteriaTemplates['KHCN-2025'];
    // All but Sở KH&CN Khánh Hòa have signed.
    const signers = CURRENT_MEMBERS.filter(([u]) => u !== 'skhcn.khanhhoa').map(([user]) => ({ user, name: 'Giám đốc Sở (minh họa)' }));
    await this.pledge('cum6.secretary', base, { template: 'KHCN-2025', title: `Bản giao ước thi đua năm ${year} của Cụm thi đua số 6 (minh họa)`, signingPlace: 'Gia Lai' }, signers);
    // Gia Lai has submitted its self-score, Lâm Đồng has five criteria in draft, the others have not started.
    const points = template.criteria.map((c) => c.maxPoints - 0.5);
    await this.sheet('skhcn.gialai', base, await this.unit('SKHCN-GIALAI'), 'SELF', points);
    await this.sheet('skhcn.lamdong', base, await this.unit('SKHCN-LAMDONG'), 'SELF', points.slice(0, 5), false);
  }
}
