import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig, nestLogLevels } from '../../src/config/app-config';
import { dataSourceOptions } from '../../src/database/data-source';

describe('loadConfig', () => {
  it('has working defaults: SQLite in data/, port 3000, demo data on', () => {
    const c = loadConfig({}, '/srv/thidua');
    assert.equal(c.port, 3000);
    assert.deepEqual(c.database, { type: 'sqlite', path: '/srv/thidua/data/thidua.sqlite' });
    assert.equal(c.dataDir, '/srv/thidua/data');
    assert.equal(c.seedDemo, true);
    assert.equal(c.jwtSecret, undefined);
  });

  it('reads PostgreSQL from DATABASE_URL', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://u@db:5432/thidua' }, '/x');
    assert.deepEqual(c.database, { type: 'postgres', url: 'postgres://u@db:5432/thidua', poolSize: 10 });
    assert.deepEqual(loadConfig({ DATABASE_URL: 'postgres://u@db:5432/thidua', DATABASE_POOL_SIZE: '24' }, '/x').database, { type: 'postgres', url: 'postgres://u@db:5432/thidua', poolSize: 24 });
    assert.equal((loadConfig({ DATABASE_URL: 'postgres://u@db:5432/thidua', DATABASE_POOL_SIZE: '200' }, '/x').database as { poolSize: number }).poolSize, 200);
    assert.equal((dataSourceOptions(loadConfig({ DATABASE_URL: 'postgres://u@db:5432/thidua', DATABASE_POOL_SIZE: '24' }, '/x').database) as { extra: { max: number } }).extra.max, 24);
    assert.equal((dataSourceOptions({ type: 'postgres', url: 'postgres://u@db:5432/thidua' }) as { extra: { max: number } }).extra.max, 10);
  });

  it('parses SEED_DEMO strictly', () => {
    assert.equal(loadConfig({ SEED_DEMO: 'false' }).seedDemo, false);
    assert.equal(loadConfig({ SEED_DEMO: '0' }).seedDemo, false);
    assert.equal(loadConfig({ SEED_DEMO: 'TRUE' }).seedDemo, true);
  });

  const wrong: Array<[Record<string, string>, RegExp]> = [
    [{ PORT: 'abc' }, /PORT phải là số nguyên từ 0 đến 65535/],
    [{ PORT: '70000' }, /PORT/],
    [{ PORT: '-1' }, /PORT/],
    [{ SEED_DEMO: 'maybe' }, /SEED_DEMO phải là true hoặc false/],
    [{ DATABASE_URL: 'mysql://root@localhost/x' }, /chỉ hỗ trợ PostgreSQL/],
    [{ DATABASE_URL: 'not a url' }, /DATABASE_URL phải là một địa chỉ/],
    [{ DATABASE_URL: 'postgres://localhost:5432' }, /tên cơ sở dữ liệu/],
    [{ DATABASE_URL: 'postgres://u@db:5432/thidua', DATABASE_POOL_SIZE: '1' }, /DATABASE_POOL_SIZE phải là số nguyên từ 2 đến 200/],
    [{ DATABASE_URL: 'postgres://u@db:5432/thidua', DATABASE_POOL_SIZE: 'nhiều' }, /DATABASE_POOL_SIZE/],
    [{ DATABASE_URL: 'postgres://u@db:5432/thidua', DATABASE_POOL_SIZE: '201' }, /DATABASE_POOL_SIZE phải là số nguyên từ 2 đến 200/],
    [{ JWT_SECRET: 'short' }, /JWT_SECRET phải dài ít nhất 32 ký tự/],
    [{ ADMIN_PASSWORD: 'abc' }, /ADMIN_PASSWORD/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
    [{ SESSION_TTL_MINUTES: '1' }, /SESSION_TTL_MINUTES/],
    [{ LOGIN_MAX_FAILURES: '0' }, /LOGIN_MAX_FAILURES/],
    [{ HOST: 'bad host!' }, /HOST/],
    [{ TEST_CHEAP_ARGON2: '1' }, /TEST_CHEAP_ARGON2 chỉ dùng cho bộ kiểm thử/],
    [{ TEST_CHEAP_ARGON2: '1', NODE_ENV: 'production' }, /TEST_CHEAP_ARGON2 chỉ dùng cho bộ kiểm thử/],
  ];
  for (const [env, message] of wrong) {
    it(`refuses ${JSON.stringify(env)} with one clear sentence`, () => {
      assert.throws(() => loadConfig(env), (e: unknown) => e instanceof ConfigError && message.test(e.message) && !e.message.includes('\n'));
    });
  }

  it('accepts cheap argon2 parameters only under NODE_ENV=test, off by default', () => {
    assert.equal(loadConfig({}).testCheapArgon2, false);
    assert.equal(loadConfig({ NODE_ENV: 'test', TEST_CHEAP_ARGON2: '1' }).testCheapArgon2, true);
  });

  it('maps log levels to the levels at or above them', () => {
    assert.deepEqual(nestLogLevels('warn'), ['error', 'warn']);
    assert.deepEqual(nestLogLevels('verbose'), ['error', 'warn', 'log', 'debug', 'verbose']);
  });
});
