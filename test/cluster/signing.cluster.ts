import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PdfFile } from '../../src/documents/signing/pades/pdf-file';
import { verifyPdfSignatures } from '../../src/documents/signing/pades/verify';
import { TestApp, actorFor, demoIds, startTestApp } from '../support/test-app';

/**
 * Signing with two instances on one PostgreSQL (scripts/cluster-ci.mjs passes CLUSTER_INSTANCE_URLS): the demo CA
 * both ask for at once is made once and is the same on both, and members signing the pledge at the same time on
 * either instance build one signed file, revision on revision — never two forks — that both instances serve.
 */
const [urlA, urlB] = (process.env.CLUSTER_INSTANCE_URLS ?? '').split(',');
const MEMBERS = ['gialai', 'phuyen', 'daklak', 'lamdong', 'kontum', 'daknong'];

async function bytes(url: string, path: string, token?: string): Promise<{ status: number; body: Buffer }> {
  const res = await fetch(`${url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, body: Buffer.from(await res.arrayBuffer()) };
}

/** A POST sent again while it answers 409 (a signature recorded at the same moment bumped the pledge's version). */
async function post(url: string, path: string, token: string, body: unknown): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
    await res.arrayBuffer();
    if (res.status !== 409 || attempt === 20) return res.status;
  }
}

describe('signing on two instances behind the balancer', { skip: !urlA || !urlB ? 'run by scripts/cluster-ci.mjs' : false }, () => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof demoIds>>;
  before(async () => {
    t = await startTestApp();
    ids = await demoIds(t);
  });
  after(() => t.close());

  it('the demo CA asked for on both instances at once is made once: both publish the same certificate', async () => {
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => bytes(i % 2 ? urlB : urlA, '/api/signing/test-ca.crt')));
    assert.ok(answers.every((a) => a.status === 200));
    assert.equal(new Set(answers.map((a) => a.body.toString('hex'))).size, 1, 'one demo CA');
    const [keys] = (await t.dataSource.query("SELECT count(*)::int AS n FROM pades_files WHERE path = 'test-ca.key.pem'")) as Array<{ n: number }>;
    assert.equal(keys.n, 1);
  });

  it('six members signing at once on either instance make one file with every signature, the same on both', async () => {
    const secretary = await t.token('cum6.secretary');
    const base = `/api/clusters/${ids.cum6}/years/2020/pledge`;
    await t.http.post(base).auth(secretary, { type: 'bearer' }).send({ template: 'CUM6-2020', documentNumber: '01/GƯ-CTĐ6' }).expect(201);
    const current = await t.http.get(base).auth(secretary, { type: 'bearer' }).expect(200);
    await t.http.post(`${base}/open`).auth(secretary, { type: 'bearer' }).send({ version: current.body.version }).expect(200);
    const actors = await Promise.all(MEMBERS.map((m) => actorFor(t, m)));
    const statuses = await Promise.all(
      actors.map((a, i) => post(i % 2 ? urlB : urlA, `${base}/signatures`, a.token, { signerName: `Người ký ${i + 1}`, signerTitle: 'Giám đốc', unitId: a.unitId })),
    );
    assert.deepEqual(statuses, [201, 201, 201, 201, 201, 201]);

    const [fromA, fromB] = await Promise.all([bytes(urlA, `${base}/signed-pdf`, secretary), bytes(urlB, `${base}/signed-pdf`, secretary)]);
    assert.equal(fromA.status, 200);
    assert.ok(fromA.body.equals(fromB.body), 'both instances serve the same latest revision');
    const fields = new PdfFile(fromA.body).signatureFields();
    assert.equal(fields.length, 7);
    assert.ok(fields.every((f) => f.value), 'every member and the organisation signed, in one file');
    const report = verifyPdfSignatures(fromA.body, [(await bytes(urlA, '/api/signing/test-ca.crt')).body]);
    assert.equal(report.signatures.length, 7);
    assert.ok(report.signatures.every((s) => s.intact && s.trusted && s.changedByRevisions.length === 0), JSON.stringify(report.signatures.map((s) => [s.fieldName, s.problems])));

    const [pointer] = (await t.dataSource.query('SELECT signed_file_path, signed_file_sha256 FROM pledges WHERE id = $1', [current.body.id])) as Array<{ signed_file_path: string; signed_file_sha256: string }>;
    assert.equal(pointer.signed_file_path, `pledges/${current.body.id}/${pointer.signed_file_sha256}.pdf`);
    const [stored] = (await t.dataSource.query('SELECT content FROM stored_files WHERE path = $1', [pointer.signed_file_path])) as Array<{ content: Buffer }>;
    assert.ok(stored.content.equals(fromA.body), 'the pledge points at the revision served');
  });
});
