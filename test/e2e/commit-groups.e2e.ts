import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AuditService } from '../../src/audit/audit.service';
import { CommitGroups, GROUP_WAIT_MS } from '../../src/database/commit-groups';
import { writeAtCommit } from '../../src/database/postgres-transaction';
import { UnitOfWork } from '../../src/database/unit-of-work';
import { IN_PROCESS_ONLY, TEST_DB, TestApp, startTestApp } from '../support/test-app';

/** PostgreSQL's group commit (src/database/commit-groups.ts), driven through UnitOfWork in the test's process. */
const SKIP = TEST_DB !== 'postgres' ? 'group commit of deferred writes is PostgreSQL’s (SQLite batches its own: test/unit/group-commit.test.ts)' : IN_PROCESS_ONLY;

/** Long enough for three writes started together to be ready on a loaded machine, short enough to keep the test quick. */
const WAIT_FOR_GROUP_MS = 3_000;

describe(`PostgreSQL group commit (${TEST_DB})`, { skip: SKIP }, () => {
  let t: TestApp;
  let uow: UnitOfWork;
  before(async () => {
    t = await startTestApp();
    uow = t.app.get(UnitOfWork);
    await t.dataSource.query('CREATE TABLE group_probe (k varchar(20) PRIMARY KEY, tx bigint NOT NULL)');
    await t.dataSource.query('CREATE TABLE group_block (k varchar(20) PRIMARY KEY)');
  });
  after(async () => {
    await t.dataSource.query('DROP TABLE group_probe');
    await t.dataSource.query('DROP TABLE group_block');
    await t.close();
  });

  /**
   * Runs `test` with UnitOfWork's group commit waiting `waitMs` for the group in flight: the tests of grouping then
   * do not depend on how loaded the machine is (with 250 ms, writes ready later than that on a busy CI machine went
   * alone). The bound itself is tested with the real one.
   */
  const withWait = async (waitMs: number, test: () => Promise<void>) => {
    const holder = uow as unknown as { groups: CommitGroups };
    const real = holder.groups;
    holder.groups = new CommitGroups(waitMs);
    try {
      await test();
    } finally {
      holder.groups = real;
    }
  };

  /** A save's shape: a read first (the transaction then holds its connection), then writes that wait for the COMMIT. */
  const deferred = (table: string, key: string, stale = false) =>
    uow.write(
      async (m) => {
        await m.query('SELECT 1');
        // An audit entry, as every save appends: the group's commit moves the chain's head.
        await t.app.get(AuditService).record(m, { action: 'test.group_commit', entityType: table, entityId: key });
        await writeAtCommit(m, `INSERT INTO ${table} (k${table === 'group_probe' ? ', tx' : ''}) VALUES (?${table === 'group_probe' ? ', txid_current()' : ''})`, [key]);
        if (stale) await writeAtCommit(m, 'UPDATE group_probe SET tx = 0 WHERE k = ?', ['none'], { rows: 1, mismatch: async () => new Error(`stale ${key}`) });
        return key;
      },
      { deferWrites: true },
    );

  /** Another connection holds `table` against writes until the returned function is called. */
  const hold = async (table: string) => {
    const blocker = t.dataSource.createQueryRunner();
    await blocker.query('START TRANSACTION');
    await blocker.query(`LOCK TABLE ${table} IN SHARE MODE`);
    return async () => {
      await blocker.query('COMMIT');
      await blocker.release();
    };
  };

  /** The backend whose statement writing `table` waits for a lock (polled: the commit is on its way). */
  const waitingBackend = async (table: string, key = ''): Promise<number> => {
    for (let i = 0; i < 300; i++) {
      const rows = (await t.dataSource.query(`SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%INSERT INTO ${table}%${key}%' AND pid <> pg_backend_pid()`)) as Array<{ pid: number }>;
      if (rows.length) return rows[0].pid;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`no commit waits for a lock on ${table}`);
  };

  it('writes ready together commit together, answered only once committed; a failed check fails its own alone', () => withWait(5_000, async () => {
    const release = await hold('group_probe');
    const stale = new Set([1, 13, 23]);
    const committedWhenAnswered: boolean[] = [];
    let writes: Array<Promise<string>> = [];
    try {
      writes = Array.from({ length: 30 }, (_, i) =>
        deferred('group_probe', `k${i}`, stale.has(i)).then(async (key) => {
          committedWhenAnswered.push((await t.dataSource.query('SELECT 1 FROM group_probe WHERE k = $1', [key])).length === 1);
          return key;
        }),
      );
      await new Promise((r) => setTimeout(r, 300));
      assert.deepEqual(committedWhenAnswered, [], 'no write is answered while its commit waits');
    } finally {
      await release(); // else the table stays locked, and after() would wait for it
    }
    const results = await Promise.allSettled(writes);
    const failed = results.flatMap((r) => (r.status === 'rejected' ? [String((r.reason as Error).message)] : []));
    assert.deepEqual(failed.sort(), ['stale k1', 'stale k13', 'stale k23']);
    assert.equal(committedWhenAnswered.length, 27);
    assert.ok(committedWhenAnswered.every(Boolean), 'each is committed when it is answered');
    const rows = (await t.dataSource.query('SELECT k, tx FROM group_probe')) as Array<{ k: string; tx: string }>;
    assert.deepEqual(rows.map((r) => r.k).sort(), Array.from({ length: 30 }, (_, i) => i).filter((i) => !stale.has(i)).map((i) => `k${i}`).sort());
    const transactions = new Set(rows.map((r) => r.tx)).size;
    assert.ok(transactions <= 18, `27 writes committed in ${transactions} transactions: they were not grouped`);
  }));

  it(`a commit that waits for a lock holds back its own group only: the writes after it commit within ${GROUP_WAIT_MS} ms or so`, async () => {
    const release = await hold('group_block');
    let blockedSettled = false;
    const blocked = deferred('group_block', 'b1').finally(() => (blockedSettled = true));
    try {
      await waitingBackend('group_block');
      const started = Date.now();
      let timer: NodeJS.Timeout | undefined;
      const others = await Promise.race([
        Promise.all(Array.from({ length: 8 }, (_, i) => deferred('group_probe', `free${i}`))),
        new Promise<never>((_, fail) => (timer = setTimeout(() => fail(new Error('the writes after a blocked commit wait for it')), GROUP_WAIT_MS + 5_000))),
      ]).finally(() => clearTimeout(timer));
      assert.equal(others.length, 8);
      assert.equal(blockedSettled, false, 'the blocked commit still waits');
      assert.ok(Date.now() - started < GROUP_WAIT_MS + 2_000, `the other writes took ${Date.now() - started} ms`);
    } finally {
      await release();
    }
    assert.equal(await blocked, 'b1');
    assert.equal((await t.dataSource.query("SELECT 1 FROM group_block WHERE k = 'b1'")).length, 1);
    const admin = await t.token('admin');
    assert.equal((await t.http.get('/api/audit/verify').auth(admin, { type: 'bearer' }).expect(200)).body.ok, true, 'the audit chain is whole');
  });

  it('a commit whose connection is ended fails, alone or in a group (none is sent again), and the writes after it commit', () => withWait(WAIT_FOR_GROUP_MS, async () => {
    const release = await hold('group_block');
    const failed = (p: Promise<unknown>) => p.then(() => 'committed', (error: unknown) => `failed: ${String((error as Error)?.message ?? error)}`);
    try {
      const alone = failed(deferred('group_block', 'lost0'));
      const pidAlone = await waitingBackend('group_block', 'lost0');
      // Ready while the first is in flight: they go as one group once it has waited WAIT_FOR_GROUP_MS.
      const grouped = ['lost1', 'lost2', 'lost3'].map((k) => failed(deferred('group_block', k)));
      const pidGroup = await waitingBackend('group_block', 'lost2');
      assert.notEqual(pidGroup, pidAlone);
      assert.equal((await t.dataSource.query('SELECT query FROM pg_stat_activity WHERE pid = $1', [pidGroup]))[0].query.match(/INSERT INTO group_block/g).length, 3, 'the three are one transaction');
      await t.dataSource.query('SELECT pg_terminate_backend($1)', [pidGroup]);
      for (const outcome of await Promise.all(grouped)) assert.match(outcome, /^failed: /);
      await t.dataSource.query('SELECT pg_terminate_backend($1)', [pidAlone]);
      assert.match(await alone, /^failed: /);
      const after = await Promise.all(Array.from({ length: 12 }, (_, i) => deferred('group_probe', `after${i}`)));
      assert.equal(after.length, 12);
    } finally {
      await release();
    }
    assert.equal((await t.dataSource.query("SELECT count(*) AS n FROM group_block WHERE k LIKE 'lost%'"))[0].n, '0', 'the ended commits made nothing');
    const admin = await t.token('admin');
    assert.equal((await t.http.get('/api/audit/verify').auth(admin, { type: 'bearer' }).expect(200)).body.ok, true, 'the audit chain is whole');
  }));
});
