/**
 * node dist/bench/fastify-probe.js — issue 22's question, measured: would Nest's Fastify adapter pay?
 * The same application module (controllers, guard, services, database) on the two adapters, each in a
 * server of its own with no global middleware (neither helmet, cookies, request ids, metrics, input checks:
 * the adapter, its JSON parser and Nest's routing alone), and the application as it runs (Express, everything
 * on), on fresh SQLite databases (the two bare servers share one): /api/health and Cụm 6's cached ranking read under autocannon,
 * the servers taking turns, two rounds. Fastify is not a dependency of the application: this needs
 * `npm install --no-save @nestjs/platform-fastify@12.5.0` first.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppModule } from '../src/app.module';
import { loadConfig } from '../src/config/app-config';
import { resolveJwtSecret, resolveServerKeys } from '../src/config/secrets';
import { SeedService } from '../src/database/seed/seed.service';
import { LoadFigures, ServerHandle, api, load, login, machine, saveReport, startServer } from './support';

type Kind = 'express-bare' | 'fastify-bare';

/** A server of the application module on one adapter, without global middleware. */
async function serve(kind: Kind): Promise<void> {
  const config = loadConfig();
  const module = AppModule.forRoot(config, resolveJwtSecret(config.jwtSecret, config.dataDir).secret, resolveServerKeys(config.serverKey, config.dataDir).keys);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const adapter = kind === 'fastify-bare' ? new (require('@nestjs/platform-fastify').FastifyAdapter)() : undefined;
  const app = adapter ? await NestFactory.create(module, adapter, { logger: ['error'] }) : await NestFactory.create(module, { logger: ['error'] });
  if (adapter) {
    // The ranking route answers through Express's res.setHeader: Fastify's reply gets the same method.
    const fastify = app.getHttpAdapter().getInstance();
    fastify.decorateReply('setHeader', function (this: { header(k: string, v: string): void }, k: string, v: string) {
      this.header(k, v);
    });
  }
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
  try {
    require.resolve('@nestjs/platform-fastify');
  } catch {
    throw new Error('npm install --no-save @nestjs/platform-fastify@12.5.0 first (see the header of bench/fastify-probe.ts)');
  }
  const shared = mkdtempSync(join(tmpdir(), 'thidua-probe-'));
  const servers: Record<string, ServerHandle> = {
    'express-full': await startServer(3951),
    'express-bare': await start('express-bare', 3952, shared),
    // On the same database: the sign-in (Express's req.header, res.cookie) is done on the Express server.
    'fastify-bare': await start('fastify-bare', 3953, shared),
  };
  const signIn: Record<string, string> = { 'fastify-bare': servers['express-bare'].url };
  try {
    const targets: Record<string, { ranking: string; token: string }> = {};
    for (const [name, s] of Object.entries(servers)) {
      const token = await login(signIn[name] ?? s.url, 'cum6.secretary');
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
    const file = saveReport('fastify-probe', { benchmark: 'the application module on Express and on Fastify without middleware, and as it runs (Express, all middleware); autocannon 50 connections, 2 s warm-up, 5 s, servers in turn, 2 rounds', machine: machine(), rounds });
    process.stdout.write(`report ${file}\n`);
  } finally {
    for (const s of Object.values(servers)) await s.stop();
  }
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : e}\n`);
  process.exit(1);
});
