import { DEMO_PASSWORD, demoIds } from '../support/test-app';
import { BrowserRig, startRig } from './support';

/** The year reviewed: Bộ KH&CN's first year after the reorganisation, its review meeting early the next year. */
export const YEAR = 2025;
/** The Sở KH&CN of Cụm 1 (by its code), the account its officer gets, in ranking order; the last one is absent. */
const UNITS: Array<[string, string]> = [
  ['SKHCN-HANOI', 'skhcn.hanoi'],
  ['SKHCN-HOCHIMINH', 'skhcn.hochiminh'],
  ['SKHCN-HAIPHONG', 'skhcn.haiphong'],
  ['SKHCN-DANANG', 'skhcn.danang'],
  ['SKHCN-CANTHO', 'skhcn.cantho'],
  ['SKHCN-DONGNAI', 'skhcn.dongnai'],
  ['SKHCN-TAYNINH', 'skhcn.tayninh'],
];
/** Consolidated points: every criterion of the CUM6-2020 template at its maximum, TC1 lowered by half a point per place. */
const MAX = [15, 15, 10, 10, 15, 10, 10, 10, 5];
const CODES = MAX.map((_, i) => `TC${i + 1}`);

export interface Voter {
  user: string;
  unitId: string;
  name: string;
  token: string;
}

export interface BallotScene {
  rig: BrowserRig;
  clusterId: string;
  /** The cluster's secretariat, an account the administrator created for the cluster. */
  secretary: string;
  /** The six members present at the meeting, each with its own officer's account. */
  voters: Voter[];
  /** The seventh member, absent, which sent a written opinion. */
  absent: { unitId: string; name: string };
  meetingUrl: string;
}

/**
 * A current cluster-year set as the organiser and the administrator would through the API: Bộ KH&CN's Cụm thi đua
 * số 1 of seven active Sở KH&CN by a division decision for 2025, an officer's account for each and a secretary for the
 * cluster, the year with its criteria, consolidated scores and the published ranking, the quotas (Cờ 2, Bằng khen 2),
 * and the review meeting: six members present, the seventh absent with a written opinion.
 */
export async function startBallotScene(): Promise<BallotScene> {
  const rig = await startRig();
  const { t } = rig;
  const ids = await demoIds(t);
  const bkhcn = ids.successorMinistry;
  const [admin, reviewer] = [await t.token('admin'), await t.token('reviewer')];
  const call = async (token: string, method: 'post' | 'put', url: string, body: object) => {
    const res = await t.http[method](url).auth(token, { type: 'bearer' }).send(body);
    if (res.status >= 300) throw new Error(`${method.toUpperCase()} ${url}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const cluster = await call(reviewer, 'post', '/api/clusters', { organizerId: bkhcn, number: 1, name: 'Cụm thi đua số 1', documentCode: 'CTĐ1', reason: 'Cụm thi đua các Sở KH&CN (thử nghiệm)' });
  const decision = await call(reviewer, 'post', '/api/cluster-decisions', { organizerId: bkhcn, number: '11/QĐ-BKHCN (thử nghiệm)', signedOn: '2025-08-15', effectiveYear: YEAR, reason: 'Phân cụm sau sắp xếp (thử nghiệm)' });
  const unitIds = await Promise.all(UNITS.map(([code]) => ids.unit(code)));
  await call(reviewer, 'post', `/api/cluster-decisions/${decision.id}/division`, { year: YEAR, reason: `Phân cụm năm ${YEAR}`, assignments: unitIds.map((unitId) => ({ clusterId: cluster.id, unitId })) });
  for (const [i, [, username]] of UNITS.entries()) {
    await call(admin, 'post', '/api/users', { username, fullName: `Cán bộ thi đua ${username}`, role: 'unit_officer', unitId: unitIds[i], password: DEMO_PASSWORD, reason: 'Tài khoản cán bộ thi đua của đơn vị' });
  }
  const secretary = 'cum1.bkhcn.thuky';
  await call(admin, 'post', '/api/users', { username: secretary, fullName: 'Thư ký Cụm thi đua số 1', role: 'cluster_secretary', clusterIds: [cluster.id], password: DEMO_PASSWORD, reason: 'Thư ký cụm' });
  const base = `/api/clusters/${cluster.id}/years/${YEAR}`;
  await call(admin, 'post', `/api/clusters/${cluster.id}/years`, {
    year: YEAR, pledgeSigningOn: '2025-08-20', scoringOpensOn: '2025-11-17', scoringClosesOn: '2025-12-15', reviewMeetingOn: '2026-01-16', proposalDeadline: '2026-02-06', reason: `Năm thi đua ${YEAR} (thử nghiệm)`,
  });
  await call(admin, 'post', `${base}/criteria`, { from: 'TEMPLATE', templateCode: 'CUM6-2020', title: `Bộ tiêu chí thi đua năm ${YEAR} của Cụm thi đua số 1 (theo mẫu)` });
  for (const [rank, unitId] of unitIds.entries()) {
    const sheet = await call(admin, 'post', `${base}/scoring/sheets`, { targetUnitId: unitId, kind: 'CLUSTER' });
    const points = MAX.map((p, i) => (i === 0 ? p - rank / 2 : p));
    const saved = await call(admin, 'put', `${base}/scoring/sheets/${sheet.id}/entries`, { version: sheet.version, entries: points.map((p, i) => ({ code: CODES[i], points: p })) });
    await call(admin, 'post', `${base}/scoring/sheets/${sheet.id}/submit`, { version: saved.version });
  }
  await call(admin, 'post', `${base}/scoring/finalize`, { version: 0, reason: 'Công bố kết quả chấm điểm' });
  await call(reviewer, 'put', `${base}/awards/quotas`, { quotas: [{ award: 'EMULATION_FLAG', quota: 2 }, { award: 'CERTIFICATE_OF_MERIT', quota: 2 }], version: 0, reason: `Chỉ tiêu khen thưởng năm ${YEAR}` });
  const sec = await t.token(secretary);
  const meeting = await call(sec, 'post', `${base}/review-meeting`, { heldOn: '2026-01-16', place: 'Hà Nội', chairedBy: 'Giám đốc Sở KH&CN Hà Nội', minutesBy: 'Thư ký Cụm thi đua số 1' });
  const last = unitIds.length - 1;
  await call(sec, 'put', `${base}/review-meeting/attendance`, { version: meeting.version, entries: unitIds.map((unitId, i) => ({ unitId, status: i === last ? 'WRITTEN_OPINION' : 'PRESENT' })) });
  const members = (await t.http.get(`/api/clusters/${cluster.id}/members?year=${YEAR}`).auth(sec, { type: 'bearer' }).expect(200)).body as Array<{ unit: { id: string; name: string } }>;
  const name = (unitId: string) => members.find((m) => m.unit.id === unitId)!.unit.name;
  const voters: Voter[] = [];
  for (const [i, [, user]] of UNITS.slice(0, last).entries()) voters.push({ user, unitId: unitIds[i], name: name(unitIds[i]), token: await t.token(user) });
  return { rig, clusterId: cluster.id, secretary, voters, absent: { unitId: unitIds[last], name: name(unitIds[last]) }, meetingUrl: `${rig.base}/cum/${cluster.id}/nam/${YEAR}/binh-xet` };
}
