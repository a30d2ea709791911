import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TEST_DB, TestApp, demoIds, publishResults, startTestApp } from '../support/test-app';
import { todayInVietnam } from '../../src/common/time';
import { demoYearOn } from '../../src/database/seed/seed-helpers';

/**
 * The pages lead somewhere: a link a page shows opens for the account that sees it, a list goes on past its first
 * page, a cluster that ended points to the one that continues it, and a wrong address names its field as the page's
 * form labels it. Found by a new user trying the demo (session 21's helper).
 */
describe(`page links and page errors (${TEST_DB})`, () => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof demoIds>>;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  // The demo's year under way (its dates follow today).
  const year = demoYearOn(todayInVietnam());
  const get = async (user: string, path: string) => t.http.get(path).set(auth(await t.token(user))).set('Accept', 'text/html');

  before(async () => {
    t = await startTestApp({ SEED_DEMO_SCENARIO: 'true' });
    ids = await demoIds(t);
  });
  after(() => t.close());

  it('a unit page links only the units the account may open; the others are named without a link', async () => {
    const lineage = [ids.daklak, ...(await t.dataSource.query(`SELECT id FROM units WHERE code IN ('SKHCN-DAKLAK', 'SKHCN63-DAKLAK')`)).map((r: { id: string }) => r.id)];
    let unlinked = 0;
    for (const user of ['cum6.secretary', 'skhcn.daklak', 'skhcn.gialai', 'reviewer']) {
      for (const id of lineage) {
        const res = await get(user, `/don-vi/${id}`);
        if (res.status !== 200) continue; // outside the account's scope
        for (const [, linked] of res.text.matchAll(/href="\/don-vi\/([0-9a-f-]{36})"/g)) {
          assert.equal((await get(user, `/don-vi/${linked}`)).status, 200, `${user}: /don-vi/${id} links /don-vi/${linked}`);
        }
        if (/<li>Sở Khoa học và Công nghệ tỉnh Đắk Lắk <small/.test(res.text)) unlinked++;
      }
    }
    assert.ok(unlinked > 0, 'an interim unit outside the scope is still named, without a link');
  });

  it('every page of a cluster-year the cluster never opened answers 404 as the year’s page does; a malformed year 400', async () => {
    const pages = ['', '/xep-hang', '/binh-xet', '/giao-uoc', '/tieu-chi', '/cham-diem', '/giai-trinh', '/ket-qua-tieu-chi', '/cach-tinh-diem', `/bo-phieu/${ids.cum6}`];
    for (const user of ['cum6.secretary', 'admin']) {
      for (const path of pages) {
        const res = await get(user, `/cum/${ids.cum6}/nam/2031${path}`);
        assert.equal(res.status, 404, `${user} ${path}`);
        assert.ok(res.text.includes('Không tìm thấy năm thi đua 2031 của cụm này.'), `${user} ${path}`);
      }
    }
    // Opened years still answer (2019 of Bộ TTTT's Cụm 6), and a year outside 2000–2100 is the route's 400.
    for (const path of pages.slice(0, -1)) assert.equal((await get('admin', `/cum/${ids.cum6}/nam/2019${path}`)).status, 200, path);
    const malformed = await get('admin', `/cum/${ids.cum6}/nam/1999/xep-hang`);
    assert.equal(malformed.status, 400);
    assert.ok(malformed.text.includes('Năm phải là số nguyên từ 2000 đến 2100.'));
  });

  it('an address no page has: the signed-in person’s 404 page, a visitor’s signed-out one, JSON for the API', async () => {
    const signedIn = await get('cum6.secretary', '/trang-khong-co');
    assert.equal(signedIn.status, 404);
    assert.match(signedIn.text, /<h1>Không tìm thấy trang<\/h1>/);
    assert.match(signedIn.text, /<strong>Thư ký Cụm thi đua số 6[^<]*<\/strong>/, 'the header names the person');
    assert.ok(signedIn.text.includes('>Đăng xuất</button>'));
    assert.match(signedIn.text, /<meta name="csrf-token" content="[^"]+">/, 'with its CSRF token, sign-out works');
    for (const res of [await t.http.get('/trang-khong-co').set('Accept', 'text/html'), await t.http.get('/trang-khong-co').set('Accept', 'text/html').set(auth('not-a-token'))]) {
      assert.equal(res.status, 404);
      assert.ok(res.text.includes('<a href="/dang-nhap">Đăng nhập</a>') && !res.text.includes('Đăng xuất'), 'a visitor’s page');
    }
    const api = await t.http.get('/api/khong-co').set(auth(await t.token('cum6.secretary'))).expect(404);
    assert.equal(api.body.code, 'ROUTE_NOT_FOUND');
  });

  it('the sign-in page suggests demo accounts that can work, with their roles (not the merged, read-only Sở TTTT ones)', async () => {
    const page = await t.http.get('/dang-nhap').set('Accept', 'text/html').expect(200);
    const names = [...page.text.matchAll(/<code>([a-z0-9.]+)<\/code>/g)].map((x) => x[1]);
    assert.deepEqual(names, ['cum6.secretary', 'skhcn.daklak', 'reviewer']);
    assert.ok(page.text.includes('<code>skhcn.daklak</code> (đơn vị thành viên)'));
    // Each signs in (the reviewer with its one-time code) and the unit officer's unit is still active.
    for (const name of names) assert.ok(await t.token(name), name);
    const [unit] = await t.dataSource.query("SELECT active_to FROM units WHERE code = 'SKHCN-DAKLAK'");
    assert.equal(unit.active_to, null, 'a unit that still acts');
  });

  it('a document’s page names who issued it, a cluster or a ministry, as "Đơn vị ban hành"', async () => {
    const docs: Array<{ id: string; issuer_name: string; cluster_id: string | null; organizer_short: string | null }> = await t.dataSource.query(
      'SELECT d.id, d.issuer_name, d.cluster_id, o.short_name AS organizer_short FROM issued_documents d LEFT JOIN clusters c ON c.id = d.cluster_id LEFT JOIN units o ON o.id = c.organizer_id WHERE d.issuer_name IS NOT NULL ORDER BY d.issued_at',
    );
    const byMinistry = docs.find((d) => d.cluster_id === null);
    const byCluster = docs.find((d) => d.cluster_id !== null);
    assert.ok(byCluster, 'the demo issued a cluster’s document');
    for (const d of [byCluster!, ...(byMinistry ? [byMinistry] : [])]) {
      const page = await t.http.get(`/xac-thuc/${d.id}`).set('Accept', 'text/html').expect(200);
      // A cluster is named with its organiser (two organisers may each have a "Cụm thi đua số 6").
      const issuer = d.cluster_id ? `${d.issuer_name} – ${d.organizer_short}` : d.issuer_name;
      assert.ok(page.text.includes(`<dt>Đơn vị ban hành</dt><dd class="">${issuer.replace(/&/g, '&amp;')}</dd>`), issuer);
      assert.ok(!page.text.includes('<dt>Cụm thi đua</dt>'));
    }
  });

  it('a page of another role says whom it is for and what the account is, in the page and in the API', async () => {
    const page = await get('cum6.secretary', '/hoi-dong');
    assert.equal(page.status, 403);
    assert.ok(page.text.includes('Chức năng này dành cho Quản trị hệ thống, Cán bộ thẩm định của Bộ; tài khoản của bạn là Thư ký cụm thi đua.'), page.text.slice(0, 2000));
    assert.ok(!page.text.includes('không có quyền thực hiện thao tác này'));
    const api = await t.http.get('/api/users').set(auth(await t.token('cum6.secretary'))).expect(403);
    assert.match(api.body.message, /^Chức năng này dành cho Quản trị hệ thống; tài khoản của bạn là Thư ký cụm thi đua\.$/);
  });

  it('a unit page links a cluster-year only where that year was opened, else the cluster', async () => {
    let checked = 0;
    for (const code of ['SKHCN-CANTHO', 'STTTT-DAKLAK', 'SKHCN-DAKLAK']) {
      const html = (await get('admin', `/don-vi/${await ids.unit(code)}`)).text;
      for (const [, href] of html.matchAll(/href="(\/cum\/[0-9a-f-]{36}(?:\/nam\/\d{4})?)"/g)) {
        assert.equal((await get('admin', href)).status, 200, `${code}: ${href}`);
        checked++;
      }
    }
    assert.ok(checked >= 5, `links checked: ${checked}`);
  });

  it('the units page goes on past its first page, keeping its filter', async () => {
    const first = await get('admin', '/don-vi?kind=MEMBER&limit=40');
    assert.equal(first.status, 200);
    const total = Number(/(\d+) đơn vị; hiển thị từ 1 đến 40/.exec(first.text)?.[1]);
    assert.ok(total > 80, `more members than two pages: ${total}`);
    const next = /href="(\/don-vi\?[^"]+)" rel="next"/.exec(first.text)?.[1]?.replaceAll('&amp;', '&');
    assert.equal(next, '/don-vi?kind=MEMBER&limit=40&offset=40');
    const last = await get('admin', '/don-vi?kind=MEMBER&limit=40&offset=80');
    assert.equal(last.status, 200);
    assert.ok(last.text.includes(`${total} đơn vị; hiển thị từ 81 đến ${total}`), 'the rest');
    assert.match(last.text, /href="\/don-vi\?kind=MEMBER&amp;limit=40&amp;offset=40" rel="prev"/);
    assert.doesNotMatch(last.text, /rel="next"/);
    const rows = (text: string) => [...text.matchAll(/<tr><th scope="row"><a href="\/don-vi\/([0-9a-f-]{36})"/g)].map((m) => m[1]);
    assert.equal(new Set([...rows(first.text), ...rows(last.text)]).size, 40 + total - 80, 'no unit on both pages');
  });

  it('a cluster that ended forecasts no chairs and points to the cluster that continues it', async () => {
    const preview = await t.http.get(`/api/clusters/${ids.cum6}/rotation/preview`).set(auth(await t.token('admin')));
    assert.equal(preview.status, 422, JSON.stringify(preview.body));
    assert.equal(preview.body.message, 'Cụm đã kết thúc với năm 2024, được tiếp nối bởi Cụm thi đua số 6 – Bộ Khoa học và Công nghệ: dự kiến luân phiên xem ở cụm đó.');
    const html = (await get('cum6.secretary', `/cum/${ids.cum6}`)).text;
    assert.ok(html.includes('dự kiến luân phiên xem ở cụm đó'));
    const successor = (await t.dataSource.query(`SELECT id FROM clusters WHERE predecessor_id = '${ids.cum6}'`))[0].id as string;
    const next = await t.http.get(`/api/clusters/${successor}/rotation/preview`).set(auth(await t.token('admin'))).expect(200);
    assert.ok(next.body.steps.length > 0 && next.body.steps[0].year >= 2025, 'the successor forecasts');
  });

  it('a cluster whose members end without successors forecasts no year they cannot serve to its end', async () => {
    // Nghệ An's Cụm 1 of district offices (Phòng VH&TT), abolished on 30/06/2025: 2024 only, not 2025–2028.
    const res = await t.http.get(`/api/clusters/${ids.naCum1}/rotation/preview?years=5`).set(auth(await t.token('admin'))).expect(200);
    assert.deepEqual(res.body.steps.map((s: { year: number }) => s.year), [2024]);
    // After 2024 no year is left: said so, with the day the last member ended, and no successor cluster to point to.
    const after = await t.http.get(`/api/clusters/${ids.naCum1}/rotation/preview?years=5&fromYear=2024`).set(auth(await t.token('admin')));
    assert.equal(after.status, 422, JSON.stringify(after.body));
    assert.match(after.body.message, /kết thúc hoạt động \(muộn nhất ngày 30\/06\/2025\) và không có đơn vị kế thừa trong cụm: không còn năm nào để dự kiến luân phiên\.$/);
  });

  it('a cluster without an opened year does not link a year page', async () => {
    const cum1 = (await t.dataSource.query(`SELECT id FROM clusters WHERE predecessor_id = '${ids.cum1}'`))[0].id as string;
    const html = (await get('admin', `/cum/${cum1}`)).text;
    assert.doesNotMatch(html, new RegExp(`/cum/${cum1}/nam/`), 'no link to a year');
    assert.ok(html.includes('Cụm chưa mở năm thi đua nào trên hệ thống'), 'says so');
    assert.ok(html.includes('href="#h-open"'), 'and where to open one');
  });

  it('"Giải trình điểm" of a unit that succeeded several members of the year: a picker, the first by default', async () => {
    const path = `/cum/${ids.cum6}/nam/2020/giai-trinh`;
    const first = await get('skhcn.daklak', path);
    assert.equal(first.status, 200, 'not a 422 asking for a unitId');
    const options = [...first.text.matchAll(/<option value="([0-9a-f-]{36})"[^>]*>([^<]+)/g)].map((m) => [m[1], m[2]]);
    assert.deepEqual(options.map(([, name]) => name).sort(), ['Sở Thông tin và Truyền thông tỉnh Đắk Lắk', 'Sở Thông tin và Truyền thông tỉnh Phú Yên'].sort());
    assert.ok(first.text.includes('Điểm tạm thời theo tiêu chí: Sở Thông tin và Truyền thông tỉnh Đắk Lắk'), 'the first, named');
    const phuYen = options.find(([, name]) => name.endsWith('Phú Yên'))![0];
    const second = await get('skhcn.daklak', `${path}?donVi=${phuYen}`);
    assert.ok(second.text.includes('Điểm tạm thời theo tiêu chí: Sở Thông tin và Truyền thông tỉnh Phú Yên'), 'the one chosen');
    assert.doesNotMatch((await get('cum6.secretary', path)).text, /name="donVi"/, 'the secretariat answers for all: no picker');
  });

  it('a scoring page the account may only read offers no template it would be refused', async () => {
    const c6 = (await t.dataSource.query(`SELECT id FROM clusters WHERE predecessor_id = '${ids.cum6}'`))[0].id as string;
    for (const [cluster, y] of [[c6, year - 1], [ids.cum6, 2019]] as const) {
      const html = (await get('cum6.secretary', `/cum/${cluster}/nam/${y}/cham-diem`)).text;
      assert.ok(html.includes('Bạn chỉ được xem') || /Kết quả chấm điểm năm \d{4} đã được công bố ngày \d{2}\/\d{2}\/\d{4}: phiếu chấm không sửa, không nộp thêm được\./.test(html), `${y}: read-only`);
      assert.doesNotMatch(html, /Tải mẫu phiếu chấm/, `${y}: no template link`);
    }
  });

  it('publishing before the scoring deadline asks with the deadline in the question (helper-90)', async () => {
    const c6 = (await t.dataSource.query(`SELECT id FROM clusters WHERE predecessor_id = '${ids.cum6}'`))[0].id as string;
    const html = (await get('cum6.secretary', `/cum/${c6}/nam/${year}/xep-hang`)).text;
    const closes = /data-testid="scoring-window-open">Thời hạn chấm điểm đến (\d{2}\/\d{2}\/\d{4}) chưa hết/.exec(html)?.[1];
    assert.ok(closes, 'the demo year is still being scored');
    assert.ok(html.includes(`data-confirm="Thời hạn chấm điểm đến ${closes} chưa hết: công bố bây giờ thì các đơn vị không nộp, sửa phiếu được nữa. Khóa mọi phiếu chấm và công bố kết quả?"`));
  });

  it('a published year’s scoring page offers nothing to do to a member that had sheets left (helper-90)', async () => {
    const c6 = (await t.dataSource.query(`SELECT id FROM clusters WHERE predecessor_id = '${ids.cum6}'`))[0].id as string;
    const html = (await get('skhcn.daklak', `/cum/${c6}/nam/${year - 1}/cham-diem?loai=PEER`)).text;
    assert.match(html, /Kết quả chấm điểm năm \d{4} đã được công bố ngày/);
    for (const offered of [/data-action="submit"/, /data-action="save"/, /Tải mẫu phiếu chấm/, /Tải minh chứng lên/, /Bộ tiêu chí năm \d{4} chưa khóa/]) assert.doesNotMatch(html, offered, String(offered));
  });

  it('the reviewer’s queue shows what waits for the ministry first, then what was returned, then what was decided', async () => {
    const html = (await get('reviewer', '/tham-dinh')).text;
    const rank: Record<string, number> = { 'Đã gửi Bộ': 0, 'Đang thẩm định': 0, 'Trả lại để bổ sung': 1, 'Dự thảo': 2, 'Đã phê duyệt': 3, 'Không phê duyệt': 3 };
    const statuses = [...html.matchAll(/data-label="Trạng thái"><span class="badge \w+">([^<]+)/g)].map((m) => m[1]);
    assert.ok(statuses.length > 5 && statuses[0] === 'Đã gửi Bộ', statuses.join(', '));
    assert.deepEqual(statuses.map((x) => rank[x]), [...statuses.map((x) => rank[x])].sort((a, b) => a - b), statuses.join(', '));
    assert.match(html, /hôm nay/, 'a proposal sent today says so');
  });

  it('the secretariat’s dashboard sends it to the page of the members’ sheets, counting what that page lists', async () => {
    const html = (await get('cum6.secretary', '/')).text;
    const tasks = [...html.matchAll(/<a href="([^"]+)">(Theo dõi phiếu (?:chưa nộp|bị trả lại)[^<]*)<\/a>/g)];
    assert.ok(tasks.length > 0, 'a sheet to follow');
    // One line per year for the units that still owe sheets (self-scores and the peer sheets assigned, begun or not).
    const c6 = (await t.dataSource.query(`SELECT id FROM clusters WHERE predecessor_id = '${ids.cum6}'`))[0].id as string;
    const line = new RegExp(`Theo dõi phiếu chưa nộp năm ${year}: còn (\\d+) đơn vị chưa nộp đủ phiếu tự chấm, chấm chéo</a> <span class="muted">— (.+?)(?:; hạn|</span>)`).exec(html);
    assert.ok(line, 'the year’s line');
    const listed = (await get('cum6.secretary', `/cum/${c6}/nam/${year}/phieu-don-vi`)).text;
    const owing = /Đơn vị còn phiếu chưa nộp \((\d+)\)/.exec(listed);
    assert.ok(owing, 'the page lists the units that owe sheets');
    assert.equal(line[1], owing[1], 'the dashboard counts what the page lists');
    assert.equal(line[2].split(', ').length, Number(line[1]));
    for (const [, href, label] of tasks) {
      assert.match(href, /^\/cum\/[0-9a-f-]{36}\/nam\/\d{4}\/phieu-don-vi$/, `${label}: ${href}`);
      assert.equal((await get('cum6.secretary', href)).status, 200);
    }
  });

  it('the dashboard’s coming dates leave out the steps already done: the results published, the meeting held', async () => {
    const c6 = (await t.dataSource.query(`SELECT id FROM clusters WHERE predecessor_id = '${ids.cum6}'`))[0].id as string;
    const admin = await t.token('admin');
    const secretary = await t.token('cum6.secretary');
    const coming = async () => {
      const html = (await get('cum6.secretary', '/')).text;
      const section = html.slice(html.indexOf('id="h-deadlines"'), html.indexOf('id="h-clusters"'));
      return [...section.matchAll(/<a href="[^"]+">([^<]+) \(Cụm thi đua số 6\)<\/a>/g)].map((m) => m[1]);
    };
    // Last year met early this year: its meeting moved into the coming week is no longer ahead; its dossier deadline is.
    const ahead = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
    const years = (await t.http.get(`/api/clusters/${c6}/years`).set(auth(admin)).expect(200)).body as Array<{ year: number; version: number }>;
    await t.http.patch(`/api/clusters/${c6}/years/${year - 1}`).set(auth(admin)).send({ reviewMeetingOn: ahead(6), proposalDeadline: ahead(7), version: years.find((y) => y.year === year - 1)!.version, reason: 'Thử lịch' }).expect(200);
    let dates = await coming();
    assert.deepEqual(dates.filter((x) => x.endsWith(`năm ${year - 1}`)), [`Hạn gửi hồ sơ đề nghị khen thưởng năm ${year - 1}`], dates.join('; '));
    // This year is still being scored; published before its closing date, the closing date is no longer ahead.
    assert.ok(dates.includes(`Ngày kết thúc chấm điểm năm ${year}`), dates.join('; '));
    await publishResults(t, secretary, c6, year);
    dates = await coming();
    assert.ok(!dates.includes(`Ngày kết thúc chấm điểm năm ${year}`), dates.join('; '));
    assert.ok(dates.includes(`Ngày họp bình xét năm ${year}`), `the meeting not held yet stays: ${dates.join('; ')}`);
  });

  it('a re-entered year shows when its Tờ trình was issued, not only the day its sending was recorded', async () => {
    const today = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
    const queue = await get('reviewer', '/tham-dinh?nam=2019');
    assert.ok(queue.text.includes(`10/03/2020<br><small class="muted">tờ trình số 01/TTr-CTĐ6; ghi nhận trên hệ thống ngày ${today}</small>`), queue.text.slice(queue.text.indexOf('data-label="Ngày gửi"'), queue.text.indexOf('data-label="Gửi Bộ"') + 300));
    assert.ok(queue.text.includes('<small class="muted">Quyết định số 01/QĐ-BTTTT (minh họa) ngày 15/04/2020</small>'), 'a decided proposal of a re-entered year shows its decision, not the day it was recorded');
    const sent = (await t.http.get('/api/proposals?year=2019').set(auth(await t.token('reviewer'))).expect(200)).body.find((x: { submittedAt: string | null }) => x.submittedAt);
    const dossier = await get('reviewer', `/tham-dinh/${sent.id}`);
    assert.ok(dossier.text.includes(`Gửi Bộ kèm tờ trình số 01/TTr-CTĐ6 ngày 10/03/2020 (ghi nhận trên hệ thống ngày ${today})`));
    // A rating "chưa ghi nhận" is explained: it is the basis of the two-year Bằng khen only, not of a Cờ.
    assert.ok(dossier.text.includes('Cờ thi đua và Bằng khen theo chỉ tiêu của cụm được hệ thống xét theo kết quả chấm điểm, bình xét của cụm, không theo xếp loại này'));
  });

  it('a wrong address on a page names the field as the page labels it, once', async () => {
    const res = await get('reviewer', '/tham-dinh?year=abc');
    assert.equal(res.status, 400);
    assert.ok(res.text.includes('Năm thi đua: Phải là số nguyên.'), 'the field and what is wrong');
    assert.doesNotMatch(res.text, /2100/, 'not its range besides');
    // The cluster pages name the year `nam` in their addresses; the queue reads it too (`year` wins when both are given).
    const nam = await get('reviewer', '/tham-dinh?nam=2019');
    assert.equal(nam.status, 200);
    assert.match(nam.text, /id="q-year" name="year"[^>]*value="2019"/);
    assert.match((await get('reviewer', '/tham-dinh?nam=2019&year=2025')).text, /id="q-year" name="year"[^>]*value="2025"/);
    assert.ok((await get('reviewer', '/tham-dinh?nam=abc')).text.includes('Năm thi đua: Phải là số nguyên.'));
    // A date: the page asks for dd/mm/yyyy as its fields are typed; the API states its own form.
    const date = await get('admin', '/nhat-ky?from=2026-13-45');
    assert.equal(date.status, 400);
    assert.ok(date.text.includes('Từ ngày: Phải là ngày hợp lệ, dạng dd/mm/yyyy (ví dụ 15/03/2026).'), 'the page’s form of a date');
    // The way back keeps the filters that were right, and no machine code is shown to the person.
    const mixed = await get('admin', '/nhat-ky?action=user.update&from=2026-13-45');
    assert.ok(mixed.text.includes('<a href="/nhat-ky?action=user.update">Mở lại trang, bỏ bộ lọc sai</a>'), 'the page without the wrong filter');
    assert.equal((await get('admin', '/nhat-ky?action=user.update')).status, 200);
    assert.doesNotMatch(mixed.text, /VALIDATION_FAILED|Mã lỗi/);
    const api = await t.http.get('/api/audit?from=2026-13-45').set(auth(await t.token('admin'))).expect(400);
    assert.equal(api.body.details[0].message, 'Phải là ngày hợp lệ, dạng YYYY-MM-DD (ví dụ 2026-03-15).');
    const path = await get('reviewer', '/tham-dinh/abc');
    // A malformed object code in the path: no object has it, so no page (404), said in the page's words.
    assert.equal(path.status, 404);
    assert.ok(path.text.includes('Không có trang nào ở địa chỉ /tham-dinh/abc: mã trong địa chỉ bị sai hoặc thiếu ký tự. Hãy mở trang từ một liên kết thay vì gõ địa chỉ.'), path.text);
    assert.match(path.text, /<h1>Không tìm thấy trang<\/h1>/);
    assert.doesNotMatch(path.text, /UUID|Dữ liệu gửi lên/, 'no machine word, nothing was sent');
    const year = await get('reviewer', `/cum/${ids.cum6}/nam/20x6`);
    assert.ok(year.text.includes('Địa chỉ trang không đúng: Năm phải là số nguyên từ 2000 đến 2100.'), year.text);
    assert.ok(res.text.includes('Bộ lọc trong địa chỉ trang không hợp lệ. Năm thi đua: Phải là số nguyên.'));
    // A refusal with words of its own keeps them; a filter's code says what it is, not "UUID".
    const kind = await get('cum6.secretary', `/cum/${ids.cum6}/nam/2019/cham-diem?loai=XYZ`);
    assert.equal(kind.status, 400);
    assert.ok(kind.text.includes('Loại phiếu &quot;XYZ&quot; không hợp lệ.') || kind.text.includes('Loại phiếu "XYZ" không hợp lệ.'), kind.text.slice(kind.text.indexOf('<main'), kind.text.indexOf('<main') + 600));
    const cluster = await get('reviewer', '/tham-dinh?clusterId=abc');
    assert.ok(cluster.text.includes('Cụm thi đua: mã trong địa chỉ bị sai hoặc thiếu ký tự.'), cluster.text.slice(cluster.text.indexOf('<main'), cluster.text.indexOf('<main') + 600));
    assert.doesNotMatch(cluster.text, /UUID/);
  });
});
