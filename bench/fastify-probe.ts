/**
 * node dist/bench/fastify-probe.js — issue 22, measured: the application on Nest's Fastify adapter as it runs (helmet,
 * cookies, request ids, metrics, logging, input checks), the application module on Fastify with no global middleware
 * (the adapter, its JSON parser and Nest's routing alone; @fastify/cookie only, for the sign-in), and, with
 * PROBE_OLD_MAIN=<another build's dist/src/main.js> (e.g. the last Express build), that build as it runs: each on a
 * fresh SQLite database, /api/health and Cụm 6's cached ranking read under autocannon, the servers taking turns, two
 * rounds, in server CPU per request and requests per second.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import fastifyCookie from '@fastify/cookie';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppModule } from '../src/app.module';
import { loadConfig } from '../src/config/app-config';
import { resolveJwtSecret, resolveServerKeys } from '../src/config/secrets';
import { SeedService } from '../src/database/seed/seed.service';
import { LoadFigures, ServerHandle, api, load, login, machine, saveReport, startServer } from './support';

type Kind = 'fastify-bare';

/** A server of the application module on Fastify, without global middleware. */
async function serve(_kind: Kind): Promise<void> {
  const config = loadConfig();
  const module = AppModule.forRoot(config, resolveJwtSecret(config.jwtSecret, config.dataDir).secret, resolveServerKeys(config.serverKey, config.dataDir).keys);
  const app = await NestFactory.create<NestFastifyApplication>(module, new FastifyAdapter({ multipart: true }), { logger: ['error'] });
  await app.register(fastifyCookie);
  await app.init();
  await app.get(SeedService).run({ demo: true, adminPassword: undefined });
  await app.listen(config.port, config.host);
}

async function start(kind: Kind, port: number, dataDir: string): Promise<ServerHandle> {
  const child = spawn(process.execPath, [__filename, '--serve', kind], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', JWT_SECRET: 'b'.repeat(48), SEED_DEMO_SCENARIO: 'false' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600 && child.exitCode === null; i++) {
    if (await fetch(`${url}/api/health`).then((r) => r.ok, () => false)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, child, dataDir, stop: () => new Promise<void>((r) => (child.exitCode !== null ? r() : (child.once('exit', () => r()), child.kill('SIGTERM')))) };
}

async function main(): Promise<void> {
  const at = process.argv.indexOf('--serve');
  if (at > 0) return serve(process.argv[at + 1] as Kind);
  const servers: Record<string, ServerHandle> = {
    ...(process.env.PROBE_OLD_MAIN ? { 'old-full': await startServer(3950, {}, process.env.PROBE_OLD_MAIN) } : {}),
    'fastify-full': await startServer(3951),
    'fastify-bare': await start('fastify-bare', 3953, mkdtempSync(join(tmpdir(), 'thidua-probe-'))),
  };
  try {
    const targets: Record<string, { ranking: string; token: string }> = {};
    for (const [name, s] of Object.entries(servers)) {
      const token = await login(s.url, 'cum6.secretary');
      const cum6 = (await api(s.url, 'GET', '/api/clusters', token))[0].id;
      const ranking = `/api/clusters/${cum6}/years/2019/scoring/ranking`;
      await api(s.url, 'GET', ranking, token);
      targets[name] = { ranking, token };
    }
    const rounds: Array<Record<string, { health: LoadFigures; ranking: LoadFigures }>> = [];
    for (let round = 0; round < 2; round++) {
      const figures: Record<string, { health: LoadFigures; ranking: LoadFigures }> = {};
      const order = round % 2 ? Object.keys(servers).reverse() : Object.keys(servers);
      for (const name of order) {
        const s = servers[name];
        const measure = { serverPid: s.child.pid, runs: 1 };
        const health = await load({ url: `${s.url}/api/health`, connections: 50 }, measure);
        const ranking = await load({ url: `${s.url}${targets[name].ranking}`, connections: 50, headers: { authorization: `Bearer ${targets[name].token}` } }, measure);
        figures[name] = { health, ranking };
        process.stdout.write(`round ${round + 1} ${name}: health ${health.requestsPerSecond}/s (${health.serverCpuUsPerRequest} µs CPU), ranking ${ranking.requestsPerSecond}/s (${ranking.serverCpuUsPerRequest} µs CPU), non-2xx ${health.non2xx + ranking.non2xx}\n`);
      }
      rounds.push(figures);
    }
    const file = saveReport('fastify-probe', {
      benchmark: `the application as it runs on Fastify, its module on Fastify without global middleware${process.env.PROBE_OLD_MAIN ? `, and ${process.env.PROBE_OLD_MAIN} as it runs` : ''}; autocannon 50 connections, 2 s warm-up, 5 s, servers in turn, 2 rounds`,
      machine: machine(),
      rounds,
    });
    process.stdout.write(`report ${file}\n`);
  } finally {
    for (const s of Object.values(servers)) await s.stop();
  }
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : e}\n`);
  process.exit(1);
});
