import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { TEST_DB, TestApp, demoIds, startTestApp } from '../support/test-app';

describe(`bad input is refused clearly and changes nothing (${TEST_DB})`, () => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof demoIds>>;
  let admin: string;
  let secretary: string;
  before(async () => {
    t = await startTestApp();
    ids = await demoIds(t);
    admin = await t.token('admin');
    secretary = await t.token('cum6.secretary');
  });
  after(() => t.close());

  const unit = { code: 'STTTT-THU', kind: 'MEMBER', name: 'Sở Thông tin và Truyền thông tỉnh Thử', shortName: 'Sở TTTT Thử' };

  type Case = {
    name: string;
    as?: 'admin' | 'secretary';
    method: 'get' | 'post' | 'patch' | 'delete';
    path: () => string;
    body?: unknown;
    raw?: { type: string; data: string };
    status: number;
    code: string;
    field?: string;
  };

  const buildCases = (): Case[] => [
    // shape of the body
    { name: 'malformed JSON', method: 'post', path: () => '/api/units', raw: { type: 'application/json', data: '{"code":' }, status: 400, code: 'MALFORMED_JSON' },
    { name: 'a JSON array', method: 'post', path: () => '/api/units', body: [unit], status: 400, code: 'VALIDATION_FAILED', field: '(body)' },
    { name: 'plain text', method: 'post', path: () => '/api/units', raw: { type: 'text/plain', data: 'STTTT-THU' }, status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
    // A multipart body cut short (no closing boundary): said at the upload's field.
    { name: 'a truncated multipart body', as: 'secretary', method: 'post', path: () => `/api/clusters/${ids.cum6}/years/2021/scoring/upload`, raw: { type: 'multipart/form-data; boundary=XYZ', data: '--XYZ\r\nContent-Disposition: form-data; name="file"; filename="a.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\nPK\u0003\u0004abc' }, status: 400, code: 'VALIDATION_FAILED', field: 'file' },
    { name: 'a multipart body without its boundary', as: 'secretary', method: 'post', path: () => `/api/clusters/${ids.cum6}/years/2021/scoring/upload`, raw: { type: 'multipart/form-data', data: 'file=abc' }, status: 400, code: 'VALIDATION_FAILED', field: 'file' },
    { name: 'missing fields', method: 'post', path: () => '/api/units', body: {}, status: 400, code: 'VALIDATION_FAILED', field: 'code' },
    { name: 'unknown field', method: 'post', path: () => '/api/units', body: { ...unit, role: 'admin' }, status: 400, code: 'VALIDATION_FAILED', field: 'role' },
    { name: 'wrong type', method: 'post', path: () => '/api/units', body: { ...unit, name: 42 }, status: 400, code: 'VALIDATION_FAILED', field: 'name' },
    { name: 'empty string', method: 'post', path: () => '/api/units', body: { ...unit, shortName: '' }, status: 400, code: 'VALIDATION_FAILED', field: 'shortName' },
    { name: 'overlong string', method: 'post', path: () => '/api/units', body: { ...unit, name: 'Đ'.repeat(301) }, status: 400, code: 'VALIDATION_FAILED', field: 'name' },
    { name: 'impossible date', method: 'post', path: () => '/api/units', body: { ...unit, activeFrom: '2021-02-30' }, status: 400, code: 'VALIDATION_FAILED', field: 'activeFrom' },
    { name: 'share over 100 %', method: 'post', path: () => '/api/units', body: { ...unit, womenShare: 100.5 }, status: 400, code: 'VALIDATION_FAILED', field: 'womenShare' },
    { name: 'lowercase code', method: 'post', path: () => '/api/units', body: { ...unit, code: 'stttt-thu' }, status: 400, code: 'VALIDATION_FAILED', field: 'code' },
    // references and rules
    { name: 'duplicate unit code', method: 'post', path: () => '/api/units', body: { ...unit, code: 'STTTT-GIALAI' }, status: 409, code: 'DUPLICATE', field: 'code' },
    { name: 'unknown parent', method: 'post', path: () => '/api/units', body: { ...unit, parentId: randomUUID() }, status: 422, code: 'INVALID_REFERENCE', field: 'parentId' },
    { name: 'end before start', method: 'post', path: () => '/api/units', body: { ...unit, activeFrom: '2020-01-01', activeTo: '2019-01-01' }, status: 422, code: 'INVALID_REFERENCE', field: 'activeTo' },
    { name: 'successor of an active unit', method: 'patch', path: () => `/api/units/${ids.gialai}`, body: { version: 1, reason: 'Sáp nhập', successorId: ids.daklak, activeTo: null }, status: 422, code: 'INVALID_SUCCESSOR', field: 'successorId' },
    { name: 'successor of itself', method: 'patch', path: () => `/api/units/${ids.gialai}`, body: { version: 1, reason: 'Sáp nhập', successorId: ids.gialai }, status: 422, code: 'INVALID_SUCCESSOR', field: 'successorId' },
    // versions and reasons
    { name: 'PATCH without version', method: 'patch', path: () => `/api/units/${ids.gialai}`, body: { reason: 'Cập nhật', name: 'X' }, status: 400, code: 'VALIDATION_FAILED', field: 'version' },
    { name: 'PATCH without reason', method: 'patch', path: () => `/api/units/${ids.gialai}`, body: { version: 1, name: 'X' }, status: 400, code: 'VALIDATION_FAILED', field: 'reason' },
    { name: 'PATCH with a stale version', method: 'patch', path: () => `/api/units/${ids.gialai}`, body: { version: 99, reason: 'Cập nhật', name: 'X' }, status: 409, code: 'VERSION_CONFLICT', field: 'version' },
    { name: 'PATCH of an unknown unit', method: 'patch', path: () => `/api/units/${randomUUID()}`, body: { version: 1, reason: 'Cập nhật' }, status: 404, code: 'NOT_FOUND' },
    // path and query parameters
    { name: 'id that is not a UUID', method: 'get', path: () => '/api/clusters/abc', status: 400, code: 'VALIDATION_FAILED', field: 'id' },
    { name: 'year that is not a year', method: 'get', path: () => `/api/clusters/${ids.cum6}/years/20x0`, status: 400, code: 'VALIDATION_FAILED', field: 'year' },
    { name: 'year out of range', method: 'get', path: () => `/api/clusters/${ids.cum6}/years/1999`, status: 400, code: 'VALIDATION_FAILED', field: 'year' },
    { name: 'year in exponent notation (2e3)', method: 'get', path: () => `/api/clusters/${ids.cum6}/years/2e3`, status: 400, code: 'VALIDATION_FAILED', field: 'year' },
    { name: 'year with a leading plus', method: 'get', path: () => `/api/clusters/${ids.cum6}/years/+2020`, status: 400, code: 'VALIDATION_FAILED', field: 'year' },
    { name: 'limit that is not a number', method: 'get', path: () => '/api/units?limit=abc', status: 400, code: 'VALIDATION_FAILED', field: 'limit' },
    { name: 'limit too large', method: 'get', path: () => '/api/units?limit=100000', status: 400, code: 'VALIDATION_FAILED', field: 'limit' },
    { name: 'unknown query parameter', method: 'get', path: () => '/api/units?admin=1', status: 400, code: 'VALIDATION_FAILED', field: 'admin' },
    { name: 'year query that is not a year', method: 'get', path: () => `/api/clusters/${ids.cum6}/members?year=2020.5`, status: 400, code: 'VALIDATION_FAILED', field: 'year' },
    { name: 'unknown route', method: 'get', path: () => '/api/nothing-here', status: 404, code: 'ROUTE_NOT_FOUND' },
    // Refused by the router before any route (Fastify's frameworkErrors): the same error shape, in Vietnamese.
    { name: 'malformed percent-encoding in the path', method: 'get', path: () => '/api/units/%E0%A4%A', status: 400, code: 'VALIDATION_FAILED' },
    // memberships
    { name: 'a unit already in another cluster that year', method: 'post', path: () => `/api/clusters/${ids.cum1}/members`, body: { unitId: ids.gialai, year: 2020 }, status: 409, code: 'MEMBERSHIP_CONFLICT', field: 'unitId' },
    { name: 'a unit twice in the same cluster', method: 'post', path: () => `/api/clusters/${ids.cum6}/members`, body: { unitId: ids.gialai, year: 2020 }, status: 409, code: 'MEMBERSHIP_CONFLICT', field: 'unitId' },
    { name: 'a unit no longer active that year', method: 'post', path: () => `/api/clusters/${ids.cum6}/members`, body: { unitId: ids.gialai, year: 2026 }, status: 422, code: 'UNIT_INACTIVE', field: 'year' },
    { name: 'an organiser as a member', method: 'post', path: () => `/api/clusters/${ids.cum6}/members`, body: { unitId: ids.ministry, year: 2021 }, status: 422, code: 'INVALID_REFERENCE', field: 'unitId' },
    { name: 'an unknown decision', method: 'post', path: () => `/api/clusters/${ids.cum6}/members`, body: { unitId: ids.hanoi, year: 2021, decisionId: randomUUID() }, status: 422, code: 'INVALID_REFERENCE', field: 'decisionId' },
    { name: 'removing without a reason', method: 'delete', path: () => `/api/clusters/${ids.cum6}/members/${randomUUID()}`, body: {}, status: 400, code: 'VALIDATION_FAILED', field: 'reason' },
    { name: 'removing an unknown membership', method: 'delete', path: () => `/api/clusters/${ids.cum6}/members/${randomUUID()}`, body: { version: 1, reason: 'Rút khỏi cụm' }, status: 404, code: 'NOT_FOUND' },
    // clusters and decisions
    { name: 'a cluster of an organiser that ended', method: 'post', path: () => '/api/clusters', body: { organizerId: ids.ministry, number: 6, name: 'Cụm trùng', documentCode: 'CTĐ6' }, status: 422, code: 'UNIT_INACTIVE', field: 'organizerId' },
    { name: 'a cluster of a member unit', method: 'post', path: () => '/api/clusters', body: { organizerId: ids.gialai, number: 9, name: 'Cụm sai', documentCode: 'CTĐ9' }, status: 422, code: 'INVALID_REFERENCE', field: 'organizerId' },
    { name: 'a decision effective before it was signed', method: 'post', path: () => '/api/cluster-decisions', body: { organizerId: ids.ministry, number: '9/QĐ-BTTTT', signedOn: '2021-05-01', effectiveYear: 2020 }, status: 422, code: 'BUSINESS_RULE', field: 'effectiveYear' },
    // emulation years
    { as: 'secretary', name: 'an emulation year that exists', method: 'post', path: () => `/api/clusters/${ids.cum6}/years`, body: { year: 2020 }, status: 409, code: 'DUPLICATE', field: 'year' },
    { as: 'secretary', name: 'an emulation year after its organiser ended', method: 'post', path: () => `/api/clusters/${ids.cum6}/years`, body: { year: 2026 }, status: 422, code: 'UNIT_INACTIVE', field: 'year' },
    { name: 'an emulation year without members', method: 'post', path: () => `/api/clusters/${ids.naCum1}/years`, body: { year: 2012 }, status: 422, code: 'BUSINESS_RULE', field: 'year' },
    { as: 'secretary', name: 'phases out of order', method: 'post', path: () => `/api/clusters/${ids.cum6}/years`, body: { year: 2021, scoringOpensOn: '2021-12-01', scoringClosesOn: '2021-11-01' }, status: 422, code: 'INVALID_PHASE_ORDER', field: 'scoringClosesOn' },
    { as: 'secretary', name: 'a phase in the wrong year', method: 'patch', path: () => `/api/clusters/${ids.cum6}/years/2020`, body: { version: 2, reason: 'Dời lịch', midYearReviewOn: '2019-07-01' }, status: 422, code: 'INVALID_PHASE_ORDER', field: 'midYearReviewOn' },
    { as: 'secretary', name: 'an emulation year not created', method: 'get', path: () => `/api/clusters/${ids.cum6}/years/2024`, status: 404, code: 'NOT_FOUND', field: 'year' },
    // accounts
    { name: 'a username with spaces', method: 'post', path: () => '/api/users', body: { username: 'a b', fullName: 'A', role: 'admin', password: 'Mat-Khau-Cua-Toi-2026' }, status: 400, code: 'VALIDATION_FAILED', field: 'username' },
    { name: 'an unknown role', method: 'post', path: () => '/api/users', body: { username: 'ab.cd', fullName: 'A', role: 'root', password: 'Mat-Khau-Cua-Toi-2026' }, status: 400, code: 'VALIDATION_FAILED', field: 'role' },
    { name: 'a weak password', method: 'post', path: () => '/api/users', body: { username: 'ab.cd', fullName: 'A', role: 'admin', password: 'password' }, status: 400, code: 'VALIDATION_FAILED', field: 'password' },
    { name: 'a secretary without clusters', method: 'post', path: () => '/api/users', body: { username: 'ab.cd', fullName: 'A', role: 'cluster_secretary', password: 'Mat-Khau-Cua-Toi-2026' }, status: 422, code: 'INVALID_ROLE_SCOPE', field: 'clusterIds' },
    { name: 'a secretary of an unknown cluster', method: 'post', path: () => '/api/users', body: { username: 'ab.cd', fullName: 'A', role: 'cluster_secretary', password: 'Mat-Khau-Cua-Toi-2026', clusterIds: [randomUUID()] }, status: 422, code: 'INVALID_REFERENCE', field: 'clusterIds' },
    { name: 'a login without a password', method: 'post', path: () => '/api/auth/login', body: { username: 'admin' }, status: 400, code: 'VALIDATION_FAILED', field: 'password' },
  ];

  it('answers each bad request with its status, code and field, never a 500, and leaves the database as it was', async () => {
    const problems: string[] = [];
    const before = await t.snapshot();
    for (const c of buildCases()) {
      const token = c.as === 'secretary' ? secretary : admin;
      let req = t.http[c.method](c.path()).auth(token, { type: 'bearer' });
      if (c.raw) req = req.set('Content-Type', c.raw.type).send(c.raw.data);
      else if (c.body !== undefined) req = req.send(c.body as object);
      const res = await req;
      const got = `${res.status} ${res.body.code}`;
      if (got !== `${c.status} ${c.code}`) problems.push(`${c.name}: got ${got}, expected ${c.status} ${c.code} ${JSON.stringify(res.body).slice(0, 300)}`);
      if (typeof res.body.message !== 'string' || !/[ạảãàáâậầấẩẫăắằặẳẵẻẽèéêệềếểễịỉĩìíọỏõòóôộồốổỗơợờớởỡụủũùúưựừứửữđ]/i.test(res.body.message)) {
        problems.push(`${c.name}: message not Vietnamese: ${res.body.message}`);
      }
      if (!Array.isArray(res.body.details)) problems.push(`${c.name}: no details array`);
      if (c.field && !res.body.details?.some((d: { field: string }) => d.field === c.field)) {
        problems.push(`${c.name}: no detail names "${c.field}": ${JSON.stringify(res.body.details)}`);
      }
      if (JSON.stringify(res.body).includes('    at ')) problems.push(`${c.name}: leaks a stack trace`);
    }
    assert.deepEqual(problems, []);
    assert.equal(await t.snapshot(), before, 'a rejected request changed the database');
  });

  it('a successor cycle is refused (Bộ KH&CN → Bộ TTTT → Bộ KH&CN)', async () => {
    const bkhcn = await ids.unit('BKHCN');
    const current = await t.http.get(`/api/units/${bkhcn}`).auth(admin, { type: 'bearer' }).expect(200);
    const before = await t.snapshot();
    const res = await t.http
      .patch(`/api/units/${bkhcn}`)
      .auth(admin, { type: 'bearer' })
      .send({ version: current.body.version, reason: 'Thử vòng lặp', activeTo: '2030-12-31', successorId: ids.ministry });
    assert.equal(res.status, 422);
    assert.equal(res.body.code, 'INVALID_SUCCESSOR');
    assert.match(res.body.message, /vòng lặp/);
    assert.equal(await t.snapshot(), before);
  });

  it('a 409 on a stale version tells the current version and overwrites nothing', async () => {
    const current = await t.http.get(`/api/units/${ids.daklak}`).auth(admin, { type: 'bearer' }).expect(200);
    await t.http
      .patch(`/api/units/${ids.daklak}`)
      .auth(admin, { type: 'bearer' })
      .send({ version: current.body.version, womenShare: 72.5, reason: 'Số liệu năm 2020' })
      .expect(200);
    const stale = await t.http
      .patch(`/api/units/${ids.daklak}`)
      .auth(admin, { type: 'bearer' })
      .send({ version: current.body.version, womenShare: 10, reason: 'Ghi đè' });
    assert.equal(stale.status, 409);
    assert.match(stale.body.details[0].message, new RegExp(`hiện tại là ${current.body.version + 1}`));
    const after = await t.http.get(`/api/units/${ids.daklak}`).auth(admin, { type: 'bearer' }).expect(200);
    assert.equal(after.body.womenShare, 72.5);
  });
});
