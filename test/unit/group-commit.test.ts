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

  it('a read waiting behind writes sees them committed; no transaction is left open', async () => {
    const writes = [1, 2, 3].map((i) => uow.write((m) => m.query('INSERT INTO items (code) VALUES (?)', [`B${i}`])));
    const read = uow.read(async (m) => {
      assert.ok(committed('B1') && committed('B2') && committed('B3'), 'committed before the read runs');
      return (await m.query("SELECT count(*) AS n FROM items WHERE code LIKE 'B%'")) as Array<{ n: number }>;
    });
    await Promise.all(writes);
    assert.equal((await read)[0].n, 3);
    assert.equal(dataSource.createQueryRunner().isTransactionActive, false);
  });
});
