import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { POPPLER_MISSING, pdftotext, squash, tempFile } from '../support/pdf-tools';
import { TEST_DB, TestApp, actorFor, binary, demoIds, startTestApp } from '../support/test-app';

type Voter = { token: string; unitId: string; user: string };
type Ref = { id: string; name: string; shortName: string };

/** The review meeting's secret ballot: opened above the quorum, cast once per unit, tallied, verifiable, and secret. */
describe(`secret ballot at the review meeting (${TEST_DB})`, () => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof demoIds>>;
  let secretary: string;
  let voters: Voter[];
  let units: string[];
  let flag: { id: string; version: number; candidates: Array<{ unit: Ref }> };
  const cast: Array<{ unitId: string; receipt: string; choices: string[] }> = [];
  const logs: string[] = [];
  const answers: string[] = [];
  const base = () => `/api/clusters/${ids.cum6}/years/2019`;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  before(async () => {
    // Every log line the application writes, at the most verbose level, is kept for the secrecy check.
    t = await startTestApp({ LOG_LEVEL: 'verbose' });
    for (const stream of [process.stdout, process.stderr]) {
      const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
      stream.write = ((chunk: unknown, ...rest: unknown[]) => {
        logs.push(String(chunk));
        return write(chunk, ...rest);
      }) as typeof stream.write;
    }
    ids = await demoIds(t);
    secretary = await t.token('cum6.secretary');
    voters = await Promise.all(['gialai', 'phuyen', 'daklak', 'lamdong', 'kontum', 'daknong'].map((u) => actorFor(t, u)));
    units = voters.map((v) => v.unitId);
    await t.http.post(`/api/clusters/${ids.cum6}/regulations`).set(auth(secretary)).send({
      title: 'Quy chế hoạt động của Cụm thi đua số 6 (minh họa)', adoptedOn: '2020-02-20', effectiveFrom: '2020-02-20',
      flagShare: 5000, flagStrictlyAbove: true, meritShare: 5000, meritStrictlyAbove: true, quorum: 6667, reason: 'Hội nghị cụm thông qua quy chế',
    }).expect(201);
  });
  after(() => t.close());

  it('below the regulation’s quorum (3 of 6 present, two thirds needed) a ballot does not open', async () => {
    let meeting = (await t.http.post(`${base()}/review-meeting`).set(auth(secretary)).send({ heldOn: '2020-03-06', place: 'Đắk Lắk', chairedBy: 'Giám đốc Sở TTTT Đắk Lắk', minutesBy: 'Thư ký Cụm thi đua số 6' }).expect(201)).body;
    meeting = (await t.http.put(`${base()}/review-meeting/attendance`).set(auth(secretary)).send({ version: meeting.version, entries: units.map((unitId, i) => ({ unitId, status: i < 3 ? 'PRESENT' : 'ABSENT' })) }).expect(200)).body;
    const before = await t.snapshot();
    const refused = await t.http.post(`${base()}/review-meeting/ballot-sessions`).set(auth(secretary)).send({ award: 'EMULATION_FLAG', mode: 'ONLINE' }).expect(422);
    assert.match(refused.body.message, /Chưa đủ số thành viên có mặt theo quy chế hoạt động của cụm \(có mặt 3\/6, cần từ 66,67% trở lên\)/);
    assert.equal(await t.snapshot(), before);
    await t.http.put(`${base()}/review-meeting/attendance`).set(auth(secretary)).send({ version: meeting.version, entries: units.map((unitId) => ({ unitId, status: 'PRESENT' })) }).expect(200);
  });

  it('the secretariat opens the Cờ ballot for the candidates the rules allow, with the six units present as voters', async () => {
    await t.http.post(`${base()}/review-meeting/ballot-sessions`).set(auth(voters[0].token)).send({ award: 'EMULATION_FLAG', mode: 'ONLINE' }).expect(403);
    flag = (await t.http.post(`${base()}/review-meeting/ballot-sessions`).set(auth(secretary)).send({ award: 'EMULATION_FLAG', mode: 'ONLINE' }).expect(201)).body;
    assert.equal(flag.candidates.length, 2, 'Cờ: the two units leading the ranking (quota 2)');
    const view = (await t.http.get(`/api/ballot-sessions/${flag.id}`).set(auth(secretary)).expect(200)).body;
    assert.deepEqual(view.roll.map((r: { unit: Ref }) => r.unit.id).sort(), [...units].sort());
    assert.equal(view.votedCount, 0);
    await t.http.post(`${base()}/review-meeting/ballot-sessions`).set(auth(secretary)).send({ award: 'EMULATION_FLAG', mode: 'PAPER' }).expect(409);
  });

  it('each unit votes once from its own account (a successor for its predecessors); outside the ballot and twice are refused', async () => {
    const [first, second] = flag.candidates.map((c) => c.unit.id);
    const outsider = units.find((u) => u !== first && u !== second)!;
    const v0 = voters[0];
    const bad = await t.http.post(`/api/ballot-sessions/${flag.id}/votes`).set(auth(v0.token)).send({ choices: [outsider], unitId: v0.unitId }).expect(422);
    assert.equal(bad.body.details[0].field, 'choices.0');
    await t.http.post(`/api/ballot-sessions/${flag.id}/votes`).set(auth(v0.token)).send({ choices: [first, second, first], unitId: v0.unitId }).expect(422);
    await t.http.post(`/api/ballot-sessions/${flag.id}/votes`).set(auth(secretary)).send({ choices: [first] }).expect(403);
    await t.http.post(`/api/ballot-sessions/${flag.id}/votes`).set(auth(await t.token('skhcn.khanhhoa'))).send({ choices: [first] }).expect(404);
    // Five approve the first, four the second; one approves none.
    const picks = [[first, second], [first], [first, second], [], [first, second], [first, second]];
    for (const [i, v] of voters.entries()) {
      const res = await t.http.post(`/api/ballot-sessions/${flag.id}/votes`).set(auth(v.token)).send({ choices: picks[i], unitId: v.unitId }).expect(201);
      assert.match(res.body.receipt, /^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      cast.push({ unitId: v.unitId, receipt: res.body.receipt, choices: picks[i] });
      answers.push(JSON.stringify(res.body));
      const live = (await t.http.get(`/api/ballot-sessions/${flag.id}`).set(auth(secretary)).expect(200)).body;
      assert.equal(live.votedCount, i + 1);
      assert.deepEqual(live.ballots, [], 'nothing of the ballots shows while the ballot is open');
      assert.equal(live.candidates[0].votes, null);
      answers.push(JSON.stringify(live));
    }
    const twice = await t.http.post(`/api/ballot-sessions/${flag.id}/votes`).set(auth(v0.token)).send({ choices: [], unitId: v0.unitId }).expect(409);
    assert.match(twice.body.message, /chỉ bỏ phiếu một lần/);
  });

  it('closed with the counting committee: the tally is published with every receipt and its ballot, and becomes the meeting’s result', async () => {
    const view = (await t.http.get(`/api/ballot-sessions/${flag.id}`).set(auth(secretary)).expect(200)).body;
    const closed = (await t.http.post(`/api/ballot-sessions/${flag.id}/close`).set(auth(secretary)).send({ version: view.version, countingCommittee: ['Nguyễn Văn A, Trưởng ban', 'Trần Thị B, Thành viên'] }).expect(201)).body;
    assert.deepEqual(closed.figures, { issued: 6, returned: 6, valid: 6, invalid: 0 });
    assert.deepEqual(closed.candidates.map((c: { votes: number; shareText: string }) => [c.votes, c.shareText]), [[5, '83,33%'], [4, '66,67%']]);
    // Every voter finds its ballot as cast under its receipt; anyone recounts the same figures.
    const published = new Map<string, string[]>(closed.ballots.map((b: { receipt: string; approved: Ref[] }) => [b.receipt, b.approved.map((x) => x.id).sort()]));
    for (const c of cast) assert.deepEqual(published.get(c.receipt), [...c.choices].sort());
    assert.deepEqual(closed.ballots.map((b: { receipt: string }) => b.receipt), [...cast.map((c) => c.receipt)].sort(), 'listed by receipt, not in the order of voting');
    const meeting = (await t.http.get(`${base()}/review-meeting`).set(auth(secretary)).expect(200)).body;
    const result = meeting.results.find((r: { award: string }) => r.award === 'EMULATION_FLAG');
    assert.deepEqual(result.candidates.map((c: { unit: Ref; votesFor: number; selected: boolean }) => [c.unit.id, c.votesFor, c.selected]), closed.candidates.map((c: { unit: Ref; votes: number }) => [c.unit.id, c.votes, true]));
    // Final: no second close, no typed counts over it, no change of attendance.
    await t.http.post(`/api/ballot-sessions/${flag.id}/close`).set(auth(secretary)).send({ version: closed.version, countingCommittee: ['X'] }).expect(422);
    await t.http.put(`${base()}/review-meeting/ballots`).set(auth(secretary)).send({ version: meeting.version, ballots: [] }).expect(422);
    await t.http.put(`${base()}/review-meeting/attendance`).set(auth(secretary)).send({ version: meeting.version, entries: [] }).expect(422);
    await t.http.post(`/api/ballot-sessions/${flag.id}/votes`).set(auth(voters[1].token)).send({ choices: [], unitId: voters[1].unitId }).expect(422);
    // The proposals rest on the closed ballot's result.
    const proposal = (await t.http.post(`${base()}/proposals`).set(auth(secretary)).send({ award: 'EMULATION_FLAG', unitId: closed.candidates[0].unit.id }).expect(201)).body;
    assert.equal(proposal.votesFor, 5);
    answers.push(JSON.stringify(closed), JSON.stringify(meeting));
  });

  it('paper ballots: two people enter the counts; a second entry that disagrees is refused with the figures that differ', async () => {
    const merit = (await t.http.post(`${base()}/review-meeting/ballot-sessions`).set(auth(secretary)).send({ award: 'CERTIFICATE_OF_MERIT', mode: 'PAPER' }).expect(201)).body;
    const ids4 = merit.candidates.map((c: { unit: Ref }) => c.unit.id);
    // Three candidates tied at 4 of 6 (over half) for the two places of the quota.
    const counts = { issued: 6, returned: 6, valid: 6, invalid: 0, votes: ids4.map((unitId: string, i: number) => ({ unitId, votes: i < 3 ? 4 : 0 })) };
    const wrong = await t.http.post(`/api/ballot-sessions/${merit.id}/paper-counts`).set(auth(secretary)).send({ ...counts, invalid: 2 }).expect(422);
    assert.equal(wrong.body.details[0].field, 'invalid');
    await t.http.post(`/api/ballot-sessions/${merit.id}/paper-counts`).set(auth(secretary)).send(counts).expect(201);
    const again = await t.http.post(`/api/ballot-sessions/${merit.id}/paper-counts`).set(auth(secretary)).send(counts).expect(422);
    assert.match(again.body.message, /người khác/);
    const early = await t.http.post(`/api/ballot-sessions/${merit.id}/close`).set(auth(secretary)).send({ version: merit.version, countingCommittee: ['Nguyễn Văn A'] }).expect(422);
    assert.match(early.body.message, /chưa được hai người nhập khớp nhau/);
    const admin = await t.token('admin');
    const before = await t.snapshot();
    const differ = await t.http.post(`/api/ballot-sessions/${merit.id}/paper-counts`).set(auth(admin)).send({ ...counts, returned: 5, valid: 5, votes: counts.votes.map((v: { unitId: string; votes: number }, i: number) => (i === 0 ? { ...v, votes: 2 } : v)) }).expect(422);
    assert.match(differ.body.message, /Hai lần nhập không khớp nhau: Số phiếu thu về \(lần này nhập 5\); Số phiếu hợp lệ \(lần này nhập 5\); Số phiếu đồng ý của .+ \(lần này nhập 2\)/);
    assert.ok(!/lần 1|: 6|\b4\)/.test(differ.body.message), 'the first entry’s figures stay unseen (security review)');
    assert.equal(differ.body.details.length, 3);
    // Both entries are discarded (retrying the second alone would reveal the first, figure by figure): audited.
    assert.match(differ.body.message, /Cả hai lần nhập đã được hủy: kiểm lại phiếu, rồi hai người nhập lại\.$/);
    assert.notEqual(await t.snapshot(), before);
    assert.deepEqual((await t.http.get(`/api/ballot-sessions/${merit.id}`).set(auth(secretary)).expect(200)).body.paperEntries, []);
    const trail = (await t.http.get('/api/audit').query({ action: 'ballot.paper_count_mismatch' }).set(auth(admin)).expect(200)).body.items;
    assert.equal(trail.length, 1);
    await t.http.post(`/api/ballot-sessions/${merit.id}/paper-counts`).set(auth(secretary)).send(counts).expect(201);
    await t.http.post(`/api/ballot-sessions/${merit.id}/paper-counts`).set(auth(admin)).send(counts).expect(201);
    const closed = (await t.http.post(`/api/ballot-sessions/${merit.id}/close`).set(auth(secretary)).send({ version: merit.version, countingCommittee: ['Nguyễn Văn A, Trưởng ban'] }).expect(201)).body;
    assert.deepEqual(closed.figures, { issued: 6, returned: 6, valid: 6, invalid: 0 });
    assert.deepEqual(closed.ballots, []);
    answers.push(JSON.stringify(closed));
    // The tie at the last place goes to the chair: two of the three tied, with the reason; recorded once.
    let meeting = (await t.http.get(`${base()}/review-meeting`).set(auth(secretary)).expect(200)).body;
    const result = () => meeting.results.find((r: { award: string }) => r.award === 'CERTIFICATE_OF_MERIT');
    assert.equal(result().tiedAtLastPlace.length, 3);
    await t.http.post(`/api/ballot-sessions/${merit.id}/tie-decision`).set(auth(secretary)).send({ unitIds: [ids4[0]], reason: 'Một đơn vị' }).expect(422);
    await t.http.post(`/api/ballot-sessions/${merit.id}/tie-decision`).set(auth(secretary)).send({ unitIds: [ids4[0], ids4[3]], reason: 'Ngoài diện đồng phiếu' }).expect(422);
    const decided = (await t.http.post(`/api/ballot-sessions/${merit.id}/tie-decision`).set(auth(secretary)).send({ unitIds: [ids4[0], ids4[1]], reason: 'Chủ trì quyết định theo thứ hạng xếp hạng của cụm' }).expect(201)).body;
    assert.equal(decided.tieReason, 'Chủ trì quyết định theo thứ hạng xếp hạng của cụm');
    meeting = (await t.http.get(`${base()}/review-meeting`).set(auth(secretary)).expect(200)).body;
    assert.deepEqual(result().candidates.filter((c: { selected: boolean }) => c.selected).map((c: { unit: Ref }) => c.unit.id).sort(), [ids4[0], ids4[1]].sort());
    assert.deepEqual(result().tiedAtLastPlace, []);
    await t.http.post(`/api/ballot-sessions/${merit.id}/tie-decision`).set(auth(secretary)).send({ unitIds: [ids4[1], ids4[2]], reason: 'Đổi ý' }).expect(422);
  });

  it('the minutes state the ballots issued, returned, valid and invalid, the votes and shares, and the counting committee', async () => {
    const pdf = await t.http.get(`${base()}/review-meeting/minutes.pdf`).set(auth(secretary)).buffer(true).parse(binary).expect(200);
    if (POPPLER_MISSING) return;
    const text = squash(pdftotext(tempFile(pdf.body)));
    assert.ok(text.includes('Bỏ phiếu kín (trực tuyến trên hệ thống): số phiếu phát ra 6; số phiếu thu về 6; số phiếu hợp lệ 6; số phiếu không hợp lệ 0.'), text);
    assert.ok(text.includes('Bỏ phiếu kín (phiếu giấy): số phiếu phát ra 6; số phiếu thu về 6; số phiếu hợp lệ 6; số phiếu không hợp lệ 0.'));
    assert.ok(text.includes('Quyết định của chủ trì hội nghị về trường hợp đồng phiếu: Chủ trì quyết định theo thứ hạng xếp hạng của cụm'));
    assert.ok(text.includes('Ban kiểm phiếu: Nguyễn Văn A, Trưởng ban; Trần Thị B, Thành viên.'));
    assert.ok(text.includes('83,33%') && text.includes('66,67%'));
  });

  it('no table, audit entry, log line or API answer links a unit to its vote', async () => {
    const ds = t.dataSource;
    const receipts = cast.map((c) => c.receipt);
    // Every row of every table, as stored (no ORDER BY: the physical order).
    const tables = ds.entityMetadatas.map((e) => e.tableName);
    const dump = new Map<string, Record<string, unknown>[]>();
    for (const name of tables) dump.set(name, await ds.query(`SELECT * FROM "${name}"`));
    const box = dump.get('cast_ballots')!.filter((r) => r.session_id === flag.id);
    assert.deepEqual(Object.keys(box[0]).sort(), ['choices', 'receipt', 'session_id'], 'a ballot holds no voter, time or sequence');
    assert.deepEqual(box.map((r) => r.receipt), [...receipts].sort(), 'the box is stored in receipt order, whatever the order of voting');
    if (TEST_DB === 'sqlite') await assert.rejects(ds.query('SELECT rowid FROM cast_ballots'), /no such column: rowid/);
    for (const [name, rows] of dump) {
      if (name === 'cast_ballots') continue;
      const text = JSON.stringify(rows);
      for (const r of receipts) assert.ok(!text.includes(r), `receipt ${r} found in table ${name}`);
    }
    assert.deepEqual(Object.keys(dump.get('ballot_voters')![0]).sort(), ['session_id', 'unit_id', 'voted']);
    // The audit log says who voted, never how.
    const audit = dump.get('audit_entries')!;
    const voted = audit.filter((e) => e.action === 'ballot.voted');
    assert.equal(voted.length, 6);
    for (const e of voted) {
      const after = JSON.parse(String(e.after));
      assert.deepEqual(Object.keys(after), ['unitId']);
    }
    // Log lines and API answers carry no receipt beside its unit, and no ballot content beside a unit.
    const logText = logs.join('');
    for (const r of receipts) assert.ok(!logText.includes(r), `receipt ${r} in the log`);
    const cleanAnswers = answers.filter((a) => !a.startsWith('{"receipt"'));
    for (const a of cleanAnswers) {
      const parsed = JSON.parse(a) as { roll?: Array<Record<string, unknown>>; ballots?: Array<Record<string, unknown>> };
      for (const r of parsed.roll ?? []) assert.deepEqual(Object.keys(r).sort(), ['unit', 'voted']);
      for (const b of parsed.ballots ?? []) assert.deepEqual(Object.keys(b).sort(), ['approved', 'receipt']);
    }
    const auditApi = await t.http.get(`/api/audit?entityType=ballot_session`).set(auth(await t.token('admin')));
    for (const r of receipts) assert.ok(!JSON.stringify(auditApi.body).includes(r), 'receipt in the audit API');
  });
});
