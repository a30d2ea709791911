import type { INestApplication } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DataSource, In } from 'typeorm';
import { User } from '../../auth/user.entity';
import { MfaService } from '../../auth/mfa.service';
import { AuditEntry } from '../../audit/audit-entry.entity';
import { AuditService } from '../../audit/audit.service';
import { UnitOfWork } from '../unit-of-work';
import { Cluster } from '../../clusters/cluster.entity';
import { todayInVietnam } from '../../common/time';
import { Unit } from '../../units/unit.entity';
import { DEMO_MFA_SECRETS } from './demo-data';
import { Api } from './demo-api';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.tokens';
import { UnitKeysService } from '../../documents/signing/unit-keys.service';
import { provisionDemoToken } from '../../documents/signing/demo-token';
import { Scenario } from './demo-scenario-story';

/**
 * The living demo: the acts a cluster goes through, dated from today in Việt Nam, done once on a fresh database
 * through the application's own HTTP API (every rule, every audit entry as in real use). Demo data: the dates,
 * scores, votes, council members and decision numbers marked "(minh họa)" are invented; the 2019 outcome of Cụm 6
 * (Cờ for Đắk Lắk and Phú Yên, Bằng khen for Gia Lai and Lâm Đồng, meeting of 06/03/2020 in Đắk Lắk) is seed 003's.
 *
 * - 2019, Cụm 6 of Bộ TTTT: the review meeting, the proposals, the council and the approvals of the recorded outcome;
 * - from 2025, Bộ KH&CN divides the Sở KH&CN into clusters (an illustrative division: no decision was found);
 * - the years gone by (2020–2024 of Bộ TTTT's Cụm 6, last year of Bộ KH&CN's): their pledges signed on paper at their
 *   conference, entered now by the administrator with the day on the paper (not signed today by the successors);
 * - last year of its Cụm 6: scored and ranked, reviewed early this year, proposals sent, one returned with a reason;
 * - this year: the pledge signed by all members but one, the scoring window open now, sheets submitted, in draft and
 *   not started (Sở KH&CN Đắk Lắk's own self-scoring is what its officer finds to do today).
 */
export const SCENARIO_ACTION = 'seed.demo_scenario';

/** Records the scenario once; answers whether this call recorded it. */
export async function runDemoScenario(app: INestApplication): Promise<boolean> {
  const ds = app.get(DataSource);
  const logger = new Logger('DemoScenario');
  if (await ds.getRepository(AuditEntry).exists({ where: { action: SCENARIO_ACTION } })) return false;
  const bkhcn = await ds.getRepository(Unit).findOne({ where: { code: 'BKHCN' } });
  if (!bkhcn) return false;
  if (await ds.getRepository(Cluster).exists({ where: { organizerId: bkhcn.id } })) {
    logger.warn('Bộ KH&CN đã có cụm thi đua nhưng kịch bản minh họa chưa hoàn tất: bỏ qua kịch bản minh họa.');
    return false;
  }
  // The application's own server (Fastify is ready once created), on a port of its own until the scenario ends.
  const server = app.getHttpServer() as Server;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const mfa = app.get(MfaService);
    const api = new Api(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, (secret) => mfa.demoCode(secret));
    const today = todayInVietnam();
    await demoToken(app, logger);
    await new Scenario(api, ds, today).run();
    await app.get(UnitOfWork).write(async (m) => {
      // The scenario's sign-ins used the current codes of the demo's second factors: a person signing in right after
      // the first start may use them again (replay protection is for people, not for the seed).
      await m.update(User, { username: In(Object.keys(DEMO_MFA_SECRETS)) }, { mfaLastStep: null });
      await app.get(AuditService).record(m, { action: SCENARIO_ACTION, entityType: 'seed', entityId: 'demo-scenario', after: { today }, reason: 'Kịch bản minh họa theo ngày khởi động' });
    });
    logger.log(`Demo scenario recorded (dates from ${today}).`);
    return true;
  } finally {
    await closeServer(server);
  }
}

/**
 * One unit of the demo signs on a hardware token: with SoftHSM2 installed and the embedded database, Sở KH&CN Lâm
 * Đồng's key is generated inside a SoftHSM2 token in the data folder and its clicks sign through PKCS#11 (this year's
 * pledge shows it; the years before were signed on paper and entered later). On PostgreSQL the demo does not: a token must be reachable from every instance,
 * and a token directory on one machine's disk is not.
 */
async function demoToken(app: INestApplication, logger: Logger): Promise<void> {
  const config = app.get<AppConfig>(APP_CONFIG);
  const unit = await app.get(DataSource).getRepository(Unit).findOne({ where: { code: DEMO_TOKEN_UNIT } });
  if (!unit) return;
  if (config.database.type !== 'sqlite') {
    logger.log(`PostgreSQL: ${unit.shortName} signs with a server-held demo key (a demo token would live on one machine only).`);
    return;
  }
  let label: string | null;
  try {
    label = await provisionDemoToken(app.get(UnitKeysService), config.dataDir, unit.id, unit.name, `thidua ${DEMO_TOKEN_UNIT}`);
  } catch (error) {
    // An optional part of the demo: a SoftHSM2 that cannot make a token leaves the unit on a server-held key.
    logger.warn(`SoftHSM2 could not make the demo token (${(error as Error).message}): ${unit.shortName} signs with a server-held demo key.`);
    return;
  }
  if (!label) {
    logger.log(`SoftHSM2 is not installed (apt-get install softhsm2): ${unit.shortName} signs with a server-held demo key like the others.`);
    return;
  }
  await app.get(UnitOfWork).write((m) =>
    app.get(AuditService).record(m, { action: 'signing.unit_token', entityType: 'unit', entityId: unit.id, after: { tokenLabel: label, module: 'SoftHSM2' }, reason: 'Kịch bản minh họa: một đơn vị ký bằng token PKCS#11 (SoftHSM2)' }),
  );
  logger.log(`${unit.shortName} signs through the SoftHSM2 token "${label}" (its key was generated inside the token).`);
}

/** The demo unit whose key is on SoftHSM2 (a member of this year's Cụm 6 that signs). */
export const DEMO_TOKEN_UNIT = 'SKHCN-LAMDONG';

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
