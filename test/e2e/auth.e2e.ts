import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { totpCode } from '../../src/auth/mfa';
import { DEMO_PASSWORD, TEST_DB, TestApp, awayFromTotpStepEnd, demoCredentials, demoIds, ph, startTestApp } from '../support/test-app';

describe(`accounts and sessions (${TEST_DB})`, () => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof demoIds>>;
  before(async () => {
    t = await startTestApp({ LOGIN_MAX_FAILURES: '3', LOGIN_WINDOW_SECONDS: '600' });
    ids = await demoIds(t);
  });
  after(() => t.close());

  const login = (username: string, password = DEMO_PASSWORD) => t.http.post('/api/auth/login').send({ username, password });

  it('logs in with the demo password and answers a bearer token (a reviewer adds the code of their second factor)', async () => {
    const noCode = await login('reviewer').expect(401);
    assert.equal(noCode.body.code, 'AUTH_MFA_REQUIRED');
    assert.equal(noCode.body.details[0].field, 'code');
    // The previous time step's code (accepted within one step of drift), so that token('reviewer') later in this file uses a newer one.
    await awayFromTotpStepEnd();
    const res = await t.http.post('/api/auth/login').send(demoCredentials('reviewer', Date.now() - 30_000)).expect(200);
    assert.equal(res.body.tokenType, 'Bearer');
    assert.match(res.body.accessToken, /^[\w-]+\.[\w-]+\.[\w-]+$/);
    const me = await t.http.get('/api/auth/me').auth(res.body.accessToken, { type: 'bearer' }).expect(200);
    assert.equal(me.body.username, 'reviewer');
    assert.equal(me.body.role, 'ministry_reviewer');
    assert.equal(me.body.roleLabel, 'Cán bộ thẩm định của Bộ');
    assert.equal(me.body.organizerId, await ids.unit('BKHCN'), 'Bộ KH&CN, successor of Bộ TTTT');
  });

  it('refuses a wrong password and an unknown user alike, in Vietnamese', async () => {
    for (const res of [await login('phuyen', 'wrong-password1'), await login('nobody.here', 'whatever1')]) {
      assert.equal(res.status, 401);
      assert.equal(res.body.code, 'AUTH_INVALID_CREDENTIALS');
      assert.equal(res.body.message, 'Tên đăng nhập hoặc mật khẩu không đúng.');
    }
  });

  it('throttles failed logins per user, even with the right password, with Retry-After', async () => {
    for (let i = 0; i < 3; i++) assert.equal((await login('kontum', `bad-${i}-password`)).status, 401);
    const blocked = await login('kontum');
    assert.equal(blocked.status, 429);
    assert.equal(blocked.body.code, 'AUTH_TOO_MANY_ATTEMPTS');
    assert.ok(Number(blocked.headers['retry-after']) > 0);
    await login('daknong').expect(200); // another user is not affected
  });

  it('rejects missing, malformed and tampered tokens', async () => {
    const good = (await login('lamdong').expect(200)).body.accessToken as string;
    const cases: Array<[string | undefined, string]> = [
      [undefined, 'AUTH_REQUIRED'],
      ['Bearer', 'AUTH_REQUIRED'],
      ['Basic abc', 'AUTH_REQUIRED'],
      ['Bearer not.a.token', 'AUTH_TOKEN_INVALID'],
      [`Bearer ${good.slice(0, -3)}abc`, 'AUTH_TOKEN_INVALID'],
    ];
    for (const [header, code] of cases) {
      const req = t.http.get('/api/auth/me');
      if (header) req.set('Authorization', header);
      const res = await req;
      assert.equal(res.status, 401, String(header));
      assert.equal(res.body.code, code);
    }
  });

  it('logout ends that session at once', async () => {
    const token = (await login('gialai').expect(200)).body.accessToken;
    await t.http.get('/api/auth/me').auth(token, { type: 'bearer' }).expect(200);
    await t.http.post('/api/auth/logout').auth(token, { type: 'bearer' }).expect(204);
    const res = await t.http.get('/api/auth/me').auth(token, { type: 'bearer' }).expect(401);
    assert.equal(res.body.code, 'AUTH_SESSION_ENDED');
  });

  it('an expired session is refused', async () => {
    const token = (await login('gialai').expect(200)).body.accessToken;
    await t.dataSource.query(`UPDATE sessions SET expires_at = ${ph(1)} WHERE revoked_at IS NULL`, ['2000-01-01T00:00:00.000Z']);
    await t.http.get('/api/auth/me').auth(token, { type: 'bearer' }).expect(401);
  });

  it('changing the password ends every other session and issues a new token', async () => {
    const first = (await login('phuyen').expect(200)).body.accessToken;
    const second = (await login('phuyen').expect(200)).body.accessToken;
    const weak = await t.http.post('/api/auth/password').auth(first, { type: 'bearer' }).send({ currentPassword: DEMO_PASSWORD, newPassword: 'short' });
    assert.equal(weak.status, 400);
    assert.equal(weak.body.details[0].field, 'newPassword');
    const wrong = await t.http.post('/api/auth/password').auth(first, { type: 'bearer' }).send({ currentPassword: 'Wrong@2026', newPassword: 'Mat-Khau-Moi-2026' });
    assert.equal(wrong.status, 422);
    assert.equal(wrong.body.code, 'AUTH_WRONG_CURRENT_PASSWORD');
    // A right one clears the count (the change below succeeds after two misses); past the limit (3 here) the account's
    // own checks answer 429 without checking, as sign-in does (security review).
    await t.http.post('/api/auth/password').auth(first, { type: 'bearer' }).send({ currentPassword: 'Wrong@2027', newPassword: 'Mat-Khau-Moi-2026' }).expect(422);

    const changed = await t.http
      .post('/api/auth/password')
      .auth(first, { type: 'bearer' })
      .send({ currentPassword: DEMO_PASSWORD, newPassword: 'Mat-Khau-Moi-2026' })
      .expect(200);
    for (const old of [first, second]) await t.http.get('/api/auth/me').auth(old, { type: 'bearer' }).expect(401);
    await t.http.get('/api/auth/me').auth(changed.body.accessToken, { type: 'bearer' }).expect(200);
    await login('phuyen').expect(401);
    await login('phuyen', 'Mat-Khau-Moi-2026').expect(200);
    // The right answer above cleared the two misses: two more (four in the window, over the limit of 3 had they
    // stayed) and the right one still goes through.
    const now = changed.body.accessToken as string;
    for (const wrongAgain of ['Sai@2028-mot', 'Sai@2028-hai']) await t.http.post('/api/auth/password').auth(now, { type: 'bearer' }).send({ currentPassword: wrongAgain, newPassword: DEMO_PASSWORD }).expect(422);
    await t.http.post('/api/auth/password').auth(now, { type: 'bearer' }).send({ currentPassword: 'Mat-Khau-Moi-2026', newPassword: 'Mat-Khau-Khac-2026' }).expect(200);
  });

  it('disabling a user ends their sessions at once and stops new logins', async () => {
    const admin = await t.token('admin');
    const token = (await login('daklak').expect(200)).body.accessToken;
    const userId = await ids.user('daklak');
    const current = await t.http.get(`/api/users/${userId}`).auth(admin, { type: 'bearer' }).expect(200);
    assert.equal(current.body.passwordHash, undefined, 'never exposes the hash');
    await t.http
      .patch(`/api/users/${userId}`)
      .auth(admin, { type: 'bearer' })
      .send({ version: current.body.version, active: false, reason: 'Cán bộ chuyển công tác' })
      .expect(200);
    await t.http.get('/api/auth/me').auth(token, { type: 'bearer' }).expect(401);
    await login('daklak').expect(401);
  });

  it('an admin creates an account with a scope that fits its role, and resets its password', async () => {
    const admin = await t.token('admin');
    const mismatch = await t.http
      .post('/api/users')
      .auth(admin, { type: 'bearer' })
      .send({ username: 'new.officer', fullName: 'Trần Thị Bình', role: 'unit_officer', password: 'Bat-Dau-Lam-Viec-2026' });
    assert.equal(mismatch.status, 422);
    assert.equal(mismatch.body.code, 'INVALID_ROLE_SCOPE');
    assert.equal(mismatch.body.details[0].field, 'unitId');
    // With other mistakes in the form, the one answer names the missing scope as well, at its own field.
    const both = await t.http
      .post('/api/users')
      .auth(admin, { type: 'bearer' })
      .send({ username: 'New Officer', fullName: 'Trần Thị Bình', role: 'unit_officer', password: 'Bat-Dau-Lam-Viec-2026', organizerId: ids.ministry });
    assert.equal(both.status, 400);
    assert.deepEqual(
      both.body.details.map((d: { field: string; message: string }) => [d.field, d.message]),
      [
        ['username', 'Tên đăng nhập gồm 3–50 ký tự: chữ thường không dấu, số, dấu chấm, gạch ngang hoặc gạch dưới.'],
        ['unitId', 'Cán bộ đơn vị phải thuộc một đơn vị thành viên.'],
        ['organizerId', 'Cán bộ đơn vị không gắn với cơ quan tổ chức.'],
      ],
    );

    const organizerAsUnit = await t.http
      .post('/api/users')
      .auth(admin, { type: 'bearer' })
      .send({ username: 'new.officer', fullName: 'Trần Thị Bình', role: 'unit_officer', password: 'Bat-Dau-Lam-Viec-2026', unitId: ids.ministry });
    assert.equal(organizerAsUnit.status, 422);
    assert.equal(organizerAsUnit.body.details[0].field, 'unitId');

    const created = await t.http
      .post('/api/users')
      .auth(admin, { type: 'bearer' })
      .send({ username: 'new.officer', fullName: 'Trần Thị Bình', role: 'unit_officer', password: 'Bat-Dau-Lam-Viec-2026', unitId: ids.gialai })
      .expect(201);
    assert.equal(created.body.fullName, 'Trần Thị Bình');
    const dup = await t.http
      .post('/api/users')
      .auth(admin, { type: 'bearer' })
      .send({ username: 'new.officer', fullName: 'X', role: 'unit_officer', password: 'Bat-Dau-Lam-Viec-2026', unitId: ids.gialai });
    assert.equal(dup.status, 409);
    assert.equal(dup.body.details[0].field, 'username');

    const session = (await login('new.officer', 'Bat-Dau-Lam-Viec-2026').expect(200)).body.accessToken;
    await t.http
      .post(`/api/users/${created.body.id}/password`)
      .auth(admin, { type: 'bearer' })
      .send({ newPassword: 'Dat-Lai-Mat-Khau-2026', reason: 'Người dùng quên mật khẩu' })
      .expect(204);
    await t.http.get('/api/auth/me').auth(session, { type: 'bearer' }).expect(401);
    await login('new.officer', 'Dat-Lai-Mat-Khau-2026').expect(200);
  });

  it('account administration is for admins only', async () => {
    for (const user of ['reviewer', 'cum6.secretary', 'lamdong']) {
      const res = await t.http.get('/api/users').auth(await t.token(user), { type: 'bearer' });
      assert.equal(res.status, 403, user);
      assert.equal(res.body.code, 'FORBIDDEN');
    }
  });

  it('guessing the current password of a signed-in account is throttled like sign-in: 429 past the limit, nothing checked', async () => {
    const token = (await login('cum1.secretary').expect(200)).body.accessToken;
    const guess = (password: string) => t.http.post('/api/auth/password').auth(token, { type: 'bearer' }).send({ currentPassword: password, newPassword: 'Mat-Khau-Moi-2026' });
    for (let i = 0; i < 3; i++) assert.equal((await guess(`Sai@Mat-khau-${i}`)).status, 422);
    const blocked = await guess(DEMO_PASSWORD);
    assert.equal(blocked.status, 429, 'even the right password is not checked while blocked');
    assert.ok(Number(blocked.headers['retry-after']) > 0);
    assert.match(blocked.body.message, /Nhập sai mật khẩu hoặc mã xác thực quá nhiều lần/);
    await login('cum1.secretary').expect(200);
  });

  it('checks of the second factor are throttled the same way: enabling, new recovery codes, turning it off', async () => {
    const mfa = (token: string, path: string, body: Record<string, unknown>) => t.http.post(`/api/auth/mfa/${path}`).auth(token, { type: 'bearer' }).send(body);
    const refusedUnchecked = (res: { status: number; body: { message: string }; headers: Record<string, string> }, what: string) => {
      assert.equal(res.status, 429, `${what}: the right answer is not checked while blocked`);
      assert.ok(Number(res.headers['retry-after']) > 0, what);
      assert.match(res.body.message, /Nhập sai mật khẩu hoặc mã xác thực quá nhiều lần/, what);
    };

    // Enabling: three wrong codes, then the right one is not checked and the factor stays off.
    const khanhhoa = (await login('skhcn.khanhhoa').expect(200)).body.accessToken;
    const pending = await t.http.post('/api/auth/mfa/setup').auth(khanhhoa, { type: 'bearer' }).expect(200);
    for (let i = 0; i < 3; i++) assert.equal((await mfa(khanhhoa, 'enable', { code: `00000${i}` })).status, 401);
    refusedUnchecked(await mfa(khanhhoa, 'enable', { code: totpCode(pending.body.secret) }), 'enable');
    assert.equal((await t.http.get('/api/auth/mfa').auth(khanhhoa, { type: 'bearer' }).expect(200)).body.enabled, false);

    // New recovery codes and turning the factor off share the account's count.
    const quangngai = (await login('skhcn.quangngai').expect(200)).body.accessToken;
    const setup = await t.http.post('/api/auth/mfa/setup').auth(quangngai, { type: 'bearer' }).expect(200);
    await awayFromTotpStepEnd();
    const enabled = await mfa(quangngai, 'enable', { code: totpCode(setup.body.secret, Date.now() - 30_000) }).expect(200);
    const [userRow] = await t.dataSource.query(`SELECT id FROM users WHERE username = ${ph(1)}`, ['skhcn.quangngai']);
    const codesBefore = await t.dataSource.query(`SELECT code_hash FROM mfa_recovery_codes WHERE user_id = ${ph(1)} ORDER BY code_hash`, [userRow.id]);
    for (let i = 0; i < 2; i++) assert.equal((await mfa(quangngai, 'recovery-codes', { code: `11111${i}` })).status, 401);
    assert.equal((await mfa(quangngai, 'disable', { password: 'Sai@Mat-khau-2026', code: totpCode(setup.body.secret) })).status, 422);
    refusedUnchecked(await mfa(quangngai, 'recovery-codes', { code: totpCode(setup.body.secret) }), 'recovery codes');
    refusedUnchecked(await mfa(quangngai, 'disable', { password: DEMO_PASSWORD, code: enabled.body.recoveryCodes[0] }), 'disable');
    assert.equal((await t.http.get('/api/auth/mfa').auth(quangngai, { type: 'bearer' }).expect(200)).body.enabled, true, 'still on');
    assert.deepEqual(await t.dataSource.query(`SELECT code_hash FROM mfa_recovery_codes WHERE user_id = ${ph(1)} ORDER BY code_hash`, [userRow.id]), codesBefore, 'the recovery codes are unchanged');
  });
});
