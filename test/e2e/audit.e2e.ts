import Database from 'better-sqlite3';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Client } from 'pg';
import { EntityManager } from 'typeorm';
import { AuditAppender } from '../../src/audit/audit-appender';
import { AuditService } from '../../src/audit/audit.service';
import { UnitOfWork, updateVersioned } from '../../src/database/unit-of-work';
import { Unit } from '../../src/units/unit.entity';
import { TEST_DB, TestApp, demoIds, ph, startTestApp } from '../support/test-app';

describe(`audit log (${TEST_DB})`, () => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof demoIds>>;
  let admin: string;
  before(async () => {
    t = await startTestApp();
    ids = await demoIds(t);
    admin = await t.token('admin');
  });
  after(() => t.close());

  it('records who, when, what and why for a change, with the request id', async () => {
    const current = await t.http.get(`/api/units/${ids.daklak}`).auth(admin, { type: 'bearer' }).expect(200);
    const res = await t.http
      .patch(`/api/units/${ids.daklak}`)
      .auth(admin, { type: 'bearer' })
      .set('X-Request-Id', 'req-audit-test-0001')
      .send({ version: current.body.version, womenShare: 71, reason: 'Theo báo cáo nhân sự năm 2020' })
      .expect(200);
    assert.equal(res.headers['x-request-id'], 'req-audit-test-0001');
    const log = await t.http.get('/api/audit').query({ entityType: 'unit', entityId: ids.daklak }).auth(admin, { type: 'bearer' }).expect(200);
    const [entry] = log.body.items;
    assert.equal(entry.action, 'unit.update');
    assert.equal(entry.actorUsername, 'admin');
    assert.equal(entry.reason, 'Theo báo cáo nhân sự năm 2020');
    assert.equal(entry.requestId, 'req-audit-test-0001');
    assert.equal(entry.before.womenShare, null);
    assert.equal(entry.after.womenShare, 71);
    assert.match(entry.occurredAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('filters by action, actor, cluster and date', async () => {
    const secretary = await t.token('cum6.secretary');
    const year = await t.http.get(`/api/clusters/${ids.cum6}/years/2020`).auth(secretary, { type: 'bearer' }).expect(200);
    await t.http
      .patch(`/api/clusters/${ids.cum6}/years/2020`)
      .auth(secretary, { type: 'bearer' })
      .send({ version: year.body.version, midYearReviewOn: '2020-07-20', reason: 'Dời lịch sơ kết' })
      .expect(200);
    const byActor = await t.http.get('/api/audit').query({ actor: 'cum6.secretary', action: 'emulation_year.update' }).auth(admin, { type: 'bearer' }).expect(200);
    assert.equal(byActor.body.total, 1);
    assert.equal(byActor.body.items[0].clusterId, ids.cum6);
    const byCluster = await t.http.get('/api/audit').query({ clusterId: ids.cum6 }).auth(admin, { type: 'bearer' }).expect(200);
    assert.ok(byCluster.body.items.every((e: { clusterId: string }) => e.clusterId === ids.cum6));
    const today = new Date().toISOString().slice(0, 10);
    const byDate = await t.http.get('/api/audit').query({ from: today, to: today, action: 'emulation_year.update' }).auth(admin, { type: 'bearer' }).expect(200);
    assert.equal(byDate.body.total, 1);
    const past = await t.http.get('/api/audit').query({ to: '2000-01-01' }).auth(admin, { type: 'bearer' }).expect(200);
    // Dates the wrong way round are a mistake to name, not an empty page.
    const reversed = await t.http.get('/api/audit').query({ from: '2026-12-31', to: '2026-01-01' }).auth(admin, { type: 'bearer' }).expect(400);
    assert.deepEqual([reversed.body.details[0].field, reversed.body.details[0].message], ['to', '"Đến ngày" không được trước "Từ ngày" (31/12/2026).']);
    assert.equal(past.body.total, 0);
  });

  it('never stores passwords or their hashes', async () => {
    await t.http
      .post('/api/users')
      .auth(admin, { type: 'bearer' })
      .send({ username: 'audit.check', fullName: 'Kiểm tra', role: 'unit_officer', unitId: ids.gialai, password: 'BiMat2026xyz' })
      .expect(201);
    const rows = await t.dataSource.query('SELECT before, after FROM audit_entries');
    const text = JSON.stringify(rows);
    assert.ok(!text.includes('BiMat2026xyz'));
    assert.ok(!text.includes('$argon2'));
  });

  it('a rejected request writes no audit entry', async () => {
    const count = async () => Number((await t.dataSource.query('SELECT COUNT(*) AS n FROM audit_entries'))[0].n);
    const before = await count();
    await t.http.post(`/api/clusters/${ids.cum1}/members`).auth(admin, { type: 'bearer' }).send({ unitId: ids.gialai, year: 2020 }).expect(409);
    await t.http.patch(`/api/units/${ids.gialai}`).auth(admin, { type: 'bearer' }).send({ version: 999, reason: 'Phiên bản cũ', name: 'X' }).expect(409);
    assert.equal(await count(), before);
  });

  it('the database refuses to change or delete audit rows', async () => {
    await assert.rejects(t.dataSource.query(`UPDATE audit_entries SET reason = ${ph(1)}`, ['sửa']), /append-only/);
    await assert.rejects(t.dataSource.query('DELETE FROM audit_entries'), /append-only/);
  });

  it('verifies the chain, and detects a tampered row', async () => {
    const ok = await t.http.get('/api/audit/verify').auth(admin, { type: 'bearer' }).expect(200);
    assert.equal(ok.body.ok, true);
    assert.ok(ok.body.checked > 3);
    assert.match(ok.body.message, /toàn vẹn/);

    // Someone with database access disables the protection and rewrites history.
    const target = (await t.dataSource.query(`SELECT seq FROM audit_entries WHERE action = ${ph(1)}`, ['unit.update']))[0].seq;
    if (TEST_DB === 'postgres') {
      await t.dataSource.query('ALTER TABLE audit_entries DISABLE TRIGGER trg_audit_append_only');
    } else {
      await t.dataSource.query('DROP TRIGGER trg_audit_no_update');
    }
    await t.dataSource.query(`UPDATE audit_entries SET actor_username = ${ph(1)} WHERE seq = ${ph(2)}`, ['someone.else', target]);
    const broken = await t.http.get('/api/audit/verify').auth(admin, { type: 'bearer' }).expect(200);
    assert.equal(broken.body.ok, false);
    assert.equal(broken.body.brokenAtSeq, Number(target));
    assert.equal(broken.body.problem, 'hash');
    assert.match(broken.body.message, /bị sửa đổi/);
  });
});

describe(`at stop: the audit checkpoint, the transactions running (${TEST_DB})`, () => {
  it('a stopping server writes the head of the chain to the checkpoint file, before its database closes', async () => {
    const t = await startTestApp();
    try {
      const admin = await t.token('admin');
      const ids = await demoIds(t);
      const unit = (await t.http.get(`/api/units/${ids.gialai}`).auth(admin, { type: 'bearer' }).expect(200)).body;
      await t.http.patch(`/api/units/${ids.gialai}`).auth(admin, { type: 'bearer' }).send({ version: unit.version, womenShare: 40, reason: 'Cập nhật tỷ lệ nữ' }).expect(200);
      const head = Number((await t.dataSource.query('SELECT MAX(seq) AS seq FROM audit_entries'))[0].seq);
      await t.app.close();
      const lines = readFileSync(join(t.dataDir, 'audit-checkpoints.jsonl'), 'utf8').trim().split('\n');
      assert.equal(Number(JSON.parse(lines.at(-1)!).seq), head);
    } finally {
      await t.close().catch(() => undefined);
    }
  });
  it('a write still running at stop (its client gone, so the drain did not wait) ends first, and the checkpoint at stop covers its entry', async () => {
    const t = await startTestApp();
    try {
      const ids = await demoIds(t);
      let open!: () => void;
      const gate = new Promise<void>((r) => (open = r));
      const order: string[] = [];
      const writing = t.app.get(UnitOfWork).write(async (m: EntityManager) => {
        const unit = await m.findOneByOrFail(Unit, { id: ids.gialai });
        await gate;
        await m.update(Unit, { id: unit.id }, { note: 'Ghi khi máy chủ dừng', version: unit.version + 1 });
        await t.app.get(AuditService).record(m, { action: 'unit.update', entityType: 'unit', entityId: unit.id, after: { note: 'Ghi khi máy chủ dừng' }, reason: 'Thử dừng máy chủ' });
      });
      const closing = t.app.close().then(() => order.push('closed'));
      await new Promise((r) => setTimeout(r, 200));
      open();
      await writing.then(() => order.push('written'));
      await closing;
      assert.deepEqual(order, ['written', 'closed']);
      const lines = readFileSync(join(t.dataDir, 'audit-checkpoints.jsonl'), 'utf8').trim().split('\n');
      assert.equal(Number(JSON.parse(lines.at(-1)!).seq), await auditHead(t));
    } finally {
      await t.close().catch(() => undefined);
    }
  });
});

/** The chain's last sequence number, read from the database after the application closed it. */
async function auditHead(t: TestApp): Promise<number> {
  if (t.databaseUrl) {
    const client = new Client({ connectionString: t.databaseUrl });
    await client.connect();
    try {
      return Number((await client.query('SELECT MAX(seq) AS seq FROM audit_entries')).rows[0].seq);
    } finally {
      await client.end();
    }
  }
  const db = new Database(join(t.dataDir, 'thidua.sqlite'), { readonly: true });
  try {
    return Number((db.prepare('SELECT MAX(seq) AS seq FROM audit_entries').get() as { seq: number }).seq);
  } finally {
    db.close();
  }
}

describe(`audit chain appended with the commit (${TEST_DB})`, () => {
  it('a head moved by another transaction is read again under lock: every entry kept, in one unbroken chain', async () => {
    const t = await startTestApp();
    const appender = t.app.get(AuditAppender);
    const isConflict = appender.isConflict.bind(appender);
    let conflicts = 0;
    appender.isConflict = (error: unknown) => {
      const conflict = isConflict(error);
      if (conflict) conflicts++;
      return conflict;
    };
    try {
      const uow = t.app.get(UnitOfWork);
      const audit = t.app.get(AuditService);
      const record = (m: EntityManager, action: string, entityId: string) => audit.record(m, { action, entityType: 'chain-test', entityId });
      await uow.write((m) => record(m, 'chain.first', 'a'));
      // Another instance's append: a transaction of its own moves the head, unknown to this instance.
      await t.dataSource.transaction((m) => record(m, 'chain.elsewhere', 'b'));
      const writes = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => uow.write((m) => record(m, 'chain.after', `c${i}`))));
      assert.deepEqual(writes.filter((w) => w.status === 'rejected'), []);
      // A save whose writes wait for the COMMIT (deferWrites), on a head moved behind the instance's back again: the
      // entry is linked again under lock, and the deferred write is made once.
      const conflictsBefore = conflicts;
      await t.dataSource.transaction((m) => record(m, 'chain.elsewhere', 'd'));
      const unit = (await t.dataSource.manager.findOneByOrFail(Unit, { code: 'STTTT-GIALAI' })) as Unit;
      await uow.write(async (m) => {
        await updateVersioned(m, Unit, unit, unit.version, { shortName: 'Gia Lai (chuỗi)' }, 'đơn vị');
        await record(m, 'chain.deferred', unit.id);
      }, { deferWrites: true });
      const after = (await t.dataSource.manager.findOneByOrFail(Unit, { id: unit.id })) as Unit;
      assert.deepEqual([after.version, after.shortName], [unit.version + 1, 'Gia Lai (chuỗi)']);
      if (TEST_DB === 'postgres') assert.ok(conflicts > conflictsBefore, 'the deferred save found the head moved');
      const rows = (await t.dataSource.query(`SELECT seq, action FROM audit_entries WHERE entity_type = ${ph(1)} ORDER BY seq`, ['chain-test'])) as Array<{ seq: number; action: string }>;
      assert.deepEqual(rows.map((r) => r.action), ['chain.first', 'chain.elsewhere', ...Array(20).fill('chain.after'), 'chain.elsewhere', 'chain.deferred']);
      const all = (await t.dataSource.query('SELECT seq FROM audit_entries ORDER BY seq')) as Array<{ seq: number }>;
      assert.deepEqual(all.map((r) => Number(r.seq)), all.map((_, i) => Number(all[0].seq) + i), 'no gap in the chain');
      const admin = await t.token('admin');
      assert.equal((await t.http.get('/api/audit/verify').auth(admin, { type: 'bearer' }).expect(200)).body.ok, true);
      // PostgreSQL links the entries with the commit on the head this instance knew: the first write after the other
      // transaction found it moved. SQLite appends at once under its lock: never a conflict.
      if (TEST_DB === 'postgres') assert.ok(conflicts >= 1, 'the moved head was detected');
      else assert.equal(conflicts, 0);
    } finally {
      appender.isConflict = isConflict;
      await t.close();
    }
  });

  it('PostgreSQL: a commit waits for the predecessor it announced, and gives up on one waiting for its own row', { skip: TEST_DB !== 'postgres' }, async () => {
    const t = await startTestApp();
    type Client = { query(sql: string, values?: unknown[]): Promise<{ rows: Array<Record<string, unknown>> }>; release(): void };
    const pool = (t.dataSource.driver as unknown as { master: { connect(): Promise<Client> } }).master;
    const [a, b] = [await pool.connect(), await pool.connect()];
    try {
      const [{ head_seq, head_hash }] = (await a.query('SELECT head_seq, head_hash FROM audit_anchor WHERE id = 1')).rows as Array<{ head_seq: number; head_hash: string }>;
      const h = Number(head_seq);
      const move = (c: Client, from: number, fromHash: string, to: number, toHash: string) => c.query('SELECT thidua_move_audit_head($1, $2, $3, $4, $5, $6)', [from, fromHash, to, toHash, 'mac', '2026-12-02T00:00:00Z']);
      // B, built on A's head, reaches the server first: it waits for A's end, then moves on from A's head.
      await a.query('START TRANSACTION');
      await a.query('SELECT pg_try_advisory_xact_lock(7346002, $1)', [h + 1]);
      await b.query('START TRANSACTION');
      const started = Date.now();
      const bMoves = move(b, h + 1, 'hash-a', h + 2, 'hash-b');
      await new Promise((r) => setTimeout(r, 100));
      await move(a, h, head_hash, h + 1, 'hash-a');
      await a.query('COMMIT');
      await bMoves;
      assert.ok(Date.now() - started < 1000);
      await b.query('ROLLBACK');
      // The same sheet twice: B holds a row that A, announced, waits for. B gives up within 500 ms with TD001 (not
      // PostgreSQL's deadlock error after a second), and A goes on once B is rolled back.
      await b.query('START TRANSACTION');
      await b.query("UPDATE units SET note = 'b' WHERE code = 'STTTT-GIALAI'");
      await a.query('START TRANSACTION');
      await a.query('SELECT pg_try_advisory_xact_lock(7346002, $1)', [h + 2]);
      const aWrites = a.query("UPDATE units SET note = 'a' WHERE code = 'STTTT-GIALAI'");
      await new Promise((r) => setTimeout(r, 50));
      const t0 = Date.now();
      await assert.rejects(move(b, h + 2, 'hash-x', h + 3, 'hash-y'), (e: { code?: string }) => e.code === 'TD001');
      assert.ok(Date.now() - t0 < 900, `gave up after ${Date.now() - t0} ms`);
      await b.query('ROLLBACK');
      await aWrites;
      await a.query('ROLLBACK');
    } finally {
      a.release();
      b.release();
      await t.close();
    }
  });
});
