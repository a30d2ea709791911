import { INestApplication, Logger } from '@nestjs/common';
import type { Server } from 'node:http';
import { Lifecycle } from './lifecycle';

/** Requests still running this long after the server stopped accepting are cut (then the application closes). */
const FINISH_TIMEOUT_MS = 30_000;

/**
 * SIGTERM or SIGINT: readiness answers 503 for `drainSeconds` (the balancer takes the instance out), then the server
 * stops accepting connections and waits for the requests in flight to finish, then the application closes (scheduled
 * jobs finish, the audit checkpoint is written, the database pool closes) and the process exits 0.
 */
export function stopGracefully(app: INestApplication, drainSeconds: number): void {
  const logger = new Logger('Shutdown');
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: draining for ${drainSeconds} s, then finishing the requests in flight`);
    app.get(Lifecycle).draining = true;
    await new Promise((r) => setTimeout(r, drainSeconds * 1000));
    const server = app.getHttpServer() as Server;
    const closed = new Promise<void>((r) => server.close(() => r()));
    server.closeIdleConnections();
    const cut = setTimeout(() => server.closeAllConnections(), FINISH_TIMEOUT_MS);
    await closed;
    clearTimeout(cut);
    await app.close();
    process.exit(0);
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => void stop(signal).catch((e: Error) => (logger.error(e.message), process.exit(1))));
}
