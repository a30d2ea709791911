import Database from 'better-sqlite3';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { prepareSqlite } from '../../src/database/data-source';
import { UnitOfWork } from '../../src/database/unit-of-work';

/**
 * SQLite group commit (UnitOfWork.write): writes that wait for the lock share one commit; each is answered only
 * once its commit is done (another connection sees it then), and one that fails leaves the others whole.
 */
describe('SQLite group commit', () => {
  const dir = mkdtempSync(join(tmpdir(), 'thidua-group-commit-'));
  const file = join(dir, 'db.sqlite');
  const dataSource = new DataSource({ type: 'better-sqlite3', database: file, prepareDatabase: prepareSqlite });
  let uow: UnitOfWork;
  let other: Database.Database;

  before(async () => {
    await dataSource.initialize();
    await dataSource.query('CREATE TABLE items (code TEXT PRIMARY KEY)');
    uow = new UnitOfWork(dataSource);
    other = new Database(file, { readonly: true });
  });
  after(async () => {
    other.close();
    await dataSource.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  const committed = (code: string) => !!other.prepare('SELECT 1 FROM items WHERE code = ?').get(code);

  it('every write is committed when it is answered; a failing one changes nothing and fails alone', async () => {
    const seenAtAnswer = new Map<string, boolean>();
    const writes = Array.from({ length: 20 }, (_, i) =>
      uow
        .write(async (m) => {
          await m.query('INSERT INTO items (code) VALUES (?)', [`A${i}`]);
          if (i === 7) await m.query('INSERT INTO items (code) VALUES (?)', ['A0']); // a duplicate: this write fails
        })
        .then(() => seenAtAnswer.set(`A${i}`, committed(`A${i}`))),
    );
    const results = await Promise.allSettled(writes);
    assert.equal(results.filter((r) => r.status === 'rejected').length, 1);
    assert.equal(results[7].status, 'rejected');
    assert.equal(seenAtAnswer.size, 19);
    assert.ok([...seenAtAnswer.values()].every(Boolean), 'another connection sees each write when it is answered');
    assert.equal(committed('A7'), false, 'the failed write left nothing');
    assert.equal((other.prepare('SELECT count(*) AS n FROM items').get() as { n: number }).n, 19);
  });

  it('writes of one turn of the event loop share one commit; a read that saw them answers once they are on disk', async () => {
    const runner = dataSource.createQueryRunner();
    const commit = runner.commitTransaction.bind(runner);
    let commits = 0;
    runner.commitTransaction = async () => {
      // TypeORM's commitTransaction also releases a write's savepoint (depth 2): only the outer one is a commit.
      if ((runner as unknown as { transactionDepth: number }).transactionDepth === 1) commits++;
      await commit();
    };
    try {
      // A read queued between the writes: it must neither commit the batch early nor answer before it is on disk.
      const first = uow.write((m) => m.query('INSERT INTO items (code) VALUES (?)', ['B1']));
      const read = uow.read((m) => m.query("SELECT count(*) AS n FROM items WHERE code LIKE 'B%'") as Promise<Array<{ n: number }>>).then((rows) => {
        assert.ok(committed('B1'), 'on disk when the read answers');
        return rows[0].n;
      });
      const writes = [first, ...[2, 3, 4, 5, 6].map((i) => uow.write((m) => m.query('INSERT INTO items (code) VALUES (?)', [`B${i}`])))];
      await Promise.all(writes);
      assert.equal(await read, 1, 'the read ran after the first write, before the others');
      assert.equal(commits, 1, 'one commit for the six writes and the read between them');
    } finally {
      runner.commitTransaction = commit;
    }
    assert.equal(dataSource.createQueryRunner().isTransactionActive, false);
  });

  it('a commit that fails fails every write of its batch and every read that saw it, and leaves nothing', async () => {
    // A deferred foreign key is checked at COMMIT: one write of the batch makes the commit itself fail.
    await uow.write((m) => m.query('CREATE TABLE parents (id TEXT PRIMARY KEY)'));
    await uow.write((m) => m.query('CREATE TABLE children (id TEXT PRIMARY KEY, parent_id TEXT REFERENCES parents(id) DEFERRABLE INITIALLY DEFERRED)'));
    const writes = [
      uow.write((m) => m.query('INSERT INTO items (code) VALUES (?)', ['C1'])),
      uow.write((m) => m.query('INSERT INTO children (id, parent_id) VALUES (?, ?)', ['c', 'no-such-parent'])),
      uow.write((m) => m.query('INSERT INTO items (code) VALUES (?)', ['C2'])),
    ];
    let cached = false;
    const read = uow.read(async (m) => {
      uow.whenDurable(() => (cached = true));
      return m.query("SELECT count(*) AS n FROM items WHERE code LIKE 'C%'");
    });
    const failingRead = uow.read(async () => {
      throw new Error('a refusal that depends on what the batch holds');
    });
    const results = await Promise.allSettled([...writes, read, failingRead]);
    assert.deepEqual(results.map((r) => r.status), ['rejected', 'rejected', 'rejected', 'rejected', 'rejected']);
    assert.equal(cached, false, 'nothing computed from the failed batch is kept');
    assert.match(String((results[4] as PromiseRejectedResult).reason), /a refusal/, 'a read that failed keeps its own error, after the commit');
    assert.equal(committed('C1') || committed('C2'), false);
    assert.equal(dataSource.createQueryRunner().isTransactionActive, false);
    // The next write starts a batch of its own.
    await uow.write((m) => m.query('INSERT INTO items (code) VALUES (?)', ['C3']));
    assert.ok(committed('C3'));
    let kept = false;
    await uow.read(async () => uow.whenDurable(() => (kept = true)));
    assert.equal(kept, true, 'with no batch open the effect runs at once');
  });
});
