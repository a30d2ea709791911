import type { DynamicModule } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import type { LogLevel } from '../config/app-config';

const PINO_LEVELS: Record<LogLevel, string> = { error: 'error', warn: 'warn', log: 'info', debug: 'debug', verbose: 'trace' };

/**
 * Structured JSON logs (pino through nestjs-pino): one line per event on stdout, each request's lines carrying its
 * id (`reqId`, the X-Request-Id that requestContextMiddleware set and the audit entries record); secrets and
 * cookies are redacted. One access line per request at the `log` level.
 */
export function loggingModule(level: LogLevel): DynamicModule {
  return LoggerModule.forRoot({
    pinoHttp: {
      level: PINO_LEVELS[level],
      genReqId: (req: IncomingMessage, res: ServerResponse) => String(res.getHeader('X-Request-Id') ?? req.headers['x-request-id'] ?? ''),
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'], censor: '[ẩn]' },
      serializers: {
        req: (req: { id: string; method: string; url: string; remoteAddress?: string }) => ({ id: req.id, method: req.method, url: req.url, remoteAddress: req.remoteAddress }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      customLogLevel: (_req: IncomingMessage, res: ServerResponse, error?: Error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    },
  });
}
