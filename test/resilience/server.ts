import { ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';

/** The built server as a child process on a file database, as production runs it. */
export interface ChildServer {
  url: string;
  child: ChildProcess;
  exited: Promise<number | null>;
}

export async function spawnServer(dataDir: string, port: number, env: Record<string, string> = {}): Promise<ChildServer> {
  const child = spawn(process.execPath, [resolve(__dirname, '../../src/main.js')], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'error', JWT_SECRET: 'k'.repeat(48), SEED_DEMO: 'true', SEED_DEMO_SCENARIO: 'false', NODE_ENV: 'test', TEST_CHEAP_ARGON2: '1', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}): ${stderr.slice(-2000)}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return { url, child, exited };
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`server did not become healthy: ${stderr.slice(-2000)}`);
}

export async function call(url: string, method: string, path: string, token?: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON */
  }
  return { status: res.status, body: parsed };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
