import { INestApplication, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import { AppModule } from './app.module';
import { AllExceptionsFilter } from './common/errors/http-exception.filter';
import { requestContextMiddleware } from './common/request-id.middleware';
import { inputHygieneMiddleware } from './common/validation/input-hygiene';
import { StrictValidationPipe } from './common/validation/strict-validation.pipe';
import { apiNoStoreMiddleware, contentTypeMiddleware } from './common/content-type.middleware';
import { AppConfig, ConfigError, nestLogLevels } from './config/app-config';
import { resolveJwtSecret, resolveServerKeys } from './config/secrets';
import { SeedService } from './database/seed/seed.service';
import { withStartupLock } from './database/startup-lock';
import { runDemoScenario } from './database/seed/demo-scenario';
import { staticDir } from './web/page-response';
import { SECURE_COOKIES_SETTING } from './auth/cookies';
import { restrictFileModes } from './config/file-modes';
import { MetricsService } from './metrics/metrics.service';
import { Logger as PinoLogger } from 'nestjs-pino';

/**
 * Builds the fully configured application (used by main.ts and by the e2e tests alike):
 * security headers, request ids, validation, the one error shape, OpenAPI, migrations and seed data.
 */
const PRODUCTION_SETUP =
  'Khi chạy thật (NODE_ENV=production) không được có tài khoản minh họa hay mật khẩu mặc định: đặt SEED_DEMO=false trên cơ sở dữ liệu mới, ' +
  'và ADMIN_PASSWORD=<mật khẩu ≥ 12 ký tự> để tạo tài khoản quản trị đầu tiên (admin); lần đăng nhập đầu, admin đăng ký xác thực hai lớp rồi tạo các tài khoản khác. ' +
  'Trên cơ sở dữ liệu đã có dữ liệu minh họa, hãy vô hiệu hóa hoặc đổi mật khẩu các tài khoản đó trước.';

/** `shutdownHooks: false`: the caller stops the application itself (main.ts drains and finishes requests first). */
export async function createApp(config: AppConfig, options: { shutdownHooks?: boolean } = {}): Promise<INestApplication> {
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
    const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, secret, serverKeys.keys), {
      logger: nestLogLevels(config.logLevel),
      bodyParser: false,
      bufferLogs: true,
    });
    // Nest's own messages go through pino as well (JSON, the configured level).
    app.useLogger(app.get(PinoLogger));
    app.set('trust proxy', config.trustProxy);
    app.set(SECURE_COOKIES_SETTING, config.publicBaseUrl.startsWith('https://'));
    app.disable('x-powered-by');
    app.use(requestContextMiddleware);
    app.use(app.get(MetricsService).middleware);
    app.use(cookieParser());
    app.use(
      helmet({
        contentSecurityPolicy: {
          directives: {
            'script-src': ["'self'"],
            'style-src': ["'self'", "'unsafe-inline'"],
            'img-src': ["'self'", 'data:'],
            // Only a site published over https may ask the browser to upgrade: on an intranet served over plain HTTP
            // it would fetch the styles and scripts over https and break every page.
            'upgrade-insecure-requests': config.publicBaseUrl.startsWith('https://') ? [] : null,
          },
        },
      }),
    );
    // The web pages' own assets, served locally (the users' networks are closed: no CDN).
    app.useStaticAssets(staticDir(), { prefix: '/static/', maxAge: '1h', index: false });
    app.use('/api', apiNoStoreMiddleware, contentTypeMiddleware);
    app.useBodyParser('json', { limit: '1mb', strict: true });
    app.useBodyParser('urlencoded', { limit: '1mb', extended: false });
    app.use(inputHygieneMiddleware);
    app.useGlobalPipes(new StrictValidationPipe());
    app.useGlobalFilters(new AllExceptionsFilter());
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
    await app.get(SeedService).run({ demo: config.seedDemo, adminPassword: config.adminPassword });
    if (config.seedDemo && config.seedScenario) await runDemoScenario(app);
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
