import { HttpException, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import fastifyCookie from '@fastify/cookie';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppModule } from './app.module';
import { AllExceptionsFilter } from './common/errors/http-exception.filter';
import { reenterRequestContext, requestContextMiddleware, requestIdOf } from './common/request-id.middleware';
import { inputHygieneHook } from './common/validation/input-hygiene';
import { StrictValidationPipe } from './common/validation/strict-validation.pipe';
import { apiRequestHook } from './common/content-type.middleware';
import { securityHeadersHook } from './common/security-headers';
import { parseFormBody, parseJsonBody } from './common/body-parsers';
import { AppConfig, ConfigError, nestLogLevels } from './config/app-config';
import { resolveJwtSecret, resolveServerKeys } from './config/secrets';
import { SeedService } from './database/seed/seed.service';
import { withStartupLock } from './database/startup-lock';
import { runDemoScenario } from './database/seed/demo-scenario';
import { UnitOfWork } from './database/unit-of-work';
import { ReminderJob } from './notifications/reminder-job';
import { staticDir } from './web/page-response';
import { markCookiesSecure } from './auth/cookies';
import { restrictFileModes } from './config/file-modes';
import { MetricsService } from './metrics/metrics.service';
import { Logger as PinoLogger } from 'nestjs-pino';
import { SigningService } from './documents/signing/signing.service';
import type { Socket } from 'node:net';
import { answerClientError } from './common/errors/client-error';

/**
 * Builds the fully configured application (used by main.ts and by the e2e tests alike):
 * security headers, request ids, validation, the one error shape, OpenAPI, migrations and seed data.
 */
const PRODUCTION_SETUP =
  'Khi chạy thật (NODE_ENV=production) không được có tài khoản minh họa hay mật khẩu mặc định: đặt SEED_DEMO=false trên cơ sở dữ liệu mới, ' +
  'và ADMIN_PASSWORD=<mật khẩu ≥ 12 ký tự> để tạo tài khoản quản trị đầu tiên (admin); lần đăng nhập đầu, admin đăng ký xác thực hai lớp rồi tạo các tài khoản khác. ' +
  'Trên cơ sở dữ liệu đã có dữ liệu minh họa, hãy vô hiệu hóa hoặc đổi mật khẩu các tài khoản đó trước.';

/** The largest request body read (JSON, form), as Express's body parsers had it ('1mb'). */
const BODY_LIMIT = 1024 * 1024;

/** `shutdownHooks: false`: the caller stops the application itself (main.ts drains and finishes requests first). */
export async function createApp(config: AppConfig, options: { shutdownHooks?: boolean } = {}): Promise<NestFastifyApplication> {
  const logger = new Logger('Bootstrap');
  if (config.production && config.seedDemo) throw new ConfigError(PRODUCTION_SETUP);
  restrictFileModes(config);
  const { secret, generated } = resolveJwtSecret(config.jwtSecret, config.dataDir);
  if (generated) logger.log(`Generated a token signing secret in ${config.dataDir}/jwt-secret (set JWT_SECRET to manage it yourself).`);
  const serverKeys = resolveServerKeys(config.serverKey, config.dataDir);
  if (serverKeys.generated) logger.log(`Generated the server key in ${config.dataDir}/server-key (set SERVER_KEY to manage it yourself; back it up).`);
  if (config.database.type === 'postgres' && (!config.jwtSecret || !config.serverKey || !config.signingP12Path)) {
    // Several instances on one database must share these: a secret generated into one instance's folder is its own.
    logger.warn('On PostgreSQL with several instances, set JWT_SECRET, SERVER_KEY and SIGNING_P12_PATH (with SIGNING_P12_PASSWORD) to the same values on every instance.');
  }

  // Instances started together on one PostgreSQL database migrate and seed one after the other.
  return withStartupLock(config.database, async () => {
    const errors = new AllExceptionsFilter();
    const adapter = new FastifyAdapter({
      trustProxy: config.trustProxy,
      // A URL the router refuses (malformed encoding: 400, over-long parameter: 414) gets the one error shape too.
      frameworkErrors: (error: FastifyError, req: FastifyRequest, reply: FastifyReply) => errors.answer(new HttpException(error.message, error.statusCode ?? 400, { cause: error }), req, reply),
      // The request's id is the caller's X-Request-Id when well-formed: the request log and the audit entries share it.
      genReqId: requestIdOf,
      // A request the HTTP parser cannot read never reaches a route: answered in the same shape, in Vietnamese.
      clientErrorHandler: (error: Error & { code?: string }, socket: Socket) => answerClientError(error, socket),
      bodyLimit: BODY_LIMIT,
      // Routes as Express matched them: a trailing slash ignored; a long path parameter reaches its pipe (a 400 naming it).
      routerOptions: { ignoreTrailingSlash: true, maxParamLength: 2048 },
      // The upload interceptors (@nestjs/platform-fastify/multipart) read multipart bodies through @fastify/multipart.
      multipart: true,
    });
    const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, secret, serverKeys.keys), adapter, {
      logger: nestLogLevels(config.logLevel),
      bodyParser: false,
      bufferLogs: true,
    });
    // Nest's own messages go through pino as well (JSON, the configured level).
    app.useLogger(app.get(PinoLogger));
    const fastify = app.getHttpAdapter().getInstance() as FastifyInstance;
    markCookiesSecure(fastify, config.publicBaseUrl.startsWith('https://'));
    // Before Nest's own middleware (the request log reads the id from the response).
    app.use(requestContextMiddleware);
    fastify.addHook('onResponse', app.get(MetricsService).onResponse);
    await app.register(fastifyCookie);
    fastify.addHook('onRequest', securityHeadersHook(config.publicBaseUrl.startsWith('https://')));
    // The web pages' own assets, served locally (the users' networks are closed: no CDN).
    app.useStaticAssets({ root: staticDir(), prefix: '/static/', maxAge: 3600 * 1000, index: false, decorateReply: false });
    fastify.addHook('onRequest', apiRequestHook);
    // The bodies the application reads (1 MB at most, Fastify's bodyLimit): JSON, forms, and multipart (uploads,
    // read by their interceptor). Another type is not read: the API answers it 415 (apiRequestHook), a page ignores it.
    fastify.removeContentTypeParser(['application/json', 'text/plain']);
    fastify.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: BODY_LIMIT }, (req, body, done) => {
      try {
        done(null, parseJsonBody(req.headers['content-type'], body as Buffer));
      } catch (error) {
        done(error as Error, undefined);
      }
    });
    fastify.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'buffer', bodyLimit: BODY_LIMIT }, (req, body, done) => {
      try {
        done(null, parseFormBody(req.headers['content-type'], body as Buffer));
      } catch (error) {
        done(error as Error, undefined);
      }
    });
    fastify.addContentTypeParser('*', (_req, _payload, done) => done(null, undefined));
    fastify.addHook('preValidation', reenterRequestContext);
    fastify.addHook('preValidation', inputHygieneHook);
    app.useGlobalPipes(new StrictValidationPipe());
    app.useGlobalFilters(errors);
    if (options.shutdownHooks !== false) app.enableShutdownHooks();

    // The OpenAPI document is built on its first request (@nestjs/swagger accepts a factory): a start does not pay for it.
    const document = () =>
      SwaggerModule.createDocument(
        app,
        new DocumentBuilder()
          .setTitle('thidua — Quản lý cụm thi đua và khen thưởng')
          .setDescription(
            'API của hệ thống quản lý cụm thi đua. Đăng nhập bằng POST /api/auth/login rồi gửi mã truy cập trong tiêu đề Authorization: Bearer …',
          )
          .setVersion('0.1.0')
          .addBearerAuth()
          .addServer('/')
          .build(),
      );
    SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });

    await app.init();
    // Fastify starts serving once ready: the tests' HTTP client and the demo scenario use its server without listen().
    await fastify.ready();
    await app.get(SeedService).run({ demo: config.seedDemo, adminPassword: config.adminPassword });
    // A first start's self-signed certificate, made in a worker thread meanwhile (SigningService).
    await app.get(SigningService).ready();
    // The scheduled reminders may have run while the scenario was being recorded, before this year existed: run them
    // once more (each notice has its dedup key), so the first page a demo member opens shows its reminder.
    if (config.seedDemo && config.seedScenario && (await runDemoScenario(app))) await app.get(UnitOfWork).write((m) => app.get(ReminderJob).run(m));
    if (config.production) {
      const demo = await app.get(SeedService).accountsWithDemoPassword();
      if (demo.length) {
        await app.close();
        throw new ConfigError(`Tài khoản minh họa còn mật khẩu mặc định: ${demo.join(', ')}. ${PRODUCTION_SETUP}`);
      }
    }
    return app;
  });
}
