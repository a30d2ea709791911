import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { IN_PROCESS_ONLY, TEST_DB, TestApp, actorFor, demoIds, startTestApp } from '../support/test-app';

/** A port nothing listens on (bound, then released), so that the configured TSA refuses the connection. */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/**
 * The time-stamping authority (TSA_URL) does not answer: signing and downloading the signed file answer 503 with
 * what happened — never a bare 500 — and the member's signature, recorded before the file is signed, stands.
 */
describe(`a signed pledge while the TSA does not answer (${TEST_DB})`, () => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof demoIds>>;
  before(async () => {
    // Through the balancer, the instances' TSA_URL (a port nothing listens on; scripts/cluster-ci.mjs).
    const instances = (JSON.parse(process.env.E2E_INSTANCE_ENV ?? '{}') as { TSA_URL?: string }).TSA_URL;
    t = await startTestApp({ TSA_URL: IN_PROCESS_ONLY && instances ? instances : `http://127.0.0.1:${await closedPort()}/tsa` });
    ids = await demoIds(t);
  });
  after(() => t.close());

  it('a member’s click answers 503 saying its signature is recorded; the download answers 503', async () => {
    const secretary = await t.token('cum6.secretary');
    const base = `/api/clusters/${ids.cum6}/years/2020/pledge`;
    await t.http.post(base).auth(secretary, { type: 'bearer' }).send({ template: 'CUM6-2020', documentNumber: '01/GƯ-CTĐ6' }).expect(201);
    const current = await t.http.get(base).auth(secretary, { type: 'bearer' }).expect(200);
    await t.http.post(`${base}/open`).auth(secretary, { type: 'bearer' }).send({ version: current.body.version }).expect(200);

    const member = await actorFor(t, 'gialai');
    const res = await t.http.post(`${base}/signatures`).auth(member.token, { type: 'bearer' }).send({ signerName: 'Người ký', signerTitle: 'Giám đốc', unitId: member.unitId });
    assert.equal(res.status, 503);
    assert.equal(res.body.code, 'SERVICE_UNAVAILABLE');
    assert.match(res.body.message, /Chữ ký của đơn vị đã được ghi nhận.*máy chủ cấp dấu thời gian không trả lời/);
    const pledge = await t.http.get(base).auth(secretary, { type: 'bearer' }).expect(200);
    assert.equal(pledge.body.signedCount, 1, 'the signature stands');

    const download = await t.http.get(`${base}/signed-pdf`).auth(secretary, { type: 'bearer' });
    assert.equal(download.status, 503);
    assert.match(download.body.message, /máy chủ cấp dấu thời gian không trả lời/);
  });
});
