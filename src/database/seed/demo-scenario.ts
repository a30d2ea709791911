import type { INestApplication } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DataSource, In } from 'typeorm';
import { User } from '../../auth/user.entity';
import { MfaService } from '../../auth/mfa.service';
import { AuditEntry } from '../../audit/audit-entry.entity';
import { AuditService } from '../../audit/audit.service';
import { UnitOfWork } from '../unit-of-work';
import { Cluster } from '../../clusters/cluster.entity';
import { addDays, todayInVietnam } from '../../common/time';
import { Unit } from '../../units/unit.entity';
import { DEMO_MFA_SECRETS, DEMO_PASSWORD } from './demo-data';
import { loadReferenceData } from './reference-data';

/**
 * The living demo: the acts a cluster goes through, dated from today in Việt Nam, done once on a fresh database
 * through the application's own HTTP API (every rule, every audit entry as in real use). Demo data: the dates,
 * scores, votes, council members and decision numbers marked "(minh họa)" are invented; the 2019 outcome of Cụm 6
 * (Cờ for Đắk Lắk and Phú Yên, Bằng khen for Gia Lai and Lâm Đồng, meeting of 06/03/2020 in Đắk Lắk) is seed 003's.
 *
 * - 2019, Cụm 6 of Bộ TTTT: the review meeting, the proposals, the council and the approvals of the recorded outcome;
 * - from 2025, Bộ KH&CN divides the Sở KH&CN into clusters (an illustrative division: no decision was found);
 * - last year of its Cụm 6: scored and ranked, reviewed early this year, proposals sent, one returned with a reason;
 * - this year: the pledge signed by all members but one, the scoring window open now, sheets submitted, in draft and
 *   not started (Sở KH&CN Đắk Lắk's own self-scoring is what its officer finds to do today).
 */
export const SCENARIO_ACTION = 'seed.demo_scenario';

type Body = Record<string, unknown>;
/** What the API answers: an object with an id and a version (and more, read where needed). */
type Reply = { id: string; version: number; accessToken?: string; members?: Array<{ id: string }> } & Record<string, unknown>;

export async function runDemoScenario(app: INestApplication): Promise<void> {
  const ds = app.get(DataSource);
  const logger = new Logger('DemoScenario');
  if (await ds.getRepository(AuditEntry).exists({ where: { action: SCENARIO_ACTION } })) return;
  const bkhcn = await ds.getRepository(Unit).findOne({ where: { code: 'BKHCN' } });
  if (!bkhcn) return;
  if (await ds.getRepository(Cluster).exists({ where: { organizerId: bkhcn.id } })) {
    logger.warn('Bộ KH&CN đã có cụm thi đua nhưng kịch bản minh họa chưa hoàn tất: bỏ qua kịch bản minh họa.');
    return;
  }
  const server = createServer(app.getHttpAdapter().getInstance());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const mfa = app.get(MfaService);
    const api = new Api(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, (secret) => mfa.demoCode(secret));
    const today = todayInVietnam();
    await new Scenario(api, ds, today).run();
    await app.get(UnitOfWork).write(async (m) => {
      // The scenario's sign-ins used the current codes of the demo's second factors: a person signing in right after
      // the first start may use them again (replay protection is for people, not for the seed).
      await m.update(User, { username: In(Object.keys(DEMO_MFA_SECRETS)) }, { mfaLastStep: null });
      await app.get(AuditService).record(m, { action: SCENARIO_ACTION, entityType: 'seed', entityId: 'demo-scenario', after: { today }, reason: 'Kịch bản minh họa theo ngày khởi động' });
    });
    logger.log(`Demo scenario recorded (dates from ${today}).`);
  } finally {
    await closeServer(server);
  }
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** A minimal client of the application's API: JSON in and out, bearer tokens, any non-2xx stops the scenario. */
class Api {
  private readonly tokens = new Map<string, string>();
  constructor(
    private readonly base: string,
    private readonly codeOf: (secret: string) => string,
  ) {}

  /** Ends every session the scenario opened. */
  async logoutAll(): Promise<void> {
    for (const user of this.tokens.keys()) await this.call(user, 'POST', '/api/auth/logout');
    this.tokens.clear();
  }

  async login(username: string): Promise<void> {
    const secret = (DEMO_MFA_SECRETS as Record<string, string>)[username];
    const res = await this.call(null, 'POST', '/api/auth/login', { username, password: DEMO_PASSWORD, ...(secret ? { code: this.codeOf(secret) } : {}) });
    this.tokens.set(username, res.accessToken!);
  }

  async call(user: string | null, method: string, path: string, body?: Body): Promise<Reply> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body) headers['content-type'] = 'application/json';
    if (user) headers.authorization = `Bearer ${this.tokens.get(user)}`;
    const res = await fetch(`${this.base}${path}`, { method, headers, body: body ? JSON.stringify(body) : undefined });
    const text = await res.text();
    if (!res.ok) throw new Error(`Kịch bản minh họa: ${method} ${path} → ${res.status} ${text.slice(0, 500)}`);
    return (text ? JSON.parse(text) : {}) as Reply;
  }
}

const minDate = (a: string, b: string) => (a < b ? a : b);

/** Points per criterion TC1…TC9 (the CUM6-2020 template): invented, decreasing from the first. */
const LAST_YEAR_POINTS: Record<string, number[]> = {
  'SKHCN-DAKLAK': [15, 15, 10, 9.5, 14.5, 10, 10, 9.5, 5],
  'SKHCN-GIALAI': [15, 14.5, 10, 9.5, 14.5, 9.5, 10, 9, 5],
  'SKHCN-LAMDONG': [14.5, 14.5, 9.5, 9.5, 14, 9.5, 10, 9, 5],
  'SKHCN-QUANGNGAI': [14, 14, 9.5, 9, 13.5, 9, 9.5, 8.5, 4.5],
  'SKHCN-KHANHHOA': [13.5, 14, 9, 9, 13.5, 9, 9, 8.5, 4.5],
};
/** Today's members of Bộ KH&CN's Cụm 6 and their demo accounts. */
const CURRENT_MEMBERS: Array<[string, string]> = [['skhcn.gialai', 'Gia Lai'], ['skhcn.daklak', 'Đắk Lắk'], ['skhcn.lamdong', 'Lâm Đồng'], ['skhcn.quangngai', 'Quảng Ngãi'], ['skhcn.khanhhoa', 'Khánh Hòa']];
const CODES = ['TC1', 'TC2', 'TC3', 'TC4', 'TC5', 'TC6', 'TC7', 'TC8', 'TC9'];
const entries = (points: number[], count = points.length) => points.slice(0, count).map((p, i) => ({ code: CODES[i], points: p }));

/** Cụm 6 of Bộ TTTT, 2020–2024 (demo): the consolidated ranking of each year, best first, and the chair (rotation). */
const PAST_ORDER: Record<number, string[]> = {
  2020: ['GIALAI', 'DAKLAK', 'PHUYEN', 'LAMDONG', 'KONTUM', 'DAKNONG'],
  2021: ['PHUYEN', 'GIALAI', 'DAKLAK', 'KONTUM', 'LAMDONG', 'DAKNONG'],
  2022: ['DAKLAK', 'LAMDONG', 'GIALAI', 'PHUYEN', 'DAKNONG', 'KONTUM'],
  2023: ['LAMDONG', 'KONTUM', 'DAKLAK', 'GIALAI', 'PHUYEN', 'DAKNONG'],
  2024: ['KONTUM', 'DAKNONG', 'LAMDONG', 'DAKLAK', 'GIALAI', 'PHUYEN'],
};
const PAST_CHAIRS: Record<number, string> = { 2020: 'GIALAI', 2021: 'PHUYEN', 2022: 'DAKLAK', 2023: 'LAMDONG', 2024: 'KONTUM', 2025: 'DAKNONG' };
const PROVINCE_NAMES: Record<string, string> = { GIALAI: 'Gia Lai', PHUYEN: 'Phú Yên', DAKLAK: 'Đắk Lắk', LAMDONG: 'Lâm Đồng', KONTUM: 'Kon Tum', DAKNONG: 'Đắk Nông' };
/** Who signs today for each Sở TTTT of Cụm 6: the Sở KH&CN that took it over. */
const SUCCESSOR_ACCOUNTS: Record<string, string> = { GIALAI: 'skhcn.gialai', PHUYEN: 'skhcn.daklak', DAKLAK: 'skhcn.daklak', LAMDONG: 'skhcn.lamdong', KONTUM: 'skhcn.quangngai', DAKNONG: 'skhcn.lamdong' };
/** Points per criterion by rank (invented): 99.5, 98, 96.5, 95, 93.5, 92. */
const POINTS_BY_RANK: number[][] = [
  [15, 15, 10, 10, 15, 10, 10, 9.5, 5],
  [15, 14.5, 10, 9.5, 14.5, 10, 10, 9.5, 5],
  [14.5, 14.5, 9.5, 9.5, 14.5, 9.5, 10, 9.5, 5],
  [14.5, 14, 9.5, 9.5, 14, 9.5, 9.5, 9.5, 5],
  [14, 14, 9.5, 9, 14, 9, 9.5, 9.5, 5],
  [14, 13.5, 9, 9, 14, 9, 9, 9.5, 5],
];

/** The illustrative division of Bộ KH&CN (by the predecessors' clusters; no decision was found). */
const DIVISION: Array<{ number: number; name: string; provinces: string[] }> = [
  { number: 1, name: 'Cụm thi đua số 1', provinces: ['HANOI', 'HOCHIMINH', 'HAIPHONG', 'DANANG', 'CANTHO'] },
  { number: 6, name: 'Cụm thi đua số 6', provinces: ['GIALAI', 'DAKLAK', 'LAMDONG', 'QUANGNGAI', 'KHANHHOA'] },
  { number: 7, name: 'Cụm thi đua số 7', provinces: ['DONGNAI', 'TAYNINH'] },
  { number: 8, name: 'Cụm thi đua số 8', provinces: ['ANGIANG', 'VINHLONG', 'DONGTHAP', 'CAMAU'] },
];

class Scenario {
  private readonly ids = new Map<string, string>();
  /** The emulation year under way: the current calendar year, or last year in January–February (its review early). */
  private readonly year: number;

  constructor(
    private readonly api: Api,
    private readonly ds: DataSource,
    private readonly today: string,
  ) {
    const [y, mo] = today.split('-').map(Number);
    this.year = mo <= 2 ? y - 1 : y;
  }

  private async unit(code: string): Promise<string> {
    if (!this.ids.has(code)) this.ids.set(code, (await this.ds.getRepository(Unit).findOneOrFail({ where: { code } })).id);
    return this.ids.get(code)!;
  }

  private async cluster(organizerCode: string, number: number): Promise<string> {
    const organizerId = await this.unit(organizerCode);
    return (await this.ds.getRepository(Cluster).findOneOrFail({ where: { organizerId, number } })).id;
  }

  async run(): Promise<void> {
    for (const user of ['admin', 'reviewer', 'cum6.secretary', ...CURRENT_MEMBERS.map(([user]) => user)]) await this.api.login(user);
    await this.outcome2019();
    for (let year = 2020; year <= 2024; year++) await this.pastYear(year);
    const c6 = await this.divide();
    await this.lastYear(c6);
    await this.thisYear(c6);
    await this.api.logoutAll();
  }

  /** 2019, Cụm 6 of Bộ TTTT: the recorded outcome with its meeting (seed 003), proposals, council and approvals. */
  private async outcome2019(): Promise<void> {
    const api = this.api;
    const cum6 = await this.cluster('BTTTT', 6);
    const base = `/api/clusters/${cum6}/years/2019`;
    const u = { DL: await this.unit('STTTT-DAKLAK'), PY: await this.unit('STTTT-PHUYEN'), GL: await this.unit('STTTT-GIALAI'), LD: await this.unit('STTTT-LAMDONG'), KT: await this.unit('STTTT-KONTUM'), DN: await this.unit('STTTT-DAKNONG') };
    await api.call('reviewer', 'PUT', `${base}/awards/quotas`, { quotas: [{ award: 'EMULATION_FLAG', quota: 2 }, { award: 'CERTIFICATE_OF_MERIT', quota: 2 }], version: 0, reason: 'Chỉ tiêu khen thưởng năm 2019 của Cụm 6 (minh họa)' });
    let meeting = await api.call('cum6.secretary', 'POST', `${base}/review-meeting`, { heldOn: '2020-03-06', place: 'Đắk Lắk', chairedBy: 'Giám đốc Sở Thông tin và Truyền thông tỉnh Đắk Lắk', minutesBy: 'Thư ký Cụm thi đua số 6' });
    meeting = await api.call('cum6.secretary', 'PUT', `${base}/review-meeting/attendance`, { version: meeting.version, entries: Object.values(u).map((unitId) => ({ unitId, status: 'PRESENT' })) });
    await api.call('cum6.secretary', 'PUT', `${base}/review-meeting/ballots`, {
      version: meeting.version,
      ballots: [
        { unitId: u.DL, award: 'EMULATION_FLAG', votesFor: 6 },
        { unitId: u.PY, award: 'EMULATION_FLAG', votesFor: 5 },
        { unitId: u.GL, award: 'CERTIFICATE_OF_MERIT', votesFor: 6 },
        { unitId: u.LD, award: 'CERTIFICATE_OF_MERIT', votesFor: 5 },
      ],
    });
    const proposals: Reply[] = [];
    for (const [award, unitId] of [['EMULATION_FLAG', u.DL], ['EMULATION_FLAG', u.PY], ['CERTIFICATE_OF_MERIT', u.GL], ['CERTIFICATE_OF_MERIT', u.LD]] as const) {
      const created = await api.call('cum6.secretary', 'POST', `${base}/proposals`, { award, unitId });
      const submitted = await api.call('cum6.secretary', 'POST', `/api/proposals/${created.id}/submit`, { version: created.version });
      proposals.push(await api.call('reviewer', 'POST', `/api/proposals/${created.id}/claim`, { version: submitted.version }));
    }
    await this.council('BTTTT', 2019, '2020-04-10', proposals);
    for (const p of proposals) {
      await api.call('reviewer', 'POST', `/api/proposals/${p.id}/approve`, { version: p.version, decisionNumber: '01/QĐ-BTTTT (minh họa)', decisionDate: '2020-04-15' });
    }
  }

  /**
   * A past year of Bộ TTTT's Cụm 6, complete: its phases, the pledge signed by every member (today by the Sở KH&CN
   * that took each over), consolidated scores and the published ranking, the review meeting with its ballots and the
   * election of next year's chair, the proposals, the council and the approvals. Invented (minh họa) but by the rules.
   */
  private async pastYear(year: number): Promise<void> {
    const api = this.api;
    const cum6 = await this.cluster('BTTTT', 6);
    const base = `/api/clusters/${cum6}/years/${year}`;
    const order = PAST_ORDER[year];
    const unit = (key: string) => this.unit(`STTTT-${key}`);
    // The meeting of 2024 was held before Bộ TTTT merged into Bộ KH&CN (01/03/2025).
    const meetingOn = year === 2024 ? '2025-02-20' : `${year + 1}-03-0${(year % 5) + 3}`;
    const councilOn = year === 2024 ? '2025-02-26' : `${year + 1}-04-10`;
    const decisionOn = year === 2024 ? '2025-02-27' : `${year + 1}-04-15`;
    if (year > 2020) {
      await api.call('admin', 'POST', `/api/clusters/${cum6}/years`, {
        year,
        pledgeSigningOn: `${year}-03-10`,
        midYearReviewOn: `${year}-07-15`,
        scoringOpensOn: `${year}-11-16`,
        scoringClosesOn: `${year}-12-10`,
        reviewMeetingOn: meetingOn,
        proposalDeadline: year === 2024 ? '2025-02-27' : `${year + 1}-03-31`,
        reason: `Năm thi đua ${year} (minh họa)`,
      });
    }
    const host = PROVINCE_NAMES[PAST_CHAIRS[year]];
    const pledge = await api.call('admin', 'POST', `${base}/pledge`, { template: 'CUM6-2020', title: `Bản giao ước thi đua năm ${year}`, signingPlace: host });
    await api.call('admin', 'POST', `${base}/pledge/open`, { version: pledge.version, reason: `Mở ký giao ước năm ${year}` });
    for (const key of Object.keys(SUCCESSOR_ACCOUNTS)) {
      await api.call(SUCCESSOR_ACCOUNTS[key], 'POST', `${base}/pledge/signatures`, { signerName: `Giám đốc Sở TTTT ${PROVINCE_NAMES[key]} (minh họa)`, signerTitle: 'Giám đốc', unitId: await unit(key) });
    }
    for (const [rank, key] of order.entries()) {
      const sheet = await api.call('admin', 'POST', `${base}/scoring/sheets`, { targetUnitId: await unit(key), kind: 'CLUSTER' });
      const saved = await api.call('admin', 'PUT', `${base}/scoring/sheets/${sheet.id}/entries`, { version: sheet.version, entries: entries(POINTS_BY_RANK[rank]) });
      await api.call('admin', 'POST', `${base}/scoring/sheets/${sheet.id}/submit`, { version: saved.version });
    }
    await api.call('admin', 'POST', `${base}/scoring/finalize`, { version: 0, reason: `Công bố kết quả chấm điểm năm ${year} (minh họa)` });
    await api.call('reviewer', 'PUT', `${base}/awards/quotas`, { quotas: [{ award: 'EMULATION_FLAG', quota: 1 }, { award: 'CERTIFICATE_OF_MERIT', quota: 2 }], version: 0, reason: `Chỉ tiêu khen thưởng năm ${year} (minh họa)` });
    let meeting = await api.call('admin', 'POST', `${base}/review-meeting`, { heldOn: meetingOn, place: host, chairedBy: `Giám đốc Sở Thông tin và Truyền thông tỉnh ${host}`, minutesBy: 'Thư ký Cụm thi đua số 6' });
    meeting = await api.call('admin', 'PUT', `${base}/review-meeting/attendance`, { version: meeting.version, entries: await Promise.all(order.map(async (key) => ({ unitId: await unit(key), status: 'PRESENT' }))) });
    const picks: Array<[string, string, number]> = [['EMULATION_FLAG', order[0], 6], ['CERTIFICATE_OF_MERIT', order[1], 6], ['CERTIFICATE_OF_MERIT', order[2], 5]];
    await api.call('admin', 'PUT', `${base}/review-meeting/ballots`, { version: meeting.version, ballots: await Promise.all(picks.map(async ([award, key, votesFor]) => ({ unitId: await unit(key), award, votesFor }))) });
    if (year < 2024) {
      const next = PAST_CHAIRS[year + 1];
      const vice = PAST_CHAIRS[year + 2] ?? 'DAKNONG';
      await api.call('admin', 'POST', `${base}/review-meeting/election`, { chairUnitId: await unit(next), viceChairUnitId: await unit(vice), hostUnitId: await unit(next), reason: `Bầu Cụm trưởng, Cụm phó năm ${year + 1} (minh họa)` });
    }
    const proposals: Reply[] = [];
    for (const [award, key] of picks) {
      const created = await api.call('admin', 'POST', `${base}/proposals`, { award, unitId: await unit(key) });
      const submitted = await api.call('admin', 'POST', `/api/proposals/${created.id}/submit`, { version: created.version });
      proposals.push(await api.call('reviewer', 'POST', `/api/proposals/${created.id}/claim`, { version: submitted.version }));
    }
    await this.council('BTTTT', year, councilOn, proposals);
    for (const p of proposals) {
      await api.call('reviewer', 'POST', `/api/proposals/${p.id}/approve`, { version: p.version, decisionNumber: `${String(year - 2018).padStart(2, '0')}/QĐ-BTTTT (minh họa)`, decisionDate: decisionOn });
    }
  }

  /** The organiser's emulation council: members (once), a meeting, everyone present, every proposal passed, closed. */
  private async council(organizerCode: string, year: number, heldOn: string, proposals: Reply[]): Promise<void> {
    const api = this.api;
    const organizerId = await this.unit(organizerCode);
    const members = (await api.call('reviewer', 'GET', `/api/organizers/${organizerId}/council/members`)) as unknown as unknown[];
    if (!members.length) {
      const people = [
        { name: 'Nguyễn Minh Hồng', position: 'Thứ trưởng', role: 'CHAIR' },
        { name: 'Trần Văn Bình', position: 'Vụ trưởng Vụ Thi đua – Khen thưởng', role: 'VICE_CHAIR' },
        { name: 'Lê Thị Thu', position: 'Chánh Văn phòng', role: 'MEMBER' },
        { name: 'Phạm Quốc Toàn', position: 'Vụ trưởng Vụ Tổ chức cán bộ', role: 'MEMBER' },
        { name: 'Hoàng Thị Mai', position: 'Chủ tịch Công đoàn Bộ', role: 'MEMBER' },
      ];
      for (const person of people) await api.call('reviewer', 'POST', `/api/organizers/${organizerId}/council/members`, { ...person, fromDate: `${year}-01-01`, reason: 'Thành viên Hội đồng Thi đua – Khen thưởng (minh họa)' });
    }
    let meeting = await api.call('reviewer', 'POST', '/api/council/meetings', { organizerId, year, heldOn, place: 'Hà Nội', minutesBy: 'Thư ký Hội đồng (minh họa)' });
    meeting = await api.call('reviewer', 'PUT', `/api/council/meetings/${meeting.id}/attendance`, { version: meeting.version, entries: meeting.members!.map((m) => ({ memberId: m.id, status: 'PRESENT' })) });
    meeting = await api.call('reviewer', 'PUT', `/api/council/meetings/${meeting.id}/ballots`, { version: meeting.version, ballots: proposals.map((p) => ({ proposalId: p.id, votesFor: 5 })) });
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
      reviewMeetingOn: `${year + 1}-01-16`,
      proposalDeadline: `${year + 1}-02-06`,
      reason: `Năm thi đua ${year} của cụm sau sắp xếp (minh họa)`,
    });
    await api.call('admin', 'POST', `${base}/criteria`, { from: 'TEMPLATE', templateCode: 'CUM6-2020', title: `Bộ tiêu chí thi đua năm ${year} của Cụm thi đua số 6 (minh họa theo mẫu năm 2020)` });
    const pledge = await api.call('admin', 'POST', `${base}/pledge`, { title: `Bản giao ước thi đua năm ${year} của Cụm thi đua số 6 (minh họa)`, signingPlace: 'Lâm Đồng' });
    await api.call('admin', 'POST', `${base}/pledge/open`, { version: pledge.version, reason: `Mở ký giao ước năm ${year}` });
    for (const [user] of CURRENT_MEMBERS) await api.call(user, 'POST', `${base}/pledge/signatures`, { signerName: 'Giám đốc Sở (minh họa)', signerTitle: 'Giám đốc' });
    for (const [code, points] of Object.entries(LAST_YEAR_POINTS)) {
      const sheet = await api.call('admin', 'POST', `${base}/scoring/sheets`, { targetUnitId: await this.unit(code), kind: 'CLUSTER' });
      const saved = await api.call('admin', 'PUT', `${base}/scoring/sheets/${sheet.id}/entries`, { version: sheet.version, entries: entries(points) });
      await api.call('admin', 'POST', `${base}/scoring/sheets/${sheet.id}/submit`, { version: saved.version });
    }
    await api.call('admin', 'POST', `${base}/scoring/finalize`, { version: 0, reason: 'Công bố kết quả chấm điểm (minh họa)' });
    await api.call('reviewer', 'PUT', `${base}/awards/quotas`, { quotas: [{ award: 'EMULATION_FLAG', quota: 1 }, { award: 'CERTIFICATE_OF_MERIT', quota: 2 }], version: 0, reason: `Chỉ tiêu khen thưởng năm ${year} (minh họa)` });
    const u = { DL: await this.unit('SKHCN-DAKLAK'), GL: await this.unit('SKHCN-GIALAI'), LD: await this.unit('SKHCN-LAMDONG'), QN: await this.unit('SKHCN-QUANGNGAI'), KH: await this.unit('SKHCN-KHANHHOA') };
    let meeting = await api.call('admin', 'POST', `${base}/review-meeting`, { heldOn: `${year + 1}-01-16`, place: 'Lâm Đồng', chairedBy: 'Giám đốc Sở Khoa học và Công nghệ tỉnh Lâm Đồng', minutesBy: 'Thư ký Cụm thi đua số 6' });
    meeting = await api.call('admin', 'PUT', `${base}/review-meeting/attendance`, { version: meeting.version, entries: Object.values(u).map((unitId) => ({ unitId, status: 'PRESENT' })) });
    await api.call('admin', 'PUT', `${base}/review-meeting/ballots`, {
      version: meeting.version,
      ballots: [
        { unitId: u.DL, award: 'EMULATION_FLAG', votesFor: 5 },
        { unitId: u.GL, award: 'CERTIFICATE_OF_MERIT', votesFor: 5 },
        { unitId: u.LD, award: 'CERTIFICATE_OF_MERIT', votesFor: 4 },
      ],
    });
    await api.call('admin', 'POST', `${base}/review-meeting/election`, { chairUnitId: u.GL, viceChairUnitId: u.DL, hostUnitId: u.GL, reason: 'Bầu Cụm trưởng, Cụm phó năm sau (minh họa)' });
    for (const [award, unitId] of [['EMULATION_FLAG', u.DL], ['CERTIFICATE_OF_MERIT', u.GL], ['CERTIFICATE_OF_MERIT', u.LD]] as const) {
      const created = await api.call('cum6.secretary', 'POST', `${base}/proposals`, { award, unitId });
      const submitted = await api.call('cum6.secretary', 'POST', `/api/proposals/${created.id}/submit`, { version: created.version });
      if (unitId === u.LD) {
        const claimed = await api.call('reviewer', 'POST', `/api/proposals/${created.id}/claim`, { version: submitted.version });
        await api.call('reviewer', 'POST', `/api/proposals/${created.id}/return`, { version: claimed.version, reason: `Bổ sung báo cáo thành tích năm ${year} của đơn vị có xác nhận của cấp trình khen (minh họa)` });
      }
    }
  }

  /** This year of Cụm 6: phases from today, the pledge all but one signed, scoring open with sheets in every state. */
  private async thisYear(c6: string): Promise<void> {
    const api = this.api;
    const year = this.year;
    const base = `/api/clusters/${c6}/years/${year}`;
    const opens = addDays(this.today, -14);
    const closes = minDate(addDays(this.today, 14), `${year + 1}-03-31`);
    const pledgeOn = minDate(`${year}-03-15`, addDays(opens, -30));
    const midYear = `${year}-07-15` > pledgeOn && `${year}-07-15` < opens ? `${year}-07-15` : null;
    await api.call('cum6.secretary', 'POST', `/api/clusters/${c6}/years`, {
      year,
      pledgeSigningOn: pledgeOn,
      midYearReviewOn: midYear,
      scoringOpensOn: opens,
      scoringClosesOn: closes,
      reviewMeetingOn: addDays(closes, 30),
      proposalDeadline: addDays(closes, 51),
      reason: `Kế hoạch năm thi đua ${year} (minh họa, theo ngày hôm nay)`,
    });
    const template = loadReferenceData().criteriaTemplates['CUM6-2020'];
    const pledge = await api.call('cum6.secretary', 'POST', `${base}/pledge`, { template: 'CUM6-2020', title: `Bản giao ước thi đua năm ${year} của Cụm thi đua số 6 (minh họa)`, signingPlace: 'Gia Lai' });
    await api.call('cum6.secretary', 'POST', `${base}/pledge/open`, { version: pledge.version, reason: `Mở ký giao ước năm ${year}` });
    // All but Sở KH&CN Khánh Hòa have signed.
    for (const [user] of CURRENT_MEMBERS.filter(([u]) => u !== 'skhcn.khanhhoa')) await api.call(user, 'POST', `${base}/pledge/signatures`, { signerName: 'Giám đốc Sở (minh họa)', signerTitle: 'Giám đốc' });
    const points = template.criteria.map((c) => c.maxPoints - 0.5);
    const gl = await api.call('skhcn.gialai', 'POST', `${base}/scoring/sheets`, { targetUnitId: await this.unit('SKHCN-GIALAI'), kind: 'SELF' });
    const glSaved = await api.call('skhcn.gialai', 'PUT', `${base}/scoring/sheets/${gl.id}/entries`, { version: gl.version, entries: entries(points) });
    await api.call('skhcn.gialai', 'POST', `${base}/scoring/sheets/${gl.id}/submit`, { version: glSaved.version });
    const ld = await api.call('skhcn.lamdong', 'POST', `${base}/scoring/sheets`, { targetUnitId: await this.unit('SKHCN-LAMDONG'), kind: 'SELF' });
    await api.call('skhcn.lamdong', 'PUT', `${base}/scoring/sheets/${ld.id}/entries`, { version: ld.version, entries: entries(points, 5) });
  }
}
