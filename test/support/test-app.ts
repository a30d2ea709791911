import { INestApplication } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/bootstrap';
import { loadConfig } from '../../src/config/app-config';
import { ENTITIES } from '../../src/database/entities';
import { createDataSource } from '../../src/database/data-source';
import { totpCode } from '../../src/auth/mfa';
import { DEMO_MFA_SECRETS } from '../../src/database/seed/demo-data';
import { baseTestEnv, createPgDatabase, dataDirFrom, pgUrlOf, usableTemplate, withAdmin } from './template';

export const DEMO_PASSWORD = 'ThiDua@Demo2026';

/**
 * The login body of a demo account: its password and, for the accounts enrolled in MFA (admin, reviewer),
 * the current code of its published demo secret. A code is accepted once: log such an account in once per
 * database (token() caches), or send the remembered-device cookie.
 */
export function demoCredentials(username: string, at = Date.now()): { username: string; password: string; code?: string } {
  const secret = (DEMO_MFA_SECRETS as Record<string, string>)[username];
  return secret ? { username, password: DEMO_PASSWORD, code: totpCode(secret, at) } : { username, password: DEMO_PASSWORD };
}

/**
 * Waits, when needed, until at least 5 s remain of the current 30 s TOTP step: a code of the previous step sent
 * then is still one step old when the server checks it (sent in a step's last moments on a loaded machine, it could
 * arrive two steps old and be refused).
 */
export async function awayFromTotpStepEnd(): Promise<void> {
  const intoStep = Date.now() % 30_000;
  if (intoStep > 25_000) await new Promise((r) => setTimeout(r, 30_000 - intoStep + 200));
}

/** Which database the e2e suite runs on: TEST_DB=postgres (with TEST_PG_URL) or SQLite by default. */
export const TEST_DB: 'sqlite' | 'postgres' = process.env.TEST_DB === 'postgres' ? 'postgres' : 'sqlite';

/** Settings that make a test application's database not the template's: those start on a fresh (or given) one. */
const OWN_DATABASE = ['DATA_DIR', 'SQLITE_PATH', 'DATABASE_URL', 'SERVER_KEY', 'SEED_DEMO', 'SEED_DEMO_SCENARIO', 'ADMIN_PASSWORD', 'SIGNING_P12_PATH'];

export interface TestApp {
  app: INestApplication;
  http: ReturnType<typeof request>;
  /** The remembered-device (MFA) cookie value of an account that token() signed in, if it has MFA. */
  rememberedDevice(username: string): string | undefined;
  dataSource: DataSource;
  dataDir: string;
  databaseUrl?: string;
  /** A bearer token for a demo account (cached per user name). */
  token(username: string): Promise<string>;
  /** A hash of every row of every table: equal before and after means nothing changed. */
  snapshot(): Promise<string>;
  close(): Promise<void>;
}

/**
 * Starts the real application on a database of its own: a copy of the run's seeded template (see template.ts)
 * when there is one, otherwise a fresh database running the real migrations and seed. Migrations and the seed run
 * at start-up either way (on a copy they find nothing left to do).
 */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  if (EXTERNAL_BASE_URL) return startExternalApp(env);
  const template = OWN_DATABASE.some((k) => k in env) ? null : usableTemplate(TEST_DB);
  const dataDir = dataDirFrom(template);
  let databaseUrl: string | undefined;
  let dbName: string | undefined;
  if (TEST_DB === 'postgres') {
    dbName = `thidua_t_${randomBytes(6).toString('hex')}`;
    await createPgDatabase(dbName, template?.pgDatabase);
    databaseUrl = pgUrlOf(dbName);
  }
  const config = loadConfig({
    ...baseTestEnv(),
    DATA_DIR: dataDir,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...env,
  });
  const app = closesOnce(await createApp(config));
  return clientOf(app, app.getHttpServer(), app.get(DataSource), dataDir, databaseUrl, async () => {
    await app.close();
    if (dbName) await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`));
    rmSync(dataDir, { recursive: true, force: true });
  });
}

/**
 * The application whose close() runs once: a test that stops it itself (a stop under test) is not stopped again by
 * the test's close(), where Nest would run the shutdown hooks again on a closed database. (Nest's own proxy ignores
 * assignments, so this is a proxy of its own.)
 */
function closesOnce(app: INestApplication): INestApplication {
  let closing: Promise<void> | undefined;
  const close = () => (closing ??= app.close());
  return new Proxy(app, { get: (target, prop) => (prop === 'close' ? close : Reflect.get(target, prop)) });
}

/**
 * E2E_BASE_URL (scripts/cluster-ci.mjs): the test's HTTP client targets that address — the load balancer in front of
 * several instances — and its database handle is E2E_DATABASE_URL, the instances' shared PostgreSQL database. There
 * is no application in this process: a test that reaches for `t.app` or starts the application with settings of
 * its own cannot run this way (the script lists the files that can).
 */
const EXTERNAL_BASE_URL = process.env.E2E_BASE_URL;

/** A test's `skip` when it needs the application inside the test process (false when it has one). */
export const IN_PROCESS_ONLY: string | false = EXTERNAL_BASE_URL ? 'needs the application in the test process (run through the balancer)' : false;

async function startExternalApp(env: Record<string, string>): Promise<TestApp> {
  // Settings of its own: the instances must have been started with them (E2E_INSTANCE_ENV, from the script).
  const instances = JSON.parse(process.env.E2E_INSTANCE_ENV ?? '{}') as Record<string, string>;
  const differing = Object.keys(env).filter((k) => instances[k] !== env[k]);
  if (differing.length) throw new Error(`E2E_BASE_URL: the instances do not run with this test's settings (${differing.join(', ')})`);
  const url = process.env.E2E_DATABASE_URL;
  if (!url || TEST_DB !== 'postgres') throw new Error('E2E_BASE_URL needs TEST_DB=postgres and E2E_DATABASE_URL (the instances\' database)');
  const dataSource = await createDataSource({ type: 'postgres', url }).initialize();
  const app = new Proxy({} as INestApplication, {
    get: (_t, key) => {
      throw new Error(`E2E_BASE_URL: no application in this process (t.app.${String(key)})`);
    },
  });
  return clientOf(app, EXTERNAL_BASE_URL!, dataSource, '', url, () => dataSource.destroy());
}

function clientOf(app: INestApplication, target: Parameters<typeof request>[0], dataSource: DataSource, dataDir: string, databaseUrl: string | undefined, close: () => Promise<void>): TestApp {
  const tokens = new Map<string, string>();
  const rememberCookies = new Map<string, string>();
  const http = request(target);

  return {
    app,
    http,
    dataSource,
    dataDir,
    databaseUrl,
    async token(username: string) {
      const cached = tokens.get(username);
      if (cached) return cached;
      // An MFA account signs in with a code once and keeps the remembered-device cookie for later sign-ins.
      const remembered = rememberCookies.get(username);
      const req = request(target).post('/api/auth/login');
      if (remembered) req.set('Cookie', `thidua_mfa=${remembered}`);
      const res = await req.send(remembered ? { username, password: DEMO_PASSWORD } : { ...demoCredentials(username), rememberDevice: true });
      if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
      const cookie = ((res.headers['set-cookie'] as unknown as string[] | undefined) ?? []).find((c) => c.startsWith('thidua_mfa='));
      if (cookie) rememberCookies.set(username, decodeURIComponent(cookie.split(';')[0].slice('thidua_mfa='.length)));
      tokens.set(username, res.body.accessToken);
      return res.body.accessToken as string;
    },
    rememberedDevice(username: string) {
      return rememberCookies.get(username);
    },
    async snapshot() {
      if (TEST_DB === 'postgres') {
        const tables = ENTITIES.map((entity) => dataSource.getMetadata(entity).tableName);
        // One statement: PostgreSQL hashes each table's rows (every column, as row text) itself; nothing is
        // hydrated (25 ms a snapshot the SQLite way on the demo data, 3 ms this way).
        const parts = tables.map((name) => `SELECT ${quoteLiteral(name)} AS n, count(*) AS c, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS h FROM "${name}" t`);
        const rows: { n: string; c: string; h: string }[] = await dataSource.query(parts.join(' UNION ALL '));
        return createHash('sha256').update(rows.map((r) => `${r.n}:${r.c}:${r.h}`).sort().join('\n')).digest('hex');
      }
      const hash = createHash('sha256');
      for (const entity of ENTITIES) {
        const rows = await dataSource.getRepository(entity).find();
        const lines = rows.map((r) => JSON.stringify(r)).sort();
        hash.update(`${dataSource.getMetadata(entity).tableName}:${lines.length}\n${lines.join('\n')}\n`);
      }
      return hash.digest('hex');
    },
    close,
  };
}

const quoteLiteral = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * Who acts today for a unit of the 2019–2024 demo: its Sở TTTT ended on 28/02/2025, so its own account only reads;
 * the Sở KH&CN that took it over acts for it (naming the unit where it took over several members of a year).
 */
export const SUCCESSOR_OF: Record<string, { user: string; unitCode: string }> = {
  gialai: { user: 'skhcn.gialai', unitCode: 'STTTT-GIALAI' },
  phuyen: { user: 'skhcn.daklak', unitCode: 'STTTT-PHUYEN' },
  daklak: { user: 'skhcn.daklak', unitCode: 'STTTT-DAKLAK' },
  lamdong: { user: 'skhcn.lamdong', unitCode: 'STTTT-LAMDONG' },
  kontum: { user: 'skhcn.quangngai', unitCode: 'STTTT-KONTUM' },
  daknong: { user: 'skhcn.lamdong', unitCode: 'STTTT-DAKNONG' },
};

/** The token of the account acting for an old unit (by its old user name) and the unit's id, for request bodies. */
export async function actorFor(t: TestApp, oldUser: string): Promise<{ token: string; unitId: string; user: string }> {
  const { user, unitCode } = SUCCESSOR_OF[oldUser];
  const [row] = await t.dataSource.query(`SELECT id FROM units WHERE code = ${TEST_DB === 'postgres' ? '$1' : '?'}`, [unitCode]);
  return { token: await t.token(user), unitId: row.id as string, user };
}

/** Looks up ids of demo data by their natural keys. */
export async function demoIds(t: TestApp) {
  const q = (sql: string, params: unknown[]) => t.dataSource.query(sql, params);
  const p = TEST_DB === 'postgres' ? (i: number) => `$${i}` : () => '?';
  const unit = async (code: string) => (await q(`SELECT id FROM units WHERE code = ${p(1)}`, [code]))[0]?.id as string;
  const ministry = await unit('BTTTT');
  const cluster = async (organizerId: string, n: number) =>
    (await q(`SELECT id FROM clusters WHERE organizer_id = ${p(1)} AND number = ${p(2)}`, [organizerId, n]))[0]?.id as string;
  const ngheAn = await unit('STTTT-NA');
  return {
    ministry,
    /** Bộ Khoa học và Công nghệ, Bộ TTTT's successor from 01/03/2025. */
    successorMinistry: await unit('BKHCN'),
    ngheAn,
    cum1: await cluster(ministry, 1),
    cum6: await cluster(ministry, 6),
    cum7: await cluster(ministry, 7),
    naCum1: await cluster(ngheAn, 1),
    unit,
    gialai: await unit('STTTT-GIALAI'),
    daklak: await unit('STTTT-DAKLAK'),
    hanoi: await unit('STTTT-HANOI'),
    user: async (username: string) => (await q(`SELECT id FROM users WHERE username = ${p(1)}`, [username]))[0]?.id as string,
  };
}

/** Positional parameter placeholder of the test database. */
/** A small PDF the upload check accepts, sent as a proposal's achievement report (its dossier needs one before it is sent). */
export const REPORT_PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(500, 0x20), Buffer.from('\n%%EOF\n')]);

export async function attachReport(t: TestApp, token: string, proposalId: string): Promise<void> {
  await t.http.post(`/api/proposals/${proposalId}/reports`).set('Authorization', `Bearer ${token}`).attach('file', REPORT_PDF, 'bao-cao-thanh-tich.pdf').expect(201);
}

/**
 * Publishes a cluster-year's scoring results as its secretariat does on the ranking page (missing sheets accepted):
 * the review meeting of the year is held on the published results only.
 */
export async function publishResults(t: TestApp, token: string, clusterId: string, year: number): Promise<void> {
  const base = `/api/clusters/${clusterId}/years/${year}/scoring`;
  const config = await t.http.get(`${base}/config`).set('Authorization', `Bearer ${token}`).expect(200);
  await t.http.post(`${base}/finalize`).set('Authorization', `Bearer ${token}`).send({ version: config.body.version ?? 0, reason: 'Công bố kết quả chấm điểm', acceptMissing: true }).expect(200);
}

export const ph = (i: number) => (TEST_DB === 'postgres' ? `$${i}` : '?');

/** supertest parser that keeps a response body as bytes (PDF, Excel). */
export function binary(res: request.Response, cb: (err: Error | null, body: Buffer) => void): void {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => cb(null, Buffer.concat(chunks)));
}

/**
 * Cụm 6's 2019 review meeting (Bộ TTTT), held on 06/03/2020 in Đắk Lắk with six members present, each of `merit`
 * voted for the Bằng khen by all six: the scene of the dossier tests.
 */
export async function meetCum6In2019(t: TestApp, secretary: string, merit: string[]): Promise<void> {
  const ids = await demoIds(t);
  const base = `/api/clusters/${ids.cum6}/years/2019`;
  const auth = { Authorization: `Bearer ${secretary}` };
  let meeting = (await t.http.post(`${base}/review-meeting`).set(auth).send({ heldOn: '2020-03-06', place: 'Đắk Lắk', chairedBy: 'Giám đốc Sở TTTT Đắk Lắk', minutesBy: 'Thư ký cụm' }).expect(201)).body;
  const present = [ids.gialai, ids.daklak, await ids.unit('STTTT-PHUYEN'), await ids.unit('STTTT-LAMDONG'), await ids.unit('STTTT-KONTUM'), await ids.unit('STTTT-DAKNONG')];
  meeting = (await t.http.put(`${base}/review-meeting/attendance`).set(auth).send({ version: meeting.version, entries: present.map((unitId) => ({ unitId, status: 'PRESENT' })) }).expect(200)).body;
  await t.http.put(`${base}/review-meeting/ballots`).set(auth).send({ version: meeting.version, ballots: merit.map((unitId) => ({ unitId, award: 'CERTIFICATE_OF_MERIT', votesFor: 6 })) }).expect(200);
}

/** The 2019 meeting of Cụm 6 (meetCum6In2019) and a confirmed Bằng khen proposal for each unit, its report attached. */
export async function draftsCum6In2019(t: TestApp, secretary: string, units: string[]): Promise<Array<{ id: string; version: number }>> {
  await meetCum6In2019(t, secretary, units);
  const base = `/api/clusters/${(await demoIds(t)).cum6}/years/2019`;
  const drafts: Array<{ id: string; version: number }> = [];
  for (const unitId of units) {
    const draft = (await t.http.post(`${base}/proposals`).set({ Authorization: `Bearer ${secretary}` }).send({ award: 'CERTIFICATE_OF_MERIT', unitId }).expect(201)).body;
    await attachReport(t, secretary, draft.id);
    drafts.push({ id: draft.id, version: draft.version });
  }
  return drafts;
}
