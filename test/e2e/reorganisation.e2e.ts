import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { todayInVietnam } from '../../src/common/time';
import { DEMO_PASSWORD, TEST_DB, TestApp, demoIds, startTestApp } from '../support/test-app';

const addDays = (iso: string, days: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/**
 * The 2025 reorganisation (issue 16): a merger in the middle of a year, Bộ KH&CN's division of its units with one
 * left out, a past year opened again (a replay), and the award history that follows a unit into its successor.
 */
describe(`the reorganisation: mergers, divisions, replays (${TEST_DB})`, () => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof demoIds>>;
  let admin: string;
  let reviewer: string;
  let bkhcn: string;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  /** The merger day: about six weeks ago, so that the year it falls in is under way or just over. */
  const mergeOn = addDays(todayInVietnam(), -45);
  const year = Number(mergeOn.slice(0, 4));

  before(async () => {
    t = await startTestApp();
    ids = await demoIds(t);
    admin = await t.token('admin');
    reviewer = await t.token('reviewer');
    bkhcn = await ids.unit('BKHCN');
  });
  after(() => t.close());

  const newUnit = async (code: string, name: string, activeFrom = '2025-07-01') =>
    (await t.http.post('/api/units').set(auth(admin)).send({ code, kind: 'MEMBER', name, shortName: name.replace('Sở Khoa học và Công nghệ', 'Sở KH&CN'), province: 'Thử nghiệm', activeFrom }).expect(201)).body as { id: string; version: number };

  it('the successors are recorded with the legal basis of each step; the ended Sở TTTT keeps its history', async () => {
    const phuyen = (await t.http.get(`/api/units/${await ids.unit('STTTT-PHUYEN')}`).set(auth(admin)).expect(200)).body;
    assert.equal(phuyen.activeTo, '2025-02-28');
    assert.match(phuyen.successionBasis, /^Nghị định số 45\/2025\/NĐ-CP ngày 28 tháng 02 năm 2025 của Chính phủ quy định tổ chức các cơ quan chuyên môn/);
    const interim = (await t.http.get(`/api/units/${phuyen.successorId}`).set(auth(admin)).expect(200)).body;
    assert.deepEqual([interim.name, interim.activeFrom, interim.activeTo], ['Sở Khoa học và Công nghệ tỉnh Phú Yên', '2025-03-01', '2025-06-30']);
    assert.match(interim.successionBasis, /Nghị quyết số 202\/2025\/QH15 ngày 12 tháng 6 năm 2025 của Quốc hội về việc sắp xếp đơn vị hành chính cấp tỉnh, Điều 1 khoản 15/);
    const now = (await t.http.get(`/api/units/${interim.successorId}`).set(auth(admin)).expect(200)).body;
    assert.deepEqual([now.code, now.name, now.activeFrom, now.activeTo], ['SKHCN-DAKLAK', 'Sở Khoa học và Công nghệ tỉnh Đắk Lắk', '2025-07-01', null]);
    // The district level ended on 01/07/2025: Nghệ An's district units end with it, without successor.
    const vinh = (await t.http.get('/api/units').query({ q: 'Phòng Văn hóa và Thông tin thành phố Vinh' }).set(auth(admin)).expect(200)).body.items[0];
    assert.deepEqual([vinh.activeTo, vinh.successorId], ['2025-06-30', null]);
    assert.match(vinh.successionBasis, /Nghị quyết số 203\/2025\/QH15 .* Điều 2 khoản 2/);
    // Bộ KH&CN's reviewer reads Bộ TTTT's clusters (its predecessor's records) and acts for it.
    const clusters = (await t.http.get('/api/clusters').set(auth(reviewer)).expect(200)).body as Array<{ id: string }>;
    assert.ok(clusters.some((c) => c.id === ids.cum6));
  });

  it('a merger in the middle of a year: the merged unit ends, its place passes to the successor, its account only reads', async () => {
    const a = await newUnit('SKHCN-TN-A', 'Sở Khoa học và Công nghệ tỉnh Thử nghiệm A');
    const b = await newUnit('SKHCN-TN-B', 'Sở Khoa học và Công nghệ tỉnh Thử nghiệm B');
    const c = await newUnit('SKHCN-TN-C', 'Sở Khoa học và Công nghệ tỉnh Thử nghiệm C');
    const cluster = (await t.http.post('/api/clusters').set(auth(reviewer)).send({ organizerId: bkhcn, number: 41, name: 'Cụm thi đua số 41', documentCode: 'CTĐ41', reason: 'Cụm thử nghiệm' }).expect(201)).body;
    const decision = (await t.http.post('/api/cluster-decisions').set(auth(reviewer)).send({ organizerId: bkhcn, number: '41/QĐ-BKHCN', signedOn: `${year}-01-05`, effectiveYear: year, reason: 'Phân cụm' }).expect(201)).body;
    const dl = await ids.unit('SKHCN-DAKLAK');
    await t.http.post(`/api/cluster-decisions/${decision.id}/division`).set(auth(reviewer)).send({ year, reason: 'Phân cụm', assignments: [a.id, b.id, dl].map((unitId) => ({ clusterId: cluster.id, unitId })) }).expect(201);
    await t.http.post('/api/users').set(auth(admin)).send({ username: 'tn.a', fullName: 'Cán bộ Thử nghiệm A', role: 'unit_officer', unitId: a.id, password: 'Mat-Khau-Thu-Nghiem-2026' }).expect(201);
    const officerA = (await t.http.post('/api/auth/login').send({ username: 'tn.a', password: 'Mat-Khau-Thu-Nghiem-2026' }).expect(200)).body.accessToken;

    // A into Sở KH&CN Đắk Lắk (already a member of the year): A's membership of the year ends.
    const bad = await t.http.post(`/api/units/${a.id}/merge`).set(auth(admin)).send({ successorId: a.id, effectiveOn: mergeOn, basis: 'Quyết định thử nghiệm', version: a.version, reason: 'Sáp nhập' });
    assert.equal(bad.status, 422);
    assert.equal(bad.body.details[0].field, 'successorId');
    const merged = (await t.http.post(`/api/units/${a.id}/merge`).set(auth(admin)).send({ successorId: dl, effectiveOn: mergeOn, basis: 'Quyết định số 1/QĐ-UBND (thử nghiệm)', version: a.version, reason: 'Sáp nhập giữa năm' }).expect(200)).body;
    assert.deepEqual([merged.unit.activeTo, merged.unit.successorId, merged.closedYears, merged.transferredYears], [addDays(mergeOn, -1), dl, [year], []]);
    // B into C (not a member): B's place in the cluster passes to C.
    const mergedB = (await t.http.post(`/api/units/${b.id}/merge`).set(auth(admin)).send({ successorId: c.id, effectiveOn: mergeOn, basis: 'Quyết định số 2/QĐ-UBND (thử nghiệm)', version: b.version, reason: 'Hợp nhất giữa năm' }).expect(200)).body;
    assert.deepEqual(mergedB.transferredYears, [year]);
    const members = (await t.http.get(`/api/clusters/${cluster.id}/members`).query({ year }).set(auth(reviewer)).expect(200)).body as Array<{ unit: { id: string }; leftOn: string | null }>;
    assert.deepEqual(members.filter((m) => !m.leftOn).map((m) => m.unit.id).sort(), [c.id, dl].sort(), 'the members to the end of the year');
    assert.deepEqual(members.filter((m) => m.leftOn).map((m) => [m.unit.id, m.leftOn]).sort(), [[a.id, addDays(mergeOn, -1)], [b.id, addDays(mergeOn, -1)]].sort(), 'the merged units keep their record of the year');
    const division = (await t.http.get('/api/cluster-decisions/division').query({ organizerId: bkhcn, year }).set(auth(reviewer)).expect(200)).body;
    assert.deepEqual(division.clusters.find((x: { clusterId: string }) => x.clusterId === cluster.id).members.length, 2);
    assert.deepEqual(division.ended, []);
    const trail = (await t.http.get('/api/audit').query({ action: 'membership.transfer' }).set(auth(admin)).expect(200)).body;
    assert.match(trail.items[0].reason, /Sáp nhập Sở KH&CN tỉnh Thử nghiệm B vào Sở KH&CN tỉnh Thử nghiệm C/);
    // A's officer keeps reading A's history and does nothing more.
    await t.http.get(`/api/clusters/${cluster.id}`).set(auth(officerA)).expect(200);
    const refused = await t.http.post(`/api/clusters/${cluster.id}/years/${year}/pledge/signatures`).set(auth(officerA)).send({ signerName: 'A', signerTitle: 'Giám đốc' }).expect(403);
    assert.match(refused.body.message, /đã kết thúc hoạt động ngày .*: tài khoản chỉ còn quyền xem lịch sử/);
    // A second merger of A is refused; nothing changes.
    const before = await t.snapshot();
    const again = await t.http.post(`/api/units/${a.id}/merge`).set(auth(admin)).send({ successorId: c.id, effectiveOn: mergeOn, basis: 'x', version: merged.unit.version, reason: 'Lại' });
    assert.equal(again.status, 422);
    assert.match(again.body.message, /đã được sáp nhập trước đó/);
    assert.equal(await t.snapshot(), before);
  });

  it('a merger recorded ahead of its date: the unit still acts and its pages say what will happen, not "nay là"', async () => {
    const d = await newUnit('SKHCN-TN-D', 'Sở Khoa học và Công nghệ tỉnh Thử nghiệm D');
    const e = await newUnit('SKHCN-TN-E', 'Sở Khoa học và Công nghệ tỉnh Thử nghiệm E');
    const f = await newUnit('SKHCN-TN-F', 'Sở Khoa học và Công nghệ tỉnh Thử nghiệm F');
    // E went into D last year; D goes into F in two months.
    const eNow = (await t.http.post(`/api/units/${e.id}/merge`).set(auth(admin)).send({ successorId: d.id, effectiveOn: addDays(todayInVietnam(), -300), basis: 'Quyết định số 3/QĐ-UBND (thử nghiệm)', version: e.version, reason: 'Sáp nhập' }).expect(200)).body;
    assert.equal(eNow.unit.successorId, d.id);
    const on = addDays(todayInVietnam(), 60);
    await t.http.post(`/api/units/${d.id}/merge`).set(auth(admin)).send({ successorId: f.id, effectiveOn: on, basis: 'Quyết định số 4/QĐ-UBND (thử nghiệm)', version: d.version, reason: 'Sáp nhập đã quyết định' }).expect(200);
    const page = (await t.http.get(`/don-vi/${d.id}`).set(auth(admin)).set('Accept', 'text/html').expect(200)).text;
    const fmt = (iso: string) => iso.split('-').reverse().join('/');
    assert.ok(page.includes(`Đơn vị hoạt động đến hết ngày ${fmt(addDays(on, -1))}; từ ngày ${fmt(on)} sáp nhập vào`), page.slice(0, 3000));
    assert.ok(!page.includes('đã kết thúc hoạt động'), 'not ended yet');
    // E, ended, is now D (D's own merger has not happened yet): its history says so, and so does D's list of predecessors.
    const history = (await t.http.get(`/api/units/${d.id}/history`).set(auth(admin)).expect(200)).body as { predecessors: Array<{ unit: { id: string; nowName: string | null } }> };
    assert.deepEqual(history.predecessors.map((x) => [x.unit.id, x.unit.nowName]), [[e.id, 'Sở Khoa học và Công nghệ tỉnh Thử nghiệm D']]);
    const ePage = (await t.http.get(`/don-vi/${e.id}`).set(auth(admin)).set('Accept', 'text/html').expect(200)).text;
    assert.match(ePage, /đã kết thúc hoạt động ngày [\d/]+, nay là <a href="\/don-vi\/[^"]+">Sở Khoa học và Công nghệ tỉnh Thử nghiệm D<\/a>/);
    // Who acts for whom (security review): D's officer for D and E, which ended; F's officer for F alone until D ends
    // — a successor set ahead of the day gives nothing before it (it let another member sign a pledge for an active unit).
    const actsFor = async (username: string, unitId: string) => {
      await t.http.post('/api/users').set(auth(admin)).send({ username, fullName: 'Cán bộ thử nghiệm', role: 'unit_officer', unitId, password: DEMO_PASSWORD, reason: 'Tài khoản thử nghiệm' }).expect(201);
      return ((await t.http.get('/api/auth/me').set(auth(await t.token(username))).expect(200)).body as { unitIds: string[] }).unitIds;
    };
    assert.deepEqual(await actsFor('thunghiem.d', d.id), [d.id, e.id]);
    assert.deepEqual(await actsFor('thunghiem.f', f.id), [f.id]);
    // A successor set by editing the unit follows the merger's rules: of the same kind (a ministry is not a Sở's successor).
    const fNow = (await t.http.get(`/api/units/${f.id}`).set(auth(admin)).expect(200)).body as { version: number };
    const wrongKind = await t.http.patch(`/api/units/${f.id}`).set(auth(admin)).send({ version: fNow.version, successorId: ids.successorMinistry, activeTo: addDays(todayInVietnam(), -1), reason: 'Thử' });
    assert.deepEqual([wrongKind.status, wrongKind.body.details?.[0]?.field], [422, 'successorId'], JSON.stringify(wrongKind.body));
    // … and is active on the day after the unit's end: not a unit that starts later, nothing written.
    const g = await newUnit('SKHCN-TN-G', 'Sở Khoa học và Công nghệ tỉnh Thử nghiệm G', addDays(todayInVietnam(), 30));
    const beforeLate = await t.snapshot();
    const late = await t.http.patch(`/api/units/${f.id}`).set(auth(admin)).send({ version: fNow.version, successorId: g.id, activeTo: addDays(todayInVietnam(), -1), reason: 'Thử' });
    assert.deepEqual([late.status, late.body.details?.[0]?.field], [422, 'successorId'], JSON.stringify(late.body));
    assert.match(late.body.details[0].message, /^Sở KH&CN tỉnh Thử nghiệm G không hoạt động vào ngày \d{2}\/\d{2}\/\d{4}, ngày liền sau ngày đơn vị này kết thúc hoạt động\.$/);
    assert.equal(await t.snapshot(), beforeLate);
  });

  it('Bộ KH&CN divides its units for 2025 by a decision; the report names the units left out and where they were', async () => {
    const decision = (await t.http.post('/api/cluster-decisions').set(auth(reviewer)).send({ organizerId: bkhcn, number: '07/QĐ-BKHCN', signedOn: '2025-08-15', effectiveYear: 2025, reason: 'Phân cụm sau sắp xếp' }).expect(201)).body;
    const c6 = (await t.http.post('/api/clusters').set(auth(reviewer)).send({ organizerId: bkhcn, number: 6, name: 'Cụm thi đua số 6', documentCode: 'CTĐ6', predecessorId: ids.cum6, reason: 'Tiếp nối Cụm 6 của Bộ TTTT' }).expect(201)).body;
    assert.equal(c6.predecessorId, ids.cum6);
    const foreign = await t.http.post('/api/clusters').set(auth(reviewer)).send({ organizerId: bkhcn, number: 9, name: 'Cụm 9', documentCode: 'CTĐ9', predecessorId: c6.id });
    assert.equal(foreign.status, 422, 'a predecessor must be a cluster of an organiser it succeeded');
    const units = { GL: await ids.unit('SKHCN-GIALAI'), DL: await ids.unit('SKHCN-DAKLAK'), LD: await ids.unit('SKHCN-LAMDONG'), QN: await ids.unit('SKHCN-QUANGNGAI') };
    const before = await t.snapshot();
    const twice = await t.http.post(`/api/cluster-decisions/${decision.id}/division`).set(auth(reviewer)).send({ year: 2025, reason: 'Phân cụm', assignments: [{ clusterId: c6.id, unitId: units.GL }, { clusterId: c6.id, unitId: units.GL }] });
    assert.equal(twice.status, 409);
    assert.match(twice.body.details[0].message, /được phân vào hơn một cụm trong năm 2025/);
    const old = await t.http.post(`/api/cluster-decisions/${decision.id}/division`).set(auth(reviewer)).send({ year: 2025, reason: 'Phân cụm', assignments: [{ clusterId: c6.id, unitId: ids.gialai }] });
    assert.equal(old.status, 422, 'Sở TTTT Gia Lai ended before 2025');
    // A unit of another organiser's scope (a district unit of Nghệ An's clusters) is not taken, as when adding one member.
    const [na] = await t.dataSource.query(`SELECT id FROM units WHERE code LIKE 'PVHTT-NA-%' ORDER BY code LIMIT 1`);
    const stranger = await t.http.post(`/api/cluster-decisions/${decision.id}/division`).set(auth(reviewer)).send({ year: 2025, reason: 'Phân cụm', assignments: [{ clusterId: c6.id, unitId: units.GL }, { clusterId: c6.id, unitId: na.id }] });
    assert.deepEqual([stranger.status, stranger.body.details?.[0]?.field, stranger.body.details?.[0]?.message], [422, 'assignments.1.unitId', 'Không tìm thấy đơn vị thành viên này.']);
    assert.equal(await t.snapshot(), before, 'all or nothing');

    const report = (await t.http.post(`/api/cluster-decisions/${decision.id}/division`).set(auth(reviewer)).send({ year: 2025, reason: 'Phân cụm năm 2025', assignments: Object.values(units).map((unitId) => ({ clusterId: c6.id, unitId })) }).expect(201)).body;
    assert.equal(report.complete, false);
    assert.deepEqual(report.clusters.find((c: { clusterId: string }) => c.clusterId === c6.id).members.map((u: { shortName: string }) => u.shortName), ['Sở KH&CN Đắk Lắk', 'Sở KH&CN Gia Lai', 'Sở KH&CN Lâm Đồng', 'Sở KH&CN Quảng Ngãi']);
    const left = new Map(report.leftOut.map((x: { unit: { shortName: string }; previousCluster: string; previousUnit: string | null }) => [x.unit.shortName, x]));
    // Khánh Hòa took over Ninh Thuận (Cụm 7 of Bộ TTTT); Hà Nội stays itself; no Sở TTTT is expected any more.
    assert.deepEqual(left.get('Sở KH&CN Khánh Hòa'), { ...(left.get('Sở KH&CN Khánh Hòa') as object), previousCluster: 'Cụm thi đua số 7 (năm 2024)', previousUnit: 'Sở TTTT Ninh Thuận' });
    assert.ok(left.has('Sở KH&CN Hà Nội'));
    assert.ok(![...left.keys()].some((name) => String(name).startsWith('Sở TTTT')));
    assert.equal(left.size, 12, 'the 16 Sở KH&CN that took over Bộ TTTT’s members, less the 4 divided');
    const read = (await t.http.get('/api/cluster-decisions/division').query({ organizerId: bkhcn, year: 2025 }).set(auth(reviewer)).expect(200)).body;
    assert.deepEqual(read.leftOut.length, 12);
    await t.http.get('/api/cluster-decisions/division').query({ organizerId: bkhcn, year: 2025 }).set(auth(await t.token('cum6.secretary'))).expect(403);
    // Bộ TTTT, which ended on 28/02/2025, divides nothing after it: no decision, no cluster, no division; its report says who does.
    const lateDecision = await t.http.post('/api/cluster-decisions').set(auth(reviewer)).send({ organizerId: ids.ministry, number: '99/QĐ-BTTTT', signedOn: '2026-11-30', effectiveYear: 2026 });
    assert.equal(lateDecision.status, 422);
    assert.equal(lateDecision.body.details[0].field, 'signedOn');
    assert.match(lateDecision.body.message, /Bộ TTTT đã kết thúc hoạt động ngày 28\/02\/2025, nay là Bộ Khoa học và Công nghệ/);
    const lateCluster = await t.http.post('/api/clusters').set(auth(reviewer)).send({ organizerId: ids.ministry, number: 9, name: 'Cụm thi đua số 9', documentCode: 'CTĐ9' });
    assert.equal(lateCluster.status, 422);
    const oldDecision = (await t.http.post('/api/cluster-decisions').set(auth(reviewer)).send({ organizerId: ids.ministry, number: '98/QĐ-BTTTT', signedOn: '2024-12-20', effectiveYear: 2025 }).expect(201)).body;
    const lateDivision = await t.http.post(`/api/cluster-decisions/${oldDecision.id}/division`).set(auth(reviewer)).send({ year: 2026, reason: 'Phân cụm', assignments: [{ clusterId: ids.cum6, unitId: units.DL }] });
    assert.equal(lateDivision.status, 422);
    assert.equal(lateDivision.body.details[0].field, 'year');
    const oldReport = (await t.http.get('/api/cluster-decisions/division').query({ organizerId: ids.ministry, year: 2025 }).set(auth(reviewer)).expect(200)).body;
    assert.match(oldReport.notice, /năm 2025 do Bộ Khoa học và Công nghệ tổ chức/);
    assert.deepEqual(oldReport.leftOut, []);
    const continuedTwice = await t.http.post('/api/clusters').set(auth(reviewer)).send({ organizerId: bkhcn, number: 16, name: 'Cụm thi đua số 16', documentCode: 'CTĐ16', predecessorId: ids.cum6 });
    assert.equal(continuedTwice.status, 409, 'a cluster is continued by one cluster only');
  });

  it('opens a past year again as a replay, with phases checked against that year, and changes them with a reason', async () => {
    const secretary = await t.token('cum1.secretary');
    const bad = await t.http.post(`/api/clusters/${ids.cum1}/years`).set(auth(secretary)).send({ year: 2021, scoringOpensOn: '2023-01-10', reason: 'Nhập lại năm 2021' });
    assert.equal(bad.status, 422);
    assert.equal(bad.body.details[0].field, 'scoringOpensOn');
    const ended = await t.http.post(`/api/clusters/${ids.cum1}/years`).set(auth(secretary)).send({ year: 2026, reason: 'Mở năm' });
    assert.equal(ended.status, 422);
    assert.match(ended.body.message, /Bộ TTTT kết thúc hoạt động ngày 28\/02\/2025: năm 2026 do Bộ Khoa học và Công nghệ tổ chức/);
    const noMembers = await t.http.post(`/api/clusters/${ids.naCum1}/years`).set(auth(admin)).send({ year: 2012, reason: 'Mở năm' });
    assert.equal(noMembers.status, 422);
    assert.match(noMembers.body.message, /Cụm chưa có thành viên trong năm 2012/);
    const opened = (await t.http.post(`/api/clusters/${ids.cum1}/years`).set(auth(secretary)).send({ year: 2021, scoringOpensOn: '2021-11-15', scoringClosesOn: '2021-12-10', reason: 'Nhập lại năm 2021' }).expect(201)).body;
    assert.equal(opened.replay, true);
    assert.match(opened.replayNote, /^Năm thi đua 2021 được mở ngày \d{2}\/\d{2}\/\d{4}, sau khi năm đã kết thúc: đây là nhập lại dữ liệu của năm đã qua/);
    const noReason = await t.http.patch(`/api/clusters/${ids.cum1}/years/2021`).set(auth(secretary)).send({ version: opened.version, reviewMeetingOn: '2022-03-11' });
    assert.equal(noReason.status, 400);
    const moved = (await t.http.patch(`/api/clusters/${ids.cum1}/years/2021`).set(auth(reviewer)).send({ version: opened.version, reviewMeetingOn: '2022-03-11', reason: 'Ngày họp theo biên bản' }).expect(200)).body;
    assert.equal(moved.reviewMeetingOn, '2022-03-11');
    const trail = (await t.http.get('/api/audit').query({ action: 'emulation_year.update' }).set(auth(admin)).expect(200)).body;
    assert.equal(trail.items[0].reason, 'Ngày họp theo biên bản');
    // The same dates saved again change nothing: no new version, no entry in the trail.
    const before = await t.snapshot();
    const same = (await t.http.patch(`/api/clusters/${ids.cum1}/years/2021`).set(auth(reviewer)).send({ version: moved.version, reviewMeetingOn: '2022-03-11', reason: 'Lưu lại' }).expect(200)).body;
    assert.equal(same.version, moved.version);
    assert.equal(await t.snapshot(), before);
    await t.http.patch(`/api/clusters/${ids.cum1}/years/2021`).set(auth(reviewer)).send({ version: moved.version - 1, reviewMeetingOn: '2022-03-11', reason: 'Lưu lại' }).expect(409);
  });

  it('replaying a year, a successor of several members acts for each, naming which (Sở KH&CN Vĩnh Long for Bến Tre, Vĩnh Long and Trà Vinh)', async () => {
    const cum8 = (await t.http.get('/api/clusters').set(auth(admin)).expect(200)).body.find((c: { organizerId: string; number: number }) => c.organizerId === ids.ministry && c.number === 8).id;
    const base = `/api/clusters/${cum8}/years/2022`;
    await t.http.post(`/api/clusters/${cum8}/years`).set(auth(admin)).send({ year: 2022, reason: 'Nhập lại năm 2022' }).expect(201);
    await t.http.post(`${base}/criteria`).set(auth(admin)).send({ from: 'TEMPLATE', templateCode: 'CUM6-2020' }).expect(201);
    const vinhLong = await ids.unit('SKHCN-VINHLONG');
    await t.http.post('/api/users').set(auth(admin)).send({ username: 'vinhlong.officer', fullName: 'Cán bộ Sở KH&CN Vĩnh Long', role: 'unit_officer', unitId: vinhLong, password: 'Mat-Khau-Vinh-Long-2026' }).expect(201);
    const officer = (await t.http.post('/api/auth/login').send({ username: 'vinhlong.officer', password: 'Mat-Khau-Vinh-Long-2026' }).expect(200)).body.accessToken;
    const benTre = await ids.unit('STTTT-BENTRE');
    const self = (await t.http.post(`${base}/scoring/sheets`).set(auth(officer)).send({ targetUnitId: benTre, kind: 'SELF' }).expect(201)).body;
    assert.equal(self.scorer.id, benTre, 'it scores Bến Tre for Bến Tre');
    const assignments = (await t.http.get(`${base}/scoring/assignments`).set(auth(admin)).expect(200)).body as Array<{ scorer: { id: string }; targets: Array<{ id: string }> }>;
    const target = assignments.find((a) => a.scorer.id === benTre)!.targets[0].id;
    const ambiguous = await t.http.post(`${base}/scoring/sheets`).set(auth(officer)).send({ targetUnitId: target, kind: 'PEER' });
    assert.equal(ambiguous.status, 422);
    assert.equal(ambiguous.body.details[0].field, 'unitId');
    assert.match(ambiguous.body.message, /kế thừa nhiều đơn vị thành viên của năm này/);
    const peer = (await t.http.post(`${base}/scoring/sheets`).set(auth(officer)).send({ targetUnitId: target, kind: 'PEER', scorerUnitId: benTre }).expect(201)).body;
    assert.equal(peer.scorer.id, benTre);
    const foreign = await t.http.post(`${base}/scoring/sheets`).set(auth(officer)).send({ targetUnitId: target, kind: 'PEER', scorerUnitId: await ids.unit('STTTT-CAMAU') });
    assert.equal(foreign.status, 403, 'never for a unit it did not take over');
  });
});
