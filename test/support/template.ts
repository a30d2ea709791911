/**
 * The seeded template of a test run: one application started once on a fresh database (migrations, reference and
 * demo seed, eleven argon2 hashes, the self-signed signing certificate), then closed. Each test file starts from a
 * copy of it instead of doing all that again:
 *   - the whole data folder is copied (the SQLite file with the server key that keys its audit chain and MFA
 *     secrets, the audit checkpoints, the signing certificate), so the copy is consistent;
 *   - on PostgreSQL the database is copied with CREATE DATABASE … TEMPLATE (the template has no connection left).
 *
 * scripts/run-tests.mjs builds it before the suites (`node dist/test/support/template.js build sqlite|postgres`
 * prints the JSON that it passes on in TEST_TEMPLATE) and drops it afterwards. Without TEST_TEMPLATE, or with a
 * template of another database or another day, startTestApp seeds a fresh database as before.
 */
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { createApp } from '../../src/bootstrap';
import { loadConfig } from '../../src/config/app-config';
import { todayInVietnam } from '../../src/common/time';

export interface TestTemplate {
  db: 'sqlite' | 'postgres';
  /** The seeded data folder (a copy is taken per test file). */
  dataDir: string;
  /** PostgreSQL: the template database (copied with CREATE DATABASE … TEMPLATE). */
  pgDatabase?: string;
  /**
   * The day the seed ran, in UTC (its timestamps) and in Vietnam (the application's "today"): a template of
   * another day is not used, so a run that crosses midnight seeds the files started after it afresh.
   */
  day: string;
}

export const PG_ADMIN_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** The environment every test application runs with (cheap argon2 parameters: NODE_ENV=test only). */
export function baseTestEnv(): Record<string, string> {
  return {
    NODE_ENV: 'test',
    TEST_CHEAP_ARGON2: '1',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
    JWT_SECRET: randomBytes(36).toString('base64url'),
    SEED_DEMO: 'true',
    // The suites start from the reference data, the demo accounts and the 2019 scores; demo-scenario.e2e runs the living demo.
    SEED_DEMO_SCENARIO: 'false',
    // Scheduled jobs (test/e2e/jobs.e2e.ts drives them by hand): none in the background of a test.
    JOBS_TICK_SECONDS: '0',
  };
}

const today = () => `${new Date().toISOString().slice(0, 10)} UTC, ${todayInVietnam()} in Vietnam`;

/** The template this process may start from (TEST_TEMPLATE, for the given database and today), or null. */
export function usableTemplate(db: 'sqlite' | 'postgres'): TestTemplate | null {
  const raw = process.env.TEST_TEMPLATE;
  if (!raw) return null;
  let template: TestTemplate;
  try {
    template = JSON.parse(raw) as TestTemplate;
  } catch {
    return null;
  }
  if (template.db !== db || template.day !== today() || !existsSync(template.dataDir)) return null;
  if (db === 'postgres' && !template.pgDatabase) return null;
  return template;
}

/** A new temporary data folder holding a copy of the template's (or an empty one without a template). */
export function dataDirFrom(template: TestTemplate | null, prefix = 'thidua-test-'): string {
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  if (template) cpSync(template.dataDir, dataDir, { recursive: true });
  return dataDir;
}

/** A SQLite data folder seeded from the template when there is one (for servers started as child processes). */
export function seededSqliteDataDir(prefix: string): string {
  return dataDirFrom(usableTemplate('sqlite'), prefix);
}

export async function withAdmin<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export function pgUrlOf(dbName: string): string {
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${dbName}`;
  return url.toString();
}

/** CREATE DATABASE name [TEMPLATE template]; a template briefly in use (55006) is retried. */
export async function createPgDatabase(name: string, template?: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await withAdmin((c) => c.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`));
      return;
    } catch (e) {
      if ((e as { code?: string }).code !== '55006' || attempt >= 50) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** Builds the template: starts the application once on a fresh database and closes it. */
export async function buildTemplate(db: 'sqlite' | 'postgres'): Promise<TestTemplate> {
  const dataDir = mkdtempSync(join(tmpdir(), 'thidua-template-'));
  let pgDatabase: string | undefined;
  if (db === 'postgres') {
    pgDatabase = `thidua_tpl_${randomBytes(6).toString('hex')}`;
    await createPgDatabase(pgDatabase);
  }
  const day = today();
  const app = await createApp(loadConfig({ ...baseTestEnv(), DATA_DIR: dataDir, ...(pgDatabase ? { DATABASE_URL: pgUrlOf(pgDatabase) } : {}) }));
  await app.close(); // closes the pool: CREATE DATABASE … TEMPLATE needs the template without connections
  return { db, dataDir, pgDatabase, day };
}

export async function dropTemplate(template: TestTemplate): Promise<void> {
  if (template.pgDatabase) await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${template.pgDatabase} WITH (FORCE)`));
  rmSync(template.dataDir, { recursive: true, force: true });
}

// node dist/test/support/template.js build sqlite|postgres  → prints the template as JSON
// node dist/test/support/template.js drop '<json>'
if (require.main === module) {
  const [command, arg] = process.argv.slice(2);
  const run = async () => {
    if (command === 'build' && (arg === 'sqlite' || arg === 'postgres')) process.stdout.write(`${JSON.stringify(await buildTemplate(arg))}\n`);
    else if (command === 'drop' && arg) await dropTemplate(JSON.parse(arg.startsWith('{') ? arg : readFileSync(arg, 'utf8')) as TestTemplate);
    else throw new Error('usage: template.js build sqlite|postgres | drop <json>');
  };
  run().then(
    () => process.exit(0),
    (e: Error) => {
      process.stderr.write(`${e.stack ?? e.message}\n`);
      process.exit(1);
    },
  );
}
