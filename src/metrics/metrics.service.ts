import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createServer, Server } from 'node:http';
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { requestPath } from '../common/http';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.tokens';

interface PgPool {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/**
 * Prometheus metrics of this instance (prom-client): requests by route and status, their latency, the database
 * pool, the scheduled jobs' runs (read from `job_runs`, so every instance reports the cluster's count), and the
 * process's own (CPU, memory, event loop). Served on METRICS_PORT (a port of its own, not through the balancer);
 * none when it is 0.
 */
@Injectable()
export class MetricsService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(MetricsService.name);
  readonly registry = new Registry();
  private readonly requests = new Counter({ name: 'thidua_http_requests_total', help: 'HTTP requests answered, by method, route and status', labelNames: ['method', 'route', 'status'], registers: [this.registry] });
  private readonly latency = new Histogram({
    name: 'thidua_http_request_duration_seconds',
    help: 'HTTP request latency, by method and route',
    labelNames: ['method', 'route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  private server?: Server;

  constructor(
    @InjectDataSource() dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    collectDefaultMetrics({ register: this.registry, prefix: 'thidua_' });
    const pool = () => (dataSource.options.type === 'postgres' ? ((dataSource.driver as unknown as { master?: PgPool }).master ?? null) : null);
    new Gauge({
      name: 'thidua_db_pool_connections',
      help: 'PostgreSQL pool connections of this instance, by state (total, idle, waiting clients)',
      labelNames: ['state'],
      registers: [this.registry],
      collect() {
        const p = pool();
        if (!p) return;
        this.set({ state: 'total' }, p.totalCount);
        this.set({ state: 'idle' }, p.idleCount);
        this.set({ state: 'waiting' }, p.waitingCount);
      },
    });
    new Gauge({
      name: 'thidua_job_runs',
      help: 'Scheduled job runs recorded in job_runs (all instances), by job and whether they finished',
      labelNames: ['job', 'finished'],
      registers: [this.registry],
      collect: async function (this: Gauge) {
        const rows = (await dataSource.query('SELECT job, CASE WHEN finished_at IS NULL THEN 0 ELSE 1 END AS finished, count(*) AS n FROM job_runs GROUP BY job, CASE WHEN finished_at IS NULL THEN 0 ELSE 1 END')) as Array<{ job: string; finished: number | string; n: number | string }>;
        this.reset();
        for (const r of rows) this.set({ job: r.job, finished: Number(r.finished) ? 'yes' : 'no' }, Number(r.n));
      },
    });
    new Gauge({
      name: 'thidua_email_outbox_backlog',
      help: 'E-mails waiting in the outbox (status pending, all instances): a backlog that grows means the SMTP server is unreachable or SMTP_URL is unset',
      registers: [this.registry],
      collect: async function (this: Gauge) {
        const [row] = (await dataSource.query("SELECT count(*) AS n FROM email_outbox WHERE status = 'pending'")) as Array<{ n: number | string }>;
        this.set(Number(row.n));
      },
    });
    new Gauge({
      name: 'thidua_email_outbox',
      help: 'E-mails of the outbox by status (pending, sending, sent, failed, unknown: the sending was interrupted and is not retried)',
      labelNames: ['status'],
      registers: [this.registry],
      collect: async function (this: Gauge) {
        const rows = (await dataSource.query('SELECT status, count(*) AS n FROM email_outbox GROUP BY status')) as Array<{ status: string; n: number | string }>;
        this.reset();
        for (const r of rows) this.set({ status: r.status }, Number(r.n));
      },
    });
  }

  /**
   * Fastify hook (onResponse): counts and times every request under its route pattern (not its path: ids stay out),
   * from the moment Fastify received it.
   */
  readonly onResponse = (req: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void => {
    const route = requestPath(req).startsWith('/static/') ? '/static' : (req.routeOptions.url ?? 'unmatched');
    this.latency.observe({ method: req.method, route }, reply.elapsedTime / 1000);
    this.requests.inc({ method: req.method, route, status: String(reply.statusCode) });
    done();
  };

  async onModuleInit(): Promise<void> {
    if (!this.config.metricsPort) return;
    this.server = createServer((req, res) => {
      if (req.url !== '/metrics') {
        res.writeHead(404).end();
        return;
      }
      this.registry.metrics().then(
        (text) => res.writeHead(200, { 'content-type': this.registry.contentType }).end(text),
        (error: Error) => res.writeHead(500).end(error.message),
      );
    });
    await new Promise<void>((resolve) => this.server!.listen(this.config.metricsPort, this.config.metricsHost, resolve));
    this.logger.log(`Metrics on http://${this.config.metricsHost}:${this.config.metricsPort}/metrics`);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.server) await new Promise((r) => this.server!.close(r));
  }
}
