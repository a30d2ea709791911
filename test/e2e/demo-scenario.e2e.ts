import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addDays, formatDateVi, todayInVietnam } from '../../src/common/time';
import ExcelJS from 'exceljs';
import { IN_PROCESS_ONLY, TEST_DB, TestApp, binary, demoIds, ph, startTestApp } from '../support/test-app';
import { assertSaveRoundTrips, sentQueries } from '../support/round-trips';
import { SOFTHSM_MISSING } from '../support/pades-tools';
import { POPPLER_MISSING, pdftotext, squash, tempFile } from '../support/pdf-tools';
import { placeDateLine } from '../../src/documents/pdf/vietnamese-dates';
import { demoYearOn } from '../../src/database/seed/seed-helpers';

/** The demo puts one unit on SoftHSM2 only on SQLite (a token directory is one machine's) and when it is installed. */
const TOKEN_EXPECTED = TEST_DB === 'sqlite' && !SOFTHSM_MISSING;

/**
 * The living demo of a fresh start (issue 16): dates from today, the successors' accounts, this year's scoring open,
 * last year's proposals under review with one returned, and the 2019 outcome in the award history of the successors.
 */
describe(`the demo is alive on the day it starts (${TEST_DB})`, () => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof demoIds>>;
  const today = todayInVietnam();
  const year = demoYearOn(today);
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  let c6: string;

  before(async () => {
    t = await startTestApp({ SEED_DEMO_SCENARIO: 'true' });
    ids = await demoIds(t);
    const clusters = (await t.http.get('/api/clusters').set(auth(await t.token('skhcn.daklak'))).expect(200)).body as Array<{ id: string; organizerId: string; number: number }>;
    c6 = clusters.find((c) => c.organizerId === ids.successorMinistry && c.number === 6)!.id;
  });
  after(() => t.close());

  const page = async (user: string, path = '/') => (await t.http.get(path).set(auth(await t.token(user))).set('Accept', 'text/html').expect(200)).text;

  it('last year’s results its proposals rest on stay as they were: no ballot session of a sent award opens; nothing written (security review)', async () => {
    const secretary = await t.token('cum6.secretary');
    const before = await t.snapshot();
    const res = await t.http.post(`/api/clusters/${c6}/years/${year - 1}/review-meeting/ballot-sessions`).set(auth(secretary)).send({ award: 'CERTIFICATE_OF_MERIT', mode: 'ONLINE' });
    assert.deepEqual([res.status, res.body.details?.[0]?.field], [422, 'award'], JSON.stringify(res.body));
    assert.match(res.body.details[0].message, /^Đã gửi đề nghị khen thưởng năm \d{4} của danh hiệu này lên cơ quan tổ chức dựa trên kết quả hội nghị: không thể mở phiên bỏ phiếu/);
    assert.equal(await t.snapshot(), before);
  });

  it('last year’s review meeting page is read-only for the secretariat once its proposals went to the ministry, and says why', async () => {
    const html = await page('cum6.secretary', `/cum/${c6}/nam/${year - 1}/binh-xet`);
    assert.ok(html.includes(`Đã gửi đề nghị khen thưởng năm ${year - 1} lên Bộ dựa trên kết quả hội nghị`), 'the reason');
    for (const action of ['Lưu thành phần tham dự', 'Lưu phiếu bầu', 'Mở phiên bỏ phiếu']) assert.ok(!html.includes(action), `no "${action}"`);
    assert.match(html, /<select name="entries\.0\.status"[^>]* disabled>/, 'the attendance is shown, not editable');
  });

  it('the election of next year’s chair offers next year’s members, and waits while next year has none', async () => {
    const options = (html: string) => [...(html.split('id="bau-truong"')[1] ?? '').split('</select>')[0].matchAll(/<option value="[0-9a-f-]{36}"[^>]*>([^<]+)<\/option>/g)].map((x) => x[1]).sort();
    const next = (await t.http.get(`/api/clusters/${c6}/members?year=${year}`).set(auth(await t.token('cum6.secretary'))).expect(200)).body as Array<{ unit: { name: string }; leftOn: string | null }>;
    const current = await page('cum6.secretary', `/cum/${c6}/nam/${year - 1}/binh-xet`);
    assert.deepEqual(options(current), next.filter((x) => !x.leftOn).map((x) => x.unit.name).sort());
    assert.ok(!current.includes('data-testid="election-waits"'));
    // Bộ TTTT's Cụm 6 ended with 2024: its units went on in Bộ KH&CN's Cụm 6, which records 2025's chair.
    const ended = await page('admin', `/cum/${ids.cum6}/nam/2024/binh-xet`);
    assert.match(ended, new RegExp(`data-testid="election-waits">Cụm không có thành viên năm 2025: các đơn vị tiếp tục thi đua trong <a href="/cum/${c6}">Cụm thi đua số 6 \\(Bộ Khoa học và Công nghệ\\)</a>, cụm tiếp nối cụm này; Cụm trưởng, Cụm phó năm 2025 ghi nhận ở cụm đó\\.`));
    assert.ok(!ended.includes('/review-meeting/election"'), 'no election form');
    // Without a cluster continuing it, the organiser is to record next year's division first.
    await t.dataSource.query(`UPDATE clusters SET predecessor_id = NULL WHERE id = ${ph(1)}`, [c6]);
    try {
      const alone = await page('admin', `/cum/${ids.cum6}/nam/2024/binh-xet`);
      assert.match(alone, /data-testid="election-waits">Cụm chưa có thành viên năm 2025: cơ quan tổ chức cụm cần ghi quyết định phân cụm năm 2025 \(trang Phân cụm\) trước, rồi thư ký cụm ghi kết quả bầu\./);
    } finally {
      await t.dataSource.query(`UPDATE clusters SET predecessor_id = ${ph(1)} WHERE id = ${ph(2)}`, [ids.cum6, c6]);
    }
  });

  it('the year page links "Giải trình điểm" only for those who may open it (a member unit, the year’s managers)', async () => {
    const seen: string[] = [];
    for (const [cluster, y] of [[c6, year], [c6, year - 1], [ids.cum6, 2020]] as const) {
      for (const user of ['skhcn.khanhhoa', 'cum6.secretary', 'reviewer', 'admin']) {
        const token = await t.token(user);
        const yearPage = await t.http.get(`/cum/${cluster}/nam/${y}`).set(auth(token)).set('Accept', 'text/html');
        if (yearPage.status !== 200) continue; // a cluster-year outside the account's scope
        const html = yearPage.text;
        const opened = await t.http.get(`/cum/${cluster}/nam/${y}/giai-trinh`).set(auth(token)).set('Accept', 'text/html');
        seen.push(`${user} ${y}: ${opened.status}`);
        assert.equal(html.includes(`/cum/${cluster}/nam/${y}/giai-trinh"`), opened.status === 200, `${user}, ${y}: linked, and the page answers ${opened.status}`);
      }
    }
    assert.ok(seen.some((x) => x.endsWith(': 403')), `someone may not open it: ${seen.join('; ')}`);
  });

  it('a past pledge is signed where the year before was reviewed (2020: Đắk Lắk, by seed 003), not at its own chair', async () => {
    const places = [];
    for (const y of [2020, 2021]) places.push((await t.http.get(`/api/clusters/${ids.cum6}/years/${y}/pledge`).set(auth(await t.token('cum6.secretary'))).expect(200)).body.signingPlace);
    assert.deepEqual(places, ['Đắk Lắk', 'Gia Lai']);
  });

  it('a past year’s pledge reads as signed on paper at its conference and entered later, not as signed today by the successors', { skip: POPPLER_MISSING ? 'poppler-utils missing' : false }, async () => {
    const secretary = await t.token('cum6.secretary');
    const base = `/api/clusters/${ids.cum6}/years/2020/pledge`;
    const pledge = (await t.http.get(base).set(auth(secretary)).expect(200)).body as { signatories: Array<{ unit: { name: string }; paperSignedOn: string | null; signedBy: string | null }> };
    assert.ok(pledge.signatories.every((s) => s.paperSignedOn === '2020-03-06' && s.signedBy === 'admin'), JSON.stringify(pledge.signatories));
    const text = squash(pdftotext(tempFile((await t.http.get(`${base}/pdf`).set(auth(secretary)).buffer(true).parse(binary).expect(200)).body)));
    const entered = formatDateVi(todayInVietnam());
    // Two columns of cells: pdftotext interleaves their second lines.
    assert.equal(text.split('Đã ký trên bản giấy ngày 06/03/2020 (nhập vào hệ').length - 1, 6, text.slice(-1500));
    assert.equal(text.split(`thống ngày ${entered})`).length - 1, 6, text.slice(-1500));
    assert.ok(!text.includes('Đã ký lúc') && text.includes('SỞ THÔNG TIN VÀ TRUYỀN THÔNG TỈNH GIA LAI'), text.slice(-1500));
    assert.ok(text.includes('Căn cứ Chỉ thị số 67/CT-BTTTT ngày 27 tháng 12 năm 2019 của Bộ trưởng Bộ Thông tin và Truyền thông về công tác thi đua, khen thưởng năm 2020'), 'the year’s directive');
    // In the signed file the secretariat's key signs each member's field, which says so; its seal closes the file.
    const signed = (await t.http.get(`${base}/signed-pdf`).set(auth(secretary)).buffer(true).parse(binary).expect(200)).body as Buffer;
    const verified = (await t.http.post('/api/documents/verify').attach('file', signed, 'giao-uoc-2020.pdf').expect(200)).body.signatures as Array<{ valid: boolean; fieldName: string; paperSignedOn: string | null }>;
    assert.equal(verified.length, 7);
    assert.ok(verified.every((v) => v.valid && (v.fieldName.startsWith('member-') ? v.paperSignedOn === '2020-03-06' : v.paperSignedOn === null)), JSON.stringify(verified));
    assert.ok(squash(pdftotext(tempFile(signed))).includes('Đã ký trên bản giấy ngày 06/03/2020'), 'the signed file says so too');
  });

  it('a past scoreboard is dated the day its review meeting was held (2020: 03/03/2021), not the day the year planned', { skip: POPPLER_MISSING ? 'poppler-utils missing' : false }, async () => {
    const token = await t.token('cum6.secretary');
    const held = (await t.http.get(`/api/clusters/${ids.cum6}/years/2020/review-meeting`).set(auth(token)).expect(200)).body.heldOn as string;
    const pdf = squash(pdftotext(tempFile((await t.http.get(`/api/clusters/${ids.cum6}/years/2020/scoring/scoreboard.pdf`).set(auth(token)).buffer(true).parse(binary).expect(200)).body)));
    assert.equal(held, '2021-03-03');
    assert.ok(pdf.includes('ngày 03 tháng 3 năm 2021'), pdf.slice(0, 300));
  });

  it('past submissions (Tờ trình) keep the date, ministry and texts of their time, not today’s', { skip: POPPLER_MISSING ? 'poppler-utils missing' : false }, async () => {
    const token = await t.token('cum6.secretary');
    const text = async (cluster: string, y: number) => squash(pdftotext(tempFile((await t.http.get(`/api/clusters/${cluster}/years/${y}/proposals/submission.pdf`).set(auth(token)).buffer(true).parse(binary).expect(200)).body)));
    const cases: Array<[string, number, string, string, string]> = [
      [ids.cum6, 2019, 'ngày 10 tháng 3 năm 2020', 'BỘ THÔNG TIN VÀ TRUYỀN THÔNG', 'Bộ trưởng Bộ Thông tin và Truyền thông'],
      [ids.cum6, 2024, 'ngày 21 tháng 02 năm 2025', 'BỘ THÔNG TIN VÀ TRUYỀN THÔNG', 'Bộ trưởng Bộ Thông tin và Truyền thông'],
    ];
    if (year - 1 >= 2025) cases.push([c6, year - 1, `ngày 20 tháng 01 năm ${year}`, 'BỘ KHOA HỌC VÀ CÔNG NGHỆ', 'Bộ trưởng Bộ Khoa học và Công nghệ']);
    for (const [cluster, y, date, header, addressee] of cases) {
      const pdf = await text(cluster, y);
      for (const phrase of [date, header, addressee]) assert.ok(pdf.includes(phrase), `${y}: "${phrase}" in ${pdf.slice(0, 400)}`);
      if (y < 2025) assert.ok(!pdf.includes('Khoa học và Công nghệ') && !pdf.includes('152/2025'), `${y}: nothing of after 2025`);
    }
  });

  it('Bộ TTTT’s council sits as the ministry was organised: Vụ Thi đua – Khen thưởng until NĐ 48/2022, then Vụ Tổ chức cán bộ; its decisions cite the organisation decree of their day', { skip: POPPLER_MISSING ? 'poppler-utils missing' : false }, async () => {
    const reviewer = await t.token('reviewer');
    const meetings = (await t.http.get('/api/council/meetings').set(auth(reviewer)).expect(200)).body as Array<{ id: string; year: number; memberCount: number }>;
    const minutes = async (y: number) => {
      const meeting = meetings.find((x) => x.year === y)!;
      assert.equal(meeting.memberCount, 5, `${y}: five members`);
      return squash(pdftotext(tempFile((await t.http.get(`/api/council/meetings/${meeting.id}/minutes.pdf`).set(auth(reviewer)).buffer(true).parse(binary).expect(200)).body)));
    };
    const before = await minutes(2021);
    // The table wraps positions over lines: the people tell who sat (Trần Văn Bình headed Vụ Thi đua – Khen thưởng).
    const sat = (text: string) => text.split('I. THÀNH PHẦN')[1]?.split('II.')[0] ?? '';
    assert.ok(sat(before).includes('Trần Văn Bình') && !sat(before).includes('Đỗ Thị Lan'), sat(before));
    for (const y of [2022, 2024]) {
      const after = sat(await minutes(y));
      assert.ok(!after.includes('Trần Văn Bình') && after.includes('Đỗ Thị Lan') && /Phạm Quốc Toàn.*Phó Chủ tịch/.test(after), `${y}: ${after}`);
    }
    const decision = async (y: number) => squash(pdftotext(tempFile((await t.http.get(`/api/awards/decision-draft.pdf?year=${y}`).set(auth(reviewer)).buffer(true).parse(binary).expect(200)).body)));
    const d2020 = await decision(2020);
    for (const phrase of ['Căn cứ Nghị định số 17/2017/NĐ-CP ngày 17 tháng 02 năm 2017', 'Vụ trưởng Vụ Thi đua – Khen thưởng', 'Lưu: VT, TĐKT.']) assert.ok(d2020.includes(phrase), `2020: "${phrase}" in ${d2020.slice(0, 600)}`);
    const d2024 = await decision(2024);
    for (const phrase of ['Căn cứ Nghị định số 48/2022/NĐ-CP ngày 26 tháng 7 năm 2022', 'Vụ trưởng Vụ Tổ chức cán bộ', 'Lưu: VT, TCCB.']) assert.ok(d2024.includes(phrase), `2024: "${phrase}" in ${d2024.slice(0, 600)}`);
    assert.ok(!d2024.includes('Thi đua – Khen thưởng chịu') && !d2024.includes('17/2017'), d2024.slice(0, 600));
    // A year decided stays a draft (no number, no date), and says which decision its approvals record (a working day).
    assert.ok(d2024.includes('Hà Nội, ngày … tháng … năm …') && d2024.includes('Ghi chú của hệ thống (không thuộc nội dung quyết định): Các đề nghị trong dự thảo đã được phê duyệt theo Quyết định số 06/QĐ-BTTTT (minh họa) ngày 27/02/2025'), d2024);
    assert.ok(d2020.includes('theo Quyết định số 02/QĐ-BTTTT (minh họa) ngày 15/04/2021'), d2020);
    // Last year's Cờ, sent but not yet through the council, is said to be left out.
    const last = await decision(year - 1);
    assert.ok(last.includes('Chưa đưa vào dự thảo: 01 đề nghị tặng Cờ thi đua của Bộ chưa được Hội đồng Thi đua – Khen thưởng thông qua.') && !last.includes('Tặng Cờ thi đua'), last);
    // Drafted again after 01/03/2025: Bộ KH&CN's, the merged Sở named with what they are then, the council Bộ TTTT's.
    const late = squash(pdftotext(tempFile((await t.http.get('/api/awards/decision-draft.pdf?year=2024&decidedOn=2025-03-05').set(auth(reviewer)).buffer(true).parse(binary).expect(200)).body)));
    assert.ok(late.includes('BỘ KHOA HỌC VÀ CÔNG NGHỆ') && late.includes('Căn cứ Biên bản họp Hội đồng Thi đua – Khen thưởng Bộ Thông tin và Truyền thông'), late.slice(0, 900));
    assert.match(late, /Sở Thông tin và Truyền thông tỉnh [^()]+ \(nay là Sở Khoa học và Công nghệ tỉnh [^)]+\)/);
  });

  it('a unit page names its successors as a chain, each with its period (Sở TTTT Đắk Lắk: the interim Sở KH&CN until 30/06/2025, then the merged one)', async () => {
    const html = await page('cum6.secretary', `/don-vi/${await ids.unit('STTTT-DAKLAK')}`);
    const successors = /<h2 id="h-succ">Đơn vị kế thừa<\/h2>([\s\S]*?)<\/section>/.exec(html)?.[1] ?? '';
    const items = successors.match(/<li>[\s\S]*?<\/li>/g) ?? [];
    assert.equal(items.length, 2, successors);
    // One period each, the second starting the day after the first ended; no second end date ("nay là …") in an item.
    assert.match(items[0], /^<li>01\/03\/2025 – 30\/06\/2025: /);
    assert.match(items[1], /^<li>01\/07\/2025 – nay: .*\(tiếp nối /);
    for (const li of items) assert.doesNotMatch(li, /nay là|đến \d{2}\/\d{2}\/\d{4}/, li);
    assert.ok(successors.includes('mỗi đơn vị tiếp nối đơn vị ngay trước nó'), successors);
  });

  it('an ended Sở TTTT reads its past scoring without a missed duty, and every page leads to its successor', async () => {
    const phuyen = await ids.unit('STTTT-PHUYEN');
    // 2024 was ranked on the consolidated sheet: no self-score was made, which is not "0 · Chưa có phiếu".
    const grid = await page('phuyen', `/cum/${ids.cum6}/nam/2024/cham-diem`);
    const row = grid.split('<tr data-target=')[1] ?? '';
    assert.match(row, /<td class="num" data-role="total">—<\/td>/);
    assert.ok(row.includes('Không lập phiếu') && !grid.includes('Chưa có phiếu'), row);
    assert.ok(!grid.includes('Nhập điểm có tối đa hai chữ số thập phân'), 'no typing instructions on a page only to read');
    // The year's board of a published year says a sheet was not made, not that it is still to make.
    const board = (await page('phuyen', `/cum/${ids.cum6}/nam/2024`)).split('id="h-board"')[1] ?? '';
    assert.ok(board.includes('không lập') && !board.includes('chưa lập'), board.slice(0, 3000));
    assert.ok(grid.includes(`Đơn vị của tài khoản đã kết thúc hoạt động ngày 28/02/2025`) && grid.includes(`<a href="/don-vi/${phuyen}">Lịch sử đơn vị và đơn vị kế thừa</a>`), 'the inner page says the unit ended and leads to its history');
    // Its history page names the successor (a link for those whose scope opens it: the cluster's secretariat).
    assert.ok((await page('phuyen', `/don-vi/${phuyen}`)).includes('nay là Sở Khoa học và Công nghệ tỉnh Đắk Lắk.'));
    assert.match(await page('cum6.secretary', `/don-vi/${phuyen}`), new RegExp(`nay là <a href="/don-vi/${await ids.unit('SKHCN-DAKLAK')}">Sở Khoa học và Công nghệ tỉnh Đắk Lắk</a>`));
    assert.ok((await page('phuyen')).includes(`<a href="/don-vi/${phuyen}">Lịch sử đơn vị và đơn vị kế thừa</a>`), 'and so does the dashboard');
    assert.ok(!(await page('skhcn.daklak', `/cum/${ids.cum6}/nam/2024/cham-diem`)).includes('đã kết thúc hoạt động ngày'), 'an active unit has no such note');
  });

  it('Sở KH&CN Đắk Lắk: the dashboard shows this year’s open scoring with its deadline, and self-scoring works today', async () => {
    const y = (await t.http.get(`/api/clusters/${c6}/years/${year}`).set(auth(await t.token('skhcn.daklak'))).expect(200)).body;
    assert.ok(y.scoringOpensOn <= today && today <= y.scoringClosesOn, `the window ${y.scoringOpensOn}–${y.scoringClosesOn} is open on ${today}`);
    assert.ok(y.reviewMeetingOn > today && y.proposalDeadline > y.reviewMeetingOn, 'the meeting and the deadline lie ahead');
    const html = await page('skhcn.daklak');
    assert.ok(html.includes(`Chấm điểm năm ${year}: tự chấm và chấm chéo`), 'the task');
    assert.ok(html.includes(`hạn ${formatDateVi(y.scoringClosesOn)}`), 'its deadline');
    const officer = await t.token('skhcn.daklak');
    const base = `/api/clusters/${c6}/years/${year}/scoring/sheets`;
    const sheet = (await t.http.post(base).set(auth(officer)).send({ targetUnitId: await ids.unit('SKHCN-DAKLAK'), kind: 'SELF' }).expect(201)).body;
    // TC9 claims nothing at first (no evidence needed for it).
    const entries = ['TC1', 'TC2', 'TC3', 'TC4', 'TC5', 'TC6', 'TC7', 'TC8', 'TC9'].map((code, i) => ({ code, points: [14, 14, 9, 9, 14, 9, 9, 9, 0][i] }));
    let saved = (await t.http.put(`${base}/${sheet.id}/entries`).set(auth(officer)).send({ version: sheet.version, entries }).expect(200)).body;
    // Saved again (its statements prepared on the connections by now): on PostgreSQL, three round trips.
    for (let i = 0; TEST_DB === 'postgres' && !IN_PROCESS_ONLY && i < 4; i++) {
      const queries = await sentQueries(async () => {
        saved = (await t.http.put(`${base}/${sheet.id}/entries`).set(auth(officer)).send({ version: saved.version, entries }).expect(200)).body;
      });
      if (i === 3) assertSaveRoundTrips(queries);
    }
    // Each criterion asks for its evidence ("Cần minh chứng"): the self-score is not handed in without it, each named.
    const before = await t.snapshot();
    const bare = await t.http.post(`${base}/${sheet.id}/submit`).set(auth(officer)).send({ version: saved.version });
    assert.deepEqual([bare.status, bare.body.details?.map((d: { field: string }) => d.field)], [422, ['TC1', 'TC2', 'TC3', 'TC4', 'TC5', 'TC6', 'TC7', 'TC8'].map((c) => `evidence.${c}`)]);
    assert.match(bare.body.message, /^Chưa có tài liệu minh chứng cho các tiêu chí yêu cầu minh chứng: TC1, TC2, .*, TC8\. Tải minh chứng lên trước khi nộp phiếu tự chấm\.$/);
    assert.equal(await t.snapshot(), before);
    const evidence = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
    for (const code of entries.filter((e) => e.points > 0).map((e) => e.code)) await t.http.post(`${base}/${sheet.id}/evidence`).set(auth(officer)).field('criterionCode', code).attach('file', evidence, `minh-chung-${code}.pdf`).expect(201);
    const submitted = (await t.http.post(`${base}/${sheet.id}/submit`).set(auth(officer)).send({ version: saved.version }).expect(200)).body;
    assert.equal(submitted.status, 'SUBMITTED');
    // Handed in, a change of its evidence is an edit of the sheet, as a change of its points is: the version read and
    // a reason, and the sheet's version moves (a file was added silently before: security review 4).
    const afterSubmit = await t.snapshot();
    const late = await t.http.post(`${base}/${sheet.id}/evidence`).set(auth(officer)).field('criterionCode', 'TC1').attach('file', evidence, 'them.pdf');
    assert.deepEqual([late.status, late.body.details?.[0]?.field], [400, 'version']);
    const noReason = await t.http.post(`${base}/${sheet.id}/evidence`).set(auth(officer)).field('criterionCode', 'TC1').field('version', String(submitted.version)).attach('file', evidence, 'them.pdf');
    assert.deepEqual([noReason.status, noReason.body.details?.[0]?.field, noReason.body.details?.[0]?.message], [400, 'reason', 'Phiếu đã nộp: thêm minh chứng cần ghi lý do.']);
    assert.equal(await t.snapshot(), afterSubmit);
    await t.http.post(`${base}/${sheet.id}/evidence`).set(auth(officer)).field('criterionCode', 'TC1').field('version', String(submitted.version)).field('reason', 'Bổ sung biên bản kiểm tra').attach('file', evidence, 'them.pdf').expect(201);
    const bumped = (await t.http.get(`${base}/${sheet.id}`).set(auth(officer)).expect(200)).body;
    assert.equal(bumped.version, submitted.version + 1);
    const [first] = (await t.http.get(`${base}/${sheet.id}/evidence`).set(auth(officer)).expect(200)).body;
    const stale = await t.http.delete(`${base}/${sheet.id}/evidence/${first.id}`).set(auth(officer)).send({ reason: 'Nhầm tệp', version: submitted.version });
    assert.equal(stale.status, 409);
    await t.http.delete(`${base}/${sheet.id}/evidence/${first.id}`).set(auth(officer)).send({ reason: 'Nhầm tệp', version: bumped.version }).expect(204);
    // The last file of a criterion it claims points for is not removed from a handed-in self-score (nothing written).
    const files = (await t.http.get(`${base}/${sheet.id}/evidence`).set(auth(officer)).expect(200)).body as Array<{ id: string; criterionCode: string }>;
    const onlyTc2 = files.find((f) => f.criterionCode === 'TC2')!;
    const current = (await t.http.get(`${base}/${sheet.id}`).set(auth(officer)).expect(200)).body;
    const beforeLast = await t.snapshot();
    const last = await t.http.delete(`${base}/${sheet.id}/evidence/${onlyTc2.id}`).set(auth(officer)).send({ reason: 'Gỡ tệp trùng', version: current.version });
    assert.deepEqual([last.status, last.body.details?.[0]?.field], [422, 'evidence.TC2']);
    assert.equal(await t.snapshot(), beforeLast);
    // Nor are points claimed afresh, once handed in, on a criterion that asks for evidence it has not got.
    const claim = await t.http.put(`${base}/${sheet.id}/entries`).set(auth(officer)).send({ version: current.version, reason: 'Bổ sung điểm TC9', entries: [{ code: 'TC9', points: 4 }] });
    assert.deepEqual([claim.status, claim.body.details?.[0]?.field], [422, 'evidence.TC9']);
    assert.equal(await t.snapshot(), beforeLast);
    const trail = (await t.http.get('/api/audit').query({ action: 'evidence.remove' }).set(auth(await t.token('admin'))).expect(200)).body.items[0];
    assert.deepEqual([trail.entityId, trail.reason], [sheet.id, 'Nhầm tệp']);
  });

  it('a member whose scoring is all handed in (its self-score and every peer sheet assigned) is no longer asked to score', async () => {
    const officer = await t.token('skhcn.daklak');
    const me = await ids.unit('SKHCN-DAKLAK');
    const base = `/api/clusters/${c6}/years/${year}/scoring`;
    const assignments = (await t.http.get(`${base}/assignments`).set(auth(officer)).expect(200)).body as Array<{ scorer: { id: string }; targets: Array<{ id: string }> }>;
    const targets = assignments.find((a) => a.scorer.id === me)?.targets ?? [];
    assert.ok(targets.length > 0, 'Đắk Lắk scores its peers');
    const entries = ['TC1', 'TC2', 'TC3', 'TC4', 'TC5', 'TC6', 'TC7', 'TC8', 'TC9'].map((code, i) => ({ code, points: [12, 12, 8, 8, 12, 8, 8, 8, 4][i] }));
    const nextOnYearPage = async () => /<strong>Việc tiếp theo:<\/strong> ([^<]*)/.exec(await page('skhcn.daklak', `/cum/${c6}/nam/${year}`))?.[1] ?? '';
    for (const [i, target] of targets.entries()) {
      assert.ok((await page('skhcn.daklak')).includes(`Chấm điểm năm ${year}: tự chấm và chấm chéo`), `still asked before peer sheet ${i + 1}`);
      // The year page says so too, with the units still owed (it said "nothing to do" once the self-score was in).
      if (i > 0) assert.match(await nextOnYearPage(), new RegExp(`^Chấm chéo và nộp phiếu cho ${targets.length - i} đơn vị còn lại \\(.+\\) trước \\d{2}/\\d{2}/\\d{4}\\.$`), `year page before peer sheet ${i + 1}`);
      const existing = ((await t.http.get(`${base}/sheets?kind=PEER`).set(auth(officer)).expect(200)).body as Array<{ id: string; version: number; status: string; target: { id: string }; scorer: { id: string } | null }>).find((x) => x.target.id === target.id && x.scorer?.id === me);
      const sheet = existing ?? (await t.http.post(`${base}/sheets`).set(auth(officer)).send({ targetUnitId: target.id, kind: 'PEER' }).expect(201)).body;
      if (sheet.status === 'SUBMITTED' || sheet.status === 'LOCKED') continue;
      const saved = (await t.http.put(`${base}/sheets/${sheet.id}/entries`).set(auth(officer)).send({ version: sheet.version, entries }).expect(200)).body;
      await t.http.post(`${base}/sheets/${sheet.id}/submit`).set(auth(officer)).send({ version: saved.version }).expect(200);
    }
    assert.ok(!(await page('skhcn.daklak')).includes(`Chấm điểm năm ${year}: tự chấm và chấm chéo`), 'nothing left to score');
    assert.equal(await nextOnYearPage(), 'Không có việc cần làm ngay.');
    // The secretariat's year page counts peer sheets by the unit that scores, as the member's does: Đắk Lắk has done all.
    for (const user of ['cum6.secretary', 'skhcn.daklak']) {
      const row = (await page(user, `/cum/${c6}/nam/${year}`)).split('<tr>').find((r) => /<th scope="row">[^<]*Đắk Lắk<\/th>/.test(r)) ?? '';
      assert.ok(row.includes(`<td>${targets.length}/${targets.length}</td>`), `${user}: ${row}`);
    }
  });

  it('during the scoring, the pledge being signed and its criteria are not edited (the signatures would be withdrawn mid-scoring); nothing changes', async () => {
    const secretary = await t.token('cum6.secretary');
    const base = `/api/clusters/${c6}/years/${year}`;
    const pledge = (await t.http.get(`${base}/pledge`).set(auth(secretary)).expect(200)).body;
    assert.equal(pledge.status, 'OPEN', 'the demo’s pledge is still being signed');
    const criteria = (await t.http.get(`${base}/criteria`).set(auth(secretary)).expect(200)).body;
    const before = await t.snapshot();
    const edit = await t.http.put(`${base}/criteria`).set(auth(secretary)).send({ version: criteria.version, reason: 'Gộp tiêu chí', totalPoints: 100, items: [{ code: 'TC1', text: 'Một tiêu chí', maxPoints: 100, kind: 'SCORED', evidenceRequired: false }], confirmResetSignatures: true }).expect(422);
    assert.match(edit.body.message, /^Không sửa được bộ tiêu chí: đã có \d+ phiếu chấm nộp theo bộ tiêu chí của giao ước\./);
    const theme = await t.http.patch(`${base}/pledge`).set(auth(secretary)).send({ version: pledge.version, reason: 'Sửa chủ đề', theme: 'Chủ đề mới', confirmResetSignatures: true });
    assert.equal(theme.status, 422, JSON.stringify(theme.body));
    assert.match(theme.body.message, /^Không sửa được bản giao ước đang ký: đã có \d+ phiếu chấm nộp/);
    assert.equal(await t.snapshot(), before, 'no signature withdrawn, nothing written');
  });

  it('this year’s scoreboard, drafted before the review meeting, is dated today, not the meeting still ahead', { skip: POPPLER_MISSING ? 'poppler-utils missing' : false }, async () => {
    const secretary = await t.token('cum6.secretary');
    const y = (await t.http.get(`/api/clusters/${c6}/years/${year}`).set(auth(secretary)).expect(200)).body;
    assert.ok(y.reviewMeetingOn > today, 'the meeting lies ahead');
    const pdf = await t.http.get(`/api/clusters/${c6}/years/${year}/scoring/scoreboard.pdf`).set(auth(secretary)).buffer(true).parse(binary).expect(200);
    const text = squash(pdftotext(tempFile(pdf.body)));
    assert.ok(text.includes(placeDateLine('Gia Lai', today).replace(/\s+/g, ' ')), text.slice(0, 400));
    assert.ok(!text.includes(placeDateLine('Gia Lai', y.reviewMeetingOn).replace(/\s+/g, ' ')));
  });

  it('pages say what they hold: the pledge being signed downloads as a draft; a unit without points has none lost', async () => {
    const pledgePage = await page('cum6.secretary', `/cum/${c6}/nam/${year}/giao-uoc`);
    assert.ok(pledgePage.includes('>Tải bản dự thảo giao ước (PDF)</a>') && !pledgePage.includes('PDF có chữ ký số'), 'an open pledge is a draft');
    const results = await page('cum6.secretary', `/cum/${c6}/nam/${year}/ket-qua-tieu-chi`);
    assert.ok(results.includes('Chưa có điểm: đơn vị chưa được chấm theo cách tính điểm của cụm.'), 'no points yet');
    assert.ok(!results.includes('Không mất điểm ở tiêu chí nào.'), 'not "nothing lost"');
  });

  it('before it asks to publish, the ranking page names the missing sheets and says the scoring window is still open', async () => {
    const html = await page('cum6.secretary', `/cum/${c6}/nam/${year}/xep-hang`);
    assert.match(html, /data-testid="scoring-window-open">Thời hạn chấm điểm đến \d{2}\/\d{2}\/\d{4} chưa hết/);
    const missing = /data-testid="missing-sheets"><p>Còn (\d+) phiếu chưa nộp hoặc còn thiếu:<\/p><ul>([\s\S]*?)<\/ul>/.exec(html);
    assert.ok(missing, 'the list stands before the button');
    assert.equal((missing![2].match(/<li>/g) ?? []).length, Number(missing![1]));
    // The list is the one the publishing would refuse with.
    const secretary = await t.token('cum6.secretary');
    const config = (await t.http.get(`/api/clusters/${c6}/years/${year}/scoring/config`).set(auth(secretary)).expect(200)).body;
    const refused = await t.http.post(`/api/clusters/${c6}/years/${year}/scoring/finalize`).set(auth(secretary)).send({ version: config.version ?? 0, reason: 'Thử công bố kết quả' }).expect(422);
    assert.match(refused.body.message, new RegExp(`^Còn ${missing![1]} phiếu chưa nộp hoặc còn thiếu: `));
  });

  it('on the first day the reminders tell the members that have scoring to hand in: seven days of scoring left', async () => {
    const y = (await t.http.get(`/api/clusters/${c6}/years/${year}`).set(auth(await t.token('skhcn.quangngai'))).expect(200)).body;
    const titles = async (user: string) => ((await t.http.get('/api/notifications').set(auth(await t.token(user))).expect(200)).body.items as Array<{ subject: string }>).map((n) => n.subject);
    const expected = `còn 7 ngày, hạn ${formatDateVi(y.scoringClosesOn)}`;
    // The start ran the reminders once the scenario was recorded: nothing to run here.
    assert.equal(y.scoringClosesOn, addDays(today, 7), 'the scoring window closes in seven days');
    assert.ok((await titles('skhcn.quangngai')).some((x) => x.includes(expected)), 'Quảng Ngãi has not started: reminded');
    // Gia Lai submitted its self-score but none of the four peer sheets it is assigned: reminded too.
    assert.ok((await titles('skhcn.gialai')).some((x) => x.includes(expected)), 'Gia Lai has its peer sheets to do: reminded');
    assert.ok(!(await titles('cum6.secretary')).some((x) => x.includes(expected)), 'the secretariat only once it is overdue');
    assert.match(await page('skhcn.quangngai'), new RegExp(expected.replace(/[()/]/g, '\\$&')), 'the reminder is on its first page');
    // The demo's people have e-mail addresses: the reminders wait in the outbox for a mail server (SMTP_URL unset here).
    const box = (await t.http.get('/api/email-outbox?status=pending').set(auth(await t.token('admin'))).expect(200)).body as { counts: { pending: number }; items: Array<{ recipient: string; subject: string }> };
    assert.ok(box.items.some((x) => x.recipient === 'skhcn.quangngai@demo.thidua.example' && x.subject.includes(expected)), 'Quảng Ngãi’s e-mail waits in the outbox');
  });

  it('this year: the pledge signed by all members but one, sheets submitted, in draft and not started', async () => {
    const secretary = await t.token('cum6.secretary');
    const pledge = (await t.http.get(`/api/clusters/${c6}/years/${year}/pledge`).set(auth(secretary)).expect(200)).body;
    assert.deepEqual([pledge.status, pledge.signedCount, pledge.memberCount], ['OPEN', 4, 5]);
    // The criteria of a Sở KH&CN cluster, not the information-and-communications text of Bộ TTTT's years.
    const criteria = (await t.http.get(`/api/clusters/${c6}/years/${year}/criteria`).set(auth(secretary)).expect(200)).body as { origin: string; items: Array<{ text: string }> };
    assert.equal(criteria.origin, 'TEMPLATE:KHCN-2025');
    assert.ok(!criteria.items.some((i) => /[Tt]hông tin và [Tt]ruyền thông|báo chí/.test(i.text)), 'no criterion of the Sở TTTT years');
    const html = await page('skhcn.khanhhoa');
    assert.ok(html.includes(`Ký giao ước thi đua năm ${year}`), 'the one that has not signed is asked to');
    const sheets = (await t.http.get(`/api/clusters/${c6}/years/${year}/scoring/sheets`).query({ kind: 'SELF' }).set(auth(secretary)).expect(200)).body as Array<{ status: string; target: { shortName: string } }>;
    const status = Object.fromEntries(sheets.map((s) => [s.target.shortName, s.status]));
    assert.equal(status['Sở KH&CN Gia Lai'], 'SUBMITTED');
    assert.equal(status['Sở KH&CN Lâm Đồng'], 'DRAFT');
    assert.equal(status['Sở KH&CN Quảng Ngãi'], undefined, 'not started');
    assert.ok((await page('cum6.secretary')).includes(`Theo dõi ký giao ước năm ${year}`));
  });

  it(`Sở KH&CN Lâm Đồng signs on a SoftHSM2 token ${TOKEN_EXPECTED ? '(SQLite, SoftHSM2 installed)' : '— NOT HERE: ' + (TEST_DB !== 'sqlite' ? 'PostgreSQL, a server-held key' : 'SoftHSM2 missing, a server-held key')}`, async () => {
    const admin = await t.token('admin');
    const lamdong = await ids.unit('SKHCN-LAMDONG');
    const means = (await t.http.get(`/api/signing/units/${lamdong}/key`).set(auth(admin)).expect(200)).body;
    assert.equal(means.means, TOKEN_EXPECTED ? 'TOKEN' : 'SERVER_KEY');
    const editPage = await page('admin', `/don-vi/${lamdong}/sua`);
    assert.ok(editPage.includes(TOKEN_EXPECTED ? 'Thiết bị ký số PKCS#11 (token) <strong>thidua SKHCN-LAMDONG</strong>' : 'Khóa do máy chủ giữ'), 'the unit’s edit page says how it signs');
    // A unit that never signed: no key made so far.
    assert.equal((await t.http.get(`/api/signing/units/${await ids.unit('SKHCN-HANOI')}/key`).set(auth(admin)).expect(200)).body.means, 'NONE');
    await t.http.get(`/api/signing/units/${lamdong}/key`).set(auth(await t.token('skhcn.lamdong'))).expect(403);
    // This year's pledge, signed in the system by four of the five: Lâm Đồng's signature is the token's, every one verifies.
    const secretary = await t.token('cum6.secretary');
    const pdf = (await t.http.get(`/api/clusters/${c6}/years/${year}/pledge/signed-pdf`).set(auth(secretary)).buffer(true).parse(binary).expect(200)).body as Buffer;
    const verified = (await t.http.post('/api/documents/verify').attach('file', pdf, 'giao-uoc.pdf').expect(200)).body.signatures as Array<{ valid: boolean; problems: string[]; certificateSubject: string; fieldName: string }>;
    assert.equal(verified.length, 4, 'four members; the secretariat closes it once the fifth signs');
    for (const s of verified) assert.ok(s.valid, `${s.fieldName}: ${s.problems.join(' ')}`);
    // Lâm Đồng's signature is made with the certificate of the means its key endpoint names (the token's, with it); the
    // certificate names the unit alone, as the signed document prints it.
    const own = verified.find((s) => s.fieldName === `member-${lamdong}`);
    assert.equal(own?.certificateSubject, means.subject);
    assert.match(means.subject, /(^|, )CN=Sở Khoa học và Công nghệ tỉnh Lâm Đồng$/);
  });

  it('last year: reviewed early this year, proposals under review, one returned to the secretariat with a reason', async () => {
    const secretary = await t.token('cum6.secretary');
    const proposals = (await t.http.get('/api/proposals').query({ year: year - 1 }).set(auth(secretary)).expect(200)).body as Array<{ status: string; reviewNote: string | null; unit: { shortName: string } }>;
    const returned = proposals.filter((p) => p.status === 'RETURNED');
    assert.equal(returned.length, 1);
    assert.match(returned[0].reviewNote ?? '', /Bổ sung báo cáo thành tích/);
    // The year's page says so too, to the secretariat that runs last year's review without managing that year.
    const yearPage = await page('cum6.secretary', `/cum/${c6}/nam/${year - 1}`);
    assert.ok(yearPage.includes(`<strong>Việc tiếp theo:</strong> Bổ sung hồ sơ bị trả lại: ${returned[0].unit.shortName.replace('&', '&amp;')}.`), 'the next task on the year page');
    const html = await page('cum6.secretary');
    assert.ok(html.includes(`Bổ sung hồ sơ bị trả lại`), 'the secretariat sees it on its first page');
    assert.match(html, /hạn gửi hồ sơ \d{2}\/\d{2}\/\d{4}/, 'with its deadline');
    // Told in the app too: the Bộ KH&CN cluster is run by the secretary of its chair unit, not by an assignment.
    const notices = (await t.http.get('/api/notifications').set(auth(secretary)).expect(200)).body as { items: Array<{ kind: string; subject: string }> };
    assert.ok(notices.items.some((n) => n.kind === 'proposal.return' && n.subject.includes(`năm ${year - 1} được Bộ trả lại để bổ sung`)), JSON.stringify(notices.items.map((n) => n.subject)));
    assert.ok((await page('reviewer')).includes('Thẩm định:'), 'the reviewer sees what waits for review');
    assert.match(await page('skhcn.lamdong'), /Hồ sơ đề nghị [^<]+ của đơn vị bị trả lại: gửi bổ sung cho thư ký cụm/, 'and so does the member whose proposal came back');
    const pledge = (await t.http.get(`/api/clusters/${c6}/years/${year - 1}/pledge`).set(auth(secretary)).expect(200)).body;
    assert.deepEqual([pledge.status, pledge.signedCount], ['COMPLETE', 5], 'last year’s pledge, signed by the five');
    const ranking = (await t.http.get(`/api/clusters/${c6}/years/${year - 1}/scoring/ranking`).set(auth(await t.token('skhcn.gialai'))).expect(200)).body;
    assert.equal(ranking.rows[0].unit.shortName, 'Sở KH&CN Đắk Lắk');
  });

  it('past years 2019–2024 of Bộ TTTT’s Cụm 6 are complete: pledges signed, rankings published, awards decided', async () => {
    const secretary = await t.token('cum6.secretary');
    for (let past = 2020; past <= 2024; past++) {
      const pledge = (await t.http.get(`/api/clusters/${ids.cum6}/years/${past}/pledge`).set(auth(secretary)).expect(200)).body;
      assert.deepEqual([pledge.status, pledge.signedCount], ['COMPLETE', 6], `pledge ${past}`);
      const ranking = (await t.http.get(`/api/clusters/${ids.cum6}/years/${past}/scoring/ranking`).set(auth(secretary)).expect(200)).body;
      assert.equal(ranking.published, true, `ranking ${past}`);
      const approved = (await t.http.get('/api/proposals').query({ year: past }).set(auth(secretary)).expect(200)).body.filter((p: { status: string }) => p.status === 'APPROVED');
      assert.equal(approved.length, 3, `awards ${past}`);
    }
    // A published, awarded year's criteria are not amended: the ranking and the documents rest on them (security
    // review 4: an amendment renaming three criteria had taken every unit of 2020 to "Không hoàn thành nhiệm vụ").
    const criteria = (await t.http.get(`/api/clusters/${ids.cum6}/years/2020/criteria`).set(auth(secretary)).expect(200)).body as { versionNo: number; totalPoints: number; items: Array<{ code: string; text: string; maxPoints: number; kind: string; evidenceRequired: boolean }> };
    const renamed = criteria.items.map((c) => ({ code: c.code === 'TC2' ? 'XTC2' : c.code, text: c.text, maxPoints: c.maxPoints, kind: c.kind, evidenceRequired: c.evidenceRequired }));
    const rankingBefore = (await t.http.get(`/api/clusters/${ids.cum6}/years/2020/scoring/ranking`).set(auth(secretary)).expect(200)).body.rows.map((r: { total: number }) => r.total);
    const before = await t.snapshot();
    const amended = await t.http.post(`/api/clusters/${ids.cum6}/years/2020/criteria/amendments`).set(auth(secretary)).send({ versionNo: criteria.versionNo, reason: 'Thử sửa đổi', totalPoints: criteria.totalPoints, items: renamed });
    assert.deepEqual([amended.status, amended.body.details?.[0]?.field], [422, 'versionNo'], JSON.stringify(amended.body));
    assert.match(amended.body.details[0].message, /^Không lập được bản sửa đổi của phiên bản \d+: đã có \d+ phiếu chấm nộp năm 2020\./);
    assert.equal(await t.snapshot(), before);
    assert.deepEqual((await t.http.get(`/api/clusters/${ids.cum6}/years/2020/scoring/ranking`).set(auth(secretary)).expect(200)).body.rows.map((r: { total: number }) => r.total), rankingBefore);
    // The minutes of the 2024 review, held on 20/02/2025, name Bộ TTTT (before it merged into Bộ KH&CN).
    const minutes2024 = await t.http.get(`/api/clusters/${ids.cum6}/years/2024/review-meeting/minutes.pdf`).set(auth(secretary)).buffer(true).parse(binary).expect(200);
    if (!POPPLER_MISSING) {
      // Bộ TTTT's cluster ended with 2024: the meeting elected no chair for 2025, and its minutes have no such section.
      const text = squash(pdftotext(tempFile(minutes2024.body)));
      assert.ok(text.includes('IV. KẾT LUẬN') && !text.includes('BẦU CỤM TRƯỞNG') && !text.includes('Chưa ghi nhận'), text.slice(-900));
    }
    // Their approvals are history: read, not twenty unread notices at the first sign-in; their e-mails never queued to go.
    const unread = (await t.http.get('/api/notifications').query({ unreadOnly: true }).set(auth(secretary)).expect(200)).body as { unread: number; items: Array<{ kind: string; subject: string }> };
    assert.ok(unread.unread >= 1 && unread.items.every((n) => !/năm 20(19|2[0-4])\b/.test(n.subject)), JSON.stringify(unread.items.map((n) => n.subject)));
    const approvals = (await t.http.get('/api/notifications').set(auth(secretary)).expect(200)).body.items.filter((n: { kind: string }) => n.kind === 'proposal.approve');
    assert.ok(approvals.length >= 15, `the approvals are still listed, read: ${approvals.length}`);
    const waiting = await t.dataSource.query("SELECT subject FROM email_outbox WHERE status = 'pending'");
    assert.ok(waiting.every((r: { subject: string }) => !/năm 20(19|2[0-4])\b/.test(r.subject)), JSON.stringify(waiting));
  });

  it('the award history of Sở KH&CN Đắk Lắk holds Phú Yên’s and Đắk Lắk’s 2019 Cờ under the names they had', async () => {
    const history = (await t.http.get(`/api/units/${await ids.unit('SKHCN-DAKLAK')}/awards`).set(auth(await t.token('skhcn.daklak'))).expect(200)).body as Array<{ year: number; award: string; unitName: string; predecessor: boolean }>;
    const flags2019 = history.filter((h) => h.year === 2019 && h.award === 'EMULATION_FLAG').map((h) => [h.unitName, h.predecessor]).sort();
    assert.deepEqual(flags2019, [
      ['Sở Thông tin và Truyền thông tỉnh Phú Yên', true],
      ['Sở Thông tin và Truyền thông tỉnh Đắk Lắk', true],
    ]);
    // Sở TTTT Phú Yên's own account reads its history and nothing more.
    const phuyen = await t.token('phuyen');
    const own = (await t.http.get(`/api/units/${await ids.unit('STTTT-PHUYEN')}/awards`).set(auth(phuyen)).expect(200)).body as Array<{ year: number }>;
    assert.deepEqual(own.map((h) => h.year), [2021, 2020, 2019], 'its own awards only');
    await t.http.get(`/api/clusters/${c6}`).set(auth(phuyen)).expect(404);
    const refused = await t.http.post(`/api/clusters/${ids.cum6}/years/2019/proposals`).set(auth(phuyen)).send({ award: 'EMULATION_FLAG', unitId: await ids.unit('STTTT-PHUYEN') });
    assert.equal(refused.status, 403);
  });

  it('Bộ KH&CN’s division of this year is complete, and every successor has an account', async () => {
    const report = (await t.http.get('/api/cluster-decisions/division').query({ organizerId: ids.successorMinistry, year }).set(auth(await t.token('reviewer'))).expect(200)).body;
    assert.equal(report.complete, true, JSON.stringify(report.leftOut.map((x: { unit: { shortName: string } }) => x.unit.shortName)));
    for (const user of ['skhcn.gialai', 'skhcn.daklak', 'skhcn.lamdong', 'skhcn.quangngai', 'skhcn.khanhhoa']) {
      const me = (await t.http.get('/api/auth/me').set(auth(await t.token(user))).expect(200)).body;
      assert.equal(me.role, 'unit_officer');
    }
  });

  it('reports across the change: a cluster over ten years with its predecessor, and a unit with its predecessors (API and Excel)', async () => {
    const secretary = await t.token('cum6.secretary');
    const history = (await t.http.get(`/api/clusters/${c6}/history`).set(auth(secretary)).expect(200)).body;
    assert.deepEqual([history.from, history.to, history.years.length], [Number(today.slice(0, 4)) - 9, Number(today.slice(0, 4)), 10]);
    const byYear = new Map(history.years.map((x: { year: number }) => [x.year, x]));
    const y2019 = byYear.get(2019) as { clusterName: string; organizerName: string; members: Array<{ name: string; nowName: string | null }>; ranking: Array<{ rank: number; unit: { name: string } }>; awards: Array<{ awardLabel: string; unit: { name: string } }> };
    assert.deepEqual([y2019.clusterName, y2019.organizerName], ['Cụm thi đua số 6', 'Bộ Thông tin và Truyền thông'], 'the predecessor cluster holds 2019');
    assert.equal(y2019.members.find((u) => u.name === 'Sở Thông tin và Truyền thông tỉnh Phú Yên')?.nowName, 'Sở Khoa học và Công nghệ tỉnh Đắk Lắk');
    assert.equal(y2019.ranking[0].unit.name, 'Sở Thông tin và Truyền thông tỉnh Đắk Lắk');
    assert.deepEqual(y2019.awards.map((a) => a.unit.name).sort(), ['Sở Thông tin và Truyền thông tỉnh Gia Lai', 'Sở Thông tin và Truyền thông tỉnh Lâm Đồng', 'Sở Thông tin và Truyền thông tỉnh Phú Yên', 'Sở Thông tin và Truyền thông tỉnh Đắk Lắk']);
    const last = byYear.get(year - 1) as { organizerName: string; members: unknown[] };
    assert.deepEqual([last.organizerName, last.members.length], ['Bộ Khoa học và Công nghệ', 5]);
    const bad = await t.http.get(`/api/clusters/${c6}/history`).query({ from: 2030, to: 2020 }).set(auth(secretary));
    assert.equal(bad.status, 400);
    assert.equal(bad.body.details[0].field, 'from');

    const xlsx = await t.http.get(`/api/clusters/${c6}/history.xlsx`).set(auth(secretary)).buffer(true).parse(binary).expect(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body);
    const sheet = book.worksheets[0];
    assert.match(String(sheet.getCell(1, 1).value), /^CỤM THI ĐUA SỐ 6 \(BỘ KHOA HỌC VÀ CÔNG NGHỆ\) – THÀNH VIÊN, XẾP HẠNG VÀ KHEN THƯỞNG/);
    const rows: string[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    const phuyen2019 = rows.find((r) => r[0] === '2019' && r[2] === 'Sở Thông tin và Truyền thông tỉnh Phú Yên')!;
    assert.equal(phuyen2019[4], '2');
    assert.match(phuyen2019[6], /^Cờ thi đua/);
    assert.equal(phuyen2019[7], 'Nay là Sở Khoa học và Công nghệ tỉnh Đắk Lắk');

    const officer = await t.token('skhcn.daklak');
    const unit = (await t.http.get(`/api/units/${await ids.unit('SKHCN-DAKLAK')}/history`).set(auth(officer)).expect(200)).body;
    assert.deepEqual(unit.predecessors.map((x: { unit: { name: string } }) => x.unit.name).sort(), ['Sở Khoa học và Công nghệ tỉnh Phú Yên', 'Sở Khoa học và Công nghệ tỉnh Đắk Lắk', 'Sở Thông tin và Truyền thông tỉnh Phú Yên', 'Sở Thông tin và Truyền thông tỉnh Đắk Lắk']);
    assert.ok(unit.memberships.some((ms: { year: number; unit: { name: string } }) => ms.year === 2019 && ms.unit.name === 'Sở Thông tin và Truyền thông tỉnh Phú Yên'));
    const unitXlsx = await t.http.get(`/api/units/${await ids.unit('SKHCN-DAKLAK')}/history.xlsx`).set(auth(officer)).buffer(true).parse(binary).expect(200);
    const unitBook = new ExcelJS.Workbook();
    await unitBook.xlsx.load(unitXlsx.body);
    const unitSheet = unitBook.worksheets[0];
    assert.equal(unitSheet.getCell(1, 1).value, 'LỊCH SỬ KHEN THƯỞNG CỦA SỞ KHOA HỌC VÀ CÔNG NGHỆ TỈNH ĐẮK LẮK VÀ CÁC ĐƠN VỊ TIỀN THÂN');
    const awardRows: string[][] = [];
    unitSheet.eachRow((row, n) => n > 3 && awardRows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    assert.equal(awardRows.length, unit.awards.length);
    for (const name of ['Sở Thông tin và Truyền thông tỉnh Phú Yên', 'Sở Thông tin và Truyền thông tỉnh Đắk Lắk']) {
      assert.ok(awardRows.some((r) => r[0] === '2019' && r[1] === name && r[5] === 'Cụm thi đua số 6 – Bộ Thông tin và Truyền thông' && r[6] === 'Đơn vị tiền thân, nay là Sở Khoa học và Công nghệ tỉnh Đắk Lắk'), name);
    }
    // The interim Sở KH&CN Phú Yên (itself merged on 01/07/2025): its predecessor is now Đắk Lắk's, not Phú Yên's.
    const interimBook = new ExcelJS.Workbook();
    await interimBook.xlsx.load((await t.http.get(`/api/units/${await ids.unit('SKHCN63-PHUYEN')}/history.xlsx`).set(auth(officer)).buffer(true).parse(binary).expect(200)).body);
    const interimRows: string[][] = [];
    interimBook.worksheets[0].eachRow((row, n) => n > 3 && interimRows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    assert.ok(interimRows.some((r) => r[1] === 'Sở Thông tin và Truyền thông tỉnh Phú Yên' && r[6] === 'Đơn vị tiền thân, nay là Sở Khoa học và Công nghệ tỉnh Đắk Lắk'), JSON.stringify(interimRows));
    // A unit outside the caller's scope is not found.
    await t.http.get(`/api/units/${await ids.unit('SKHCN-HANOI')}/history`).set(auth(officer)).expect(404);
  });
});
