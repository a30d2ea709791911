/**
 * Instances of the built server on one PostgreSQL database behind haproxy (round robin): shared by the cluster CI
 * (scripts/cluster-ci.mjs) and the national benchmark (bench/national.bench.ts).
 */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface Instance {
  name: string;
  child: ChildProcess;
  url: string;
  dataDir: string;
}

const MAIN = resolve(__dirname, '..', '..', 'src', 'main.js');
/** HAProxy's own answers in Vietnamese, as deploy/haproxy.cfg uses them (the repository's folder; dist/test/support → root). */
const ERRORS_DIR = resolve(__dirname, '..', '..', '..', 'deploy', 'haproxy-errors');

/** Whether haproxy is on PATH. */
export function haproxyAvailable(): boolean {
  return spawnSync('haproxy', ['-v']).status === 0;
}

/**
 * What every instance must share, read from the data folder of a server that generated them: the server key (audit
 * chain, MFA secrets) and the signing certificate. The token secret is given by the caller.
 */
export function sharedSecrets(dataDir: string, jwtSecret: string): Record<string, string> {
  return {
    JWT_SECRET: jwtSecret,
    SERVER_KEY: readFileSync(join(dataDir, 'server-key'), 'utf8').trim(),
    SIGNING_P12_PATH: join(dataDir, 'signing.p12'),
    SIGNING_P12_PASSWORD: readFileSync(join(dataDir, 'signing.p12.pass'), 'utf8').trim(),
  };
}

/** The built server on `databaseUrl` at `port`, with an empty data folder of its own under `workDir`. */
export function startInstance(name: string, port: number, databaseUrl: string, workDir: string, env: Record<string, string>): Instance {
  const dataDir = mkdtempSync(join(workDir, `data-${name}-`));
  const child = spawn(process.execPath, [MAIN], {
    cwd: resolve(__dirname, '..', '..', '..'),
    env: { ...process.env, ...env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return { name, child, url: `http://127.0.0.1:${port}`, dataDir };
}

/**
 * Waits until `url` answers /api/health; fails when the process exits first or after 120 s (a start that records
 * the demo scenario signs its pledges' files, member by member: 45 s on the loaded 2-core CI machine).
 */
export async function waitHealthy(url: string, child: ChildProcess, what: string): Promise<void> {
  for (const deadline = Date.now() + 120_000; Date.now() < deadline; ) {
    if (child.exitCode !== null) throw new Error(`${what} exited (${child.exitCode})`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${what} did not become healthy`);
}

/** SIGTERM, then SIGKILL after 10 s. */
export async function stopProcess(proc: { child: ChildProcess } | undefined): Promise<void> {
  if (!proc || proc.child.exitCode !== null || proc.child.signalCode) return;
  const exited = new Promise((r) => proc.child.once('exit', r));
  proc.child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  if (proc.child.exitCode === null && !proc.child.signalCode) proc.child.kill('SIGKILL');
}

/**
 * haproxy on 127.0.0.1:`port` in front of the instances at `backendPorts` (round robin, health-checked on
 * /api/health/ready, a check answering within `checkSeconds`); its configuration is written to `workDir`. Its
 * notices are shown only when `verbose`.
 */
export function startBalancer(port: number, backendPorts: number[], workDir: string, verbose = false, checkSeconds = 5): Instance {
  const cfg = join(workDir, 'haproxy.cfg');
  writeFileSync(
    cfg,
    `global
  maxconn 4000
defaults
  mode http
  timeout connect 2s
  timeout client 120s
  timeout server 120s
  timeout check ${checkSeconds}s
  retries 3
  option redispatch
${[400, 408, 502, 503, 504].map((code) => `  errorfile ${code} ${join(ERRORS_DIR, `${code}.http`)}`).join('\n')}
frontend thidua
  bind 127.0.0.1:${port}
  default_backend app
backend app
  balance roundrobin
  option httpchk GET /api/health/ready
  default-server inter 500ms fall 3 rise 2
${backendPorts.map((p, i) => `  server ${String.fromCharCode(97 + i)} 127.0.0.1:${p} check`).join('\n')}
`,
  );
  const child = spawn('haproxy', ['-f', cfg, '-db', ...(verbose ? [] : ['-q'])], { stdio: ['ignore', 'ignore', verbose ? 'inherit' : 'ignore'] });
  return { name: 'haproxy', child, url: `http://127.0.0.1:${port}`, dataDir: workDir };
}
