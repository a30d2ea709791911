/**
 * The scoreboard export over HTTP on a cluster of 100 members × 30 criteria (the cluster's consolidated sheet and the
 * ministry's appraisal per member, each submitted with all 30 points), built through the API: exports per
 * second under load, with `/api/health` in the same run as the reference.
 */
import { LoadFigures, ServerHandle, api, load, login } from './support';

export const MEMBERS = 100;
export const CRITERIA_COUNT = 30;
/** The figure for the peer application on the same data (not runnable here). */
export const PEER_EXPORTS_PER_SECOND = 28;

/** Builds the cluster-year and returns the scoreboard's path. */
export async function buildScoreboardCluster(server: ServerHandle, admin: string): Promise<string> {
  const ministry = (await api(server.url, 'GET', '/api/units?q=bo khoa hoc&kind=ORGANIZER', admin)).items[0];
  const cluster = await api(server.url, 'POST', '/api/clusters', admin, { organizerId: ministry.id, number: 97, name: 'Cụm đo xuất bảng điểm', documentCode: 'CTĐ97' });
  const base = `/api/clusters/${cluster.id}/years/2026`;
  const units: string[] = [];
  for (let i = 0; i < MEMBERS; i++) {
    const unit = await api(server.url, 'POST', '/api/units', admin, { code: `EXP-${String(i).padStart(3, '0')}`, kind: 'MEMBER', name: `Sở Khoa học và Công nghệ đo xuất ${i + 1}`, shortName: `Sở KH&CN ${i + 1}` });
    await api(server.url, 'POST', `/api/clusters/${cluster.id}/members`, admin, { unitId: unit.id, year: 2026 });
    units.push(unit.id);
  }
  const set = await api(server.url, 'POST', `${base}/criteria`, admin, { from: 'EMPTY', title: 'Bộ tiêu chí 30 tiêu chí' });
  const maxOf = (i: number) => (i < 10 ? 4 : 3);
  const items = Array.from({ length: CRITERIA_COUNT }, (_, i) => ({ code: `TC${i + 1}`, text: `Tiêu chí số ${i + 1} của bộ đo xuất bảng điểm.`, maxPoints: maxOf(i), kind: 'SCORED', evidenceRequired: false }));
  await api(server.url, 'PUT', `${base}/criteria`, admin, { version: set.version, reason: 'Bộ tiêu chí đo xuất bảng điểm', totalPoints: 100, items });
  for (const [n, unitId] of units.entries()) {
    for (const kind of ['CLUSTER', 'MINISTRY']) {
      const sheet = await api(server.url, 'POST', `${base}/scoring/sheets`, admin, { targetUnitId: unitId, kind });
      const entries = items.map((c, i) => ({ code: c.code, points: c.maxPoints - ((n + i + (kind === 'CLUSTER' ? 0 : 1)) % 3) * 0.5 }));
      const saved = await api(server.url, 'PUT', `${base}/scoring/sheets/${sheet.id}/entries`, admin, { version: sheet.version, entries });
      await api(server.url, 'POST', `${base}/scoring/sheets/${sheet.id}/submit`, admin, { version: saved.version });
    }
  }
  return `${base}/scoring/scoreboard.xlsx`;
}

export interface ScoreboardHttpFigures {
  health: LoadFigures;
  scoreboard: LoadFigures & { bytes: number; vsHealth: number; vsPeer: number };
}

/** /api/health, then the scoreboard export, each under autocannon with `connections` clients. */
export async function scoreboardHttp(server: ServerHandle, connections = 10): Promise<ScoreboardHttpFigures> {
  const admin = await login(server.url, 'admin');
  const path = await buildScoreboardCluster(server, admin);
  const first = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${admin}` } });
  if (!first.ok) throw new Error(`scoreboard: ${first.status} ${await first.text()}`);
  const bytes = (await first.arrayBuffer()).byteLength;
  const measure = { serverPid: server.child.pid };
  const health = await load({ url: `${server.url}/api/health`, connections: 50 }, measure);
  const scoreboard = await load({ url: `${server.url}${path}`, connections, headers: { authorization: `Bearer ${admin}` } }, measure);
  return {
    health,
    scoreboard: { ...scoreboard, bytes, vsHealth: +(scoreboard.requestsPerSecond / health.requestsPerSecond).toFixed(4), vsPeer: +(scoreboard.requestsPerSecond / PEER_EXPORTS_PER_SECOND).toFixed(2) },
  };
}
