import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './bootstrap';
import { ConfigError, loadConfig } from './config/app-config';
import { DEMO_PASSWORD } from './database/seed/demo-data';
import { SigningService } from './documents/signing/signing.service';
import { stopGracefully } from './health/graceful-stop';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Cấu hình không hợp lệ: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  let app;
  try {
    app = await createApp(config, { shutdownHooks: false });
    app.get(SigningService).verifyAtStart();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Không khởi động: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  await app.listen(config.port, config.host);
  stopGracefully(app, config.shutdownDrainSeconds);
  const logger = new Logger('thidua');
  const where = config.database.type === 'sqlite' ? `SQLite ${config.database.path}` : 'PostgreSQL';
  logger.log(`Serving on http://localhost:${config.port} (database: ${where}); API docs at /api/docs`);
  if (config.seedDemo) {
    logger.warn(
      `Demo accounts are enabled (admin, reviewer, cum6.secretary, cum1.secretary, gialai, …) with the DEMO-ONLY password "${DEMO_PASSWORD}". Set SEED_DEMO=false in production.`,
    );
  }
}

main().catch((error) => {
  new Logger('thidua').error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
