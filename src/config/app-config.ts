import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { passwordProblem } from '../common/password-policy';

/** PostgreSQL: `poolSize`, the connections one instance opens at most (DATABASE_POOL_SIZE; 10 when not given). */
export type DatabaseConfig = { type: 'sqlite'; path: string } | { type: 'postgres'; url: string; poolSize?: number };

export type LogLevel = 'error' | 'warn' | 'log' | 'debug' | 'verbose';

/** Typed configuration of the whole application, read once from the environment at start-up. */
export interface AppConfig {
  port: number;
  host: string;
  dataDir: string;
  database: DatabaseConfig;
  /** Undefined when not configured: a secret is then generated into dataDir on first start. */
  jwtSecret?: string;
  /** Undefined when not configured: generated into dataDir/server-key on first start (see resolveServerKeys). */
  serverKey?: string;
  /** NODE_ENV=production: refuses to start with demo accounts or a default password. */
  production: boolean;
  sessionTtlMinutes: number;
  seedDemo: boolean;
  /** With the demo: the living scenario (acts dated from today) recorded through the API at the first start. */
  seedScenario: boolean;
  adminPassword?: string;
  loginMaxFailures: number;
  loginWindowSeconds: number;
  logLevel: LogLevel;
  trustProxy: boolean;
  /** The organisation's PKCS#12 certificate for signing issued PDFs; generated into dataDir when unset. */
  signingP12Path?: string;
  signingP12Password?: string;
  /** Base address printed in documents (QR code to the verification page). */
  publicBaseUrl: string;
  /** RFC 3161 time-stamping authority: when set, every member signature of a pledge gets a timestamp (PAdES-B-T). */
  tsaUrl?: string;
  /** Mức lương cơ sở in VND, the base of reward money (Cờ 8×, Bằng khen 3×). */
  /** TEST_CHEAP_ARGON2=1 with NODE_ENV=test: the test suite hashes passwords with cheap argon2 parameters. */
  testCheapArgon2: boolean;
  /** JOBS_TICK_SECONDS: how often each instance looks for scheduled work due (0: this instance runs none). */
  jobsTickSeconds: number;
  /** SHUTDOWN_DRAIN_SECONDS: on SIGTERM, how long readiness answers 503 (the balancer stops sending) before the server stops accepting. */
  shutdownDrainSeconds: number;
  /** METRICS_PORT: Prometheus metrics at /metrics on this port (0: none), on METRICS_HOST (127.0.0.1 by default). */
  metricsPort: number;
  metricsHost: string;
  /** SMTP_URL: where reminder e-mails are sent (smtp(s)://user:pass@host:port); unset: they stay pending in the outbox. */
  smtpUrl?: string;
  /** MAIL_FROM: the sender of the e-mails. */
  mailFrom: string;
  /** REMINDERS_EVERY_SECONDS: how often the reminders are computed (one instance per period). */
  remindersEverySeconds: number;
}

/** A wrong configuration value: its message is one sentence naming the variable and what it must be. */
export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

const LOG_LEVELS: LogLevel[] = ['error', 'warn', 'log', 'debug', 'verbose'];

function intVar(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw.trim()) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(`Biến cấu hình ${name} phải là số nguyên từ ${min} đến ${max} (giá trị hiện tại: "${raw}").`);
  }
  return Number(raw);
}

function boolVar(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const v = raw.trim().toLowerCase();
  if (['true', '1', 'yes'].includes(v)) return true;
  if (['false', '0', 'no'].includes(v)) return false;
  throw new ConfigError(`Biến cấu hình ${name} phải là true hoặc false (giá trị hiện tại: "${raw}").`);
}

/** PostgreSQL connections per instance by default: room for many instances (and test runs) on one server. */
export const DEFAULT_POOL_SIZE = 10;

function databaseConfig(env: Env, dataDir: string): DatabaseConfig {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new ConfigError('Biến cấu hình DATABASE_URL phải là một địa chỉ dạng postgres://người_dùng@máy:cổng/tên_csdl.');
    }
    if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
      throw new ConfigError(
        `Biến cấu hình DATABASE_URL chỉ hỗ trợ PostgreSQL (postgres://…), không hỗ trợ "${parsed.protocol.replace(':', '')}".`,
      );
    }
    if (parsed.pathname.length <= 1) {
      throw new ConfigError('Biến cấu hình DATABASE_URL phải ghi rõ tên cơ sở dữ liệu (ví dụ postgres://localhost:5432/thidua).');
    }
    // A group commit's size is bounded by the pool (src/database/commit-groups.ts): each member holds its connection.
    return { type: 'postgres', url, poolSize: intVar(env, 'DATABASE_POOL_SIZE', DEFAULT_POOL_SIZE, 2, 200) };
  }
  const path = env.SQLITE_PATH?.trim() || resolve(dataDir, 'thidua.sqlite');
  return { type: 'sqlite', path: path === ':memory:' ? path : resolve(path) };
}

function metricsHost(env: Env): string {
  const host = env.METRICS_HOST?.trim() || '127.0.0.1';
  if (!/^[A-Za-z0-9.:-]+$/.test(host)) throw new ConfigError(`Biến cấu hình METRICS_HOST không phải là địa chỉ hợp lệ (giá trị hiện tại: "${env.METRICS_HOST}").`);
  return host;
}

/** Reads and validates the configuration; throws ConfigError with one clear sentence on the first wrong value. */
export function loadConfig(env: Env = process.env, cwd = process.cwd()): AppConfig {
  const dataDirRaw = env.DATA_DIR?.trim() || 'data';
  const dataDir = isAbsolute(dataDirRaw) ? dataDirRaw : resolve(cwd, dataDirRaw);

  const jwtSecret = env.JWT_SECRET;
  if (jwtSecret !== undefined && jwtSecret !== '' && jwtSecret.length < 32) {
    throw new ConfigError('Biến cấu hình JWT_SECRET phải dài ít nhất 32 ký tự (hoặc bỏ trống để hệ thống tự sinh).');
  }

  const serverKey = env.SERVER_KEY;
  if (serverKey !== undefined && serverKey !== '' && serverKey.length < 32) {
    throw new ConfigError('Biến cấu hình SERVER_KEY phải dài ít nhất 32 ký tự (hoặc bỏ trống để hệ thống tự sinh vào thư mục dữ liệu).');
  }

  const adminPassword = env.ADMIN_PASSWORD;
  if (adminPassword !== undefined && adminPassword !== '') {
    const problem = passwordProblem(adminPassword, 'admin');
    if (problem) throw new ConfigError(`Biến cấu hình ADMIN_PASSWORD không dùng được: ${problem}`);
  }

  const logLevel = (env.LOG_LEVEL?.trim() || 'log') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`Biến cấu hình LOG_LEVEL phải là một trong: ${LOG_LEVELS.join(', ')} (giá trị hiện tại: "${env.LOG_LEVEL}").`);
  }

  const host = env.HOST?.trim() || '0.0.0.0';
  if (!/^[A-Za-z0-9.:-]+$/.test(host)) {
    throw new ConfigError(`Biến cấu hình HOST không phải là địa chỉ hợp lệ (giá trị hiện tại: "${env.HOST}").`);
  }

  const signingP12Path = env.SIGNING_P12_PATH?.trim() || undefined;
  if (signingP12Path && !existsSync(resolve(cwd, signingP12Path))) {
    throw new ConfigError(`Biến cấu hình SIGNING_P12_PATH trỏ tới tệp không tồn tại: "${signingP12Path}".`);
  }
  if (signingP12Path && env.SIGNING_P12_PASSWORD === undefined) {
    throw new ConfigError('Khi đặt SIGNING_P12_PATH cần đặt cả SIGNING_P12_PASSWORD (mật khẩu của tệp chứng thư số).');
  }

  const port = intVar(env, 'PORT', 3000, 0, 65535);
  const tsaUrl = env.TSA_URL?.trim() || undefined;
  if (tsaUrl && !/^https?:\/\/[^\s/]+/.test(tsaUrl)) {
    throw new ConfigError(`Biến cấu hình TSA_URL phải là địa chỉ http(s)://… của máy chủ cấp dấu thời gian (giá trị hiện tại: "${tsaUrl}").`);
  }
  const smtpUrl = env.SMTP_URL?.trim() || undefined;
  if (smtpUrl && !/^smtps?:\/\/[^\s/]+/.test(smtpUrl)) {
    throw new ConfigError('Biến cấu hình SMTP_URL phải là địa chỉ smtp://… hoặc smtps://… của máy chủ thư (ví dụ smtp://user:pass@mail.example.vn:587).');
  }
  const mailFrom = env.MAIL_FROM?.trim() || 'Thi đua khen thưởng <no-reply@localhost>';
  if (!/^[^<>\r\n]*<?[^\s@<>]+@[^\s@<>]+>?$/.test(mailFrom)) {
    throw new ConfigError(`Biến cấu hình MAIL_FROM phải là một địa chỉ thư, có thể kèm tên: "Tên <dia-chi@ten-mien>" (giá trị hiện tại: "${mailFrom}").`);
  }
  const publicBaseUrl = (env.PUBLIC_BASE_URL?.trim() || `http://localhost:${port}`).replace(/\/+$/, '');
  if (!/^https?:\/\/[^\s/]+/.test(publicBaseUrl)) {
    throw new ConfigError(`Biến cấu hình PUBLIC_BASE_URL phải là địa chỉ http(s)://… (giá trị hiện tại: "${env.PUBLIC_BASE_URL}").`);
  }

  // Cheap password hashing exists for the test suite alone: refused anywhere but NODE_ENV=test (production above all).
  const testCheapArgon2 = boolVar(env, 'TEST_CHEAP_ARGON2', false);
  if (testCheapArgon2 && env.NODE_ENV?.trim() !== 'test') {
    throw new ConfigError(
      `Biến cấu hình TEST_CHEAP_ARGON2 chỉ dùng cho bộ kiểm thử (NODE_ENV=test); không được đặt khi NODE_ENV="${env.NODE_ENV ?? ''}".`,
    );
  }

  return {
    port,
    host,
    dataDir,
    database: databaseConfig(env, dataDir),
    jwtSecret: jwtSecret || undefined,
    serverKey: serverKey || undefined,
    production: env.NODE_ENV?.trim() === 'production',
    sessionTtlMinutes: intVar(env, 'SESSION_TTL_MINUTES', 480, 5, 60 * 24 * 30),
    seedDemo: boolVar(env, 'SEED_DEMO', true),
    seedScenario: boolVar(env, 'SEED_DEMO_SCENARIO', true),
    adminPassword: adminPassword || undefined,
    loginMaxFailures: intVar(env, 'LOGIN_MAX_FAILURES', 5, 1, 1000),
    loginWindowSeconds: intVar(env, 'LOGIN_WINDOW_SECONDS', 900, 1, 86400),
    logLevel,
    trustProxy: boolVar(env, 'TRUST_PROXY', false),
    signingP12Path: signingP12Path ? resolve(cwd, signingP12Path) : undefined,
    signingP12Password: env.SIGNING_P12_PASSWORD,
    publicBaseUrl,
    tsaUrl,
    testCheapArgon2,
    jobsTickSeconds: intVar(env, 'JOBS_TICK_SECONDS', 30, 0, 3600),
    shutdownDrainSeconds: intVar(env, 'SHUTDOWN_DRAIN_SECONDS', 0, 0, 300),
    metricsPort: intVar(env, 'METRICS_PORT', 0, 0, 65535),
    metricsHost: metricsHost(env),
    smtpUrl,
    mailFrom,
    remindersEverySeconds: intVar(env, 'REMINDERS_EVERY_SECONDS', 3600, 1, 86400),
  };
}

/** Everything at or above the configured level, in Nest's terms. */
export function nestLogLevels(level: LogLevel): LogLevel[] {
  return LOG_LEVELS.slice(0, LOG_LEVELS.indexOf(level) + 1);
}
