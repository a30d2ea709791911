import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { POPPLER_MISSING, pdftotext, squash, tempFile } from '../support/pdf-tools';
import { TEST_DB, TestApp, actorFor, binary, demoIds, startTestApp } from '../support/test-app';

/** A small file that passes as a PDF by its content (the server sniffs the bytes). */
const LETTER = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(1024, 0x20), Buffer.from('\n%%EOF\n')]);

/** Written opinions of absent members: recorded with the scanned letter, counted only as the regulation says. */
describe(`written opinions in the secret ballot (${TEST_DB})`, () => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof demoIds>>;
  let secretary: string;
  let voters: Array<{ token: string; unitId: string }>;
  let absent: string;
  let regulation: { id: string; version: number };
  const base = () => `/api/clusters/${ids.cum6}/years/2019`;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  before(async () => {
    t = await startTestApp();
    ids = await demoIds(t);
    secretary = await t.token('cum6.secretary');
    const all = await Promise.all(['gialai', 'phuyen', 'daklak', 'lamdong', 'kontum', 'daknong'].map((u) => actorFor(t, u)));
    absent = all[4].unitId;
    voters = all.filter((v) => v.unitId !== absent);
    regulation = (await t.http.post(`/api/clusters/${ids.cum6}/regulations`).set(auth(secretary)).send({
      title: 'Quy chế hoạt động của Cụm thi đua số 6 (minh họa)', adoptedOn: '2020-02-20', effectiveFrom: '2020-02-20',
      flagShare: 5000, flagStrictlyAbove: true, meritShare: 5000, meritStrictlyAbove: true, quorum: 6667,
    }).expect(201)).body;
    const meeting = (await t.http.post(`${base()}/review-meeting`).set(auth(secretary)).send({ heldOn: '2020-03-06', place: 'Đắk Lắk', chairedBy: 'Chủ trì', minutesBy: 'Thư ký' }).expect(201)).body;
    await t.http.put(`${base()}/review-meeting/attendance`).set(auth(secretary)).send({ version: meeting.version, entries: all.map((v) => ({ unitId: v.unitId, status: v.unitId === absent ? 'WRITTEN_OPINION' : 'PRESENT' })) }).expect(200);
  });
  after(() => t.close());

  const opinion = (sid: string, unitId: string, choices: string[]) =>
    t.http.post(`/api/ballot-sessions/${sid}/written-opinions`).set(auth(secretary)).field('unitId', unitId).field('choices', choices.join(',')).attach('file', LETTER, { filename: 'y-kien-kon-tum.pdf', contentType: 'application/pdf' });

  async function run(award: string, mine: number) {
    const session = (await t.http.post(`${base()}/review-meeting/ballot-sessions`).set(auth(secretary)).send({ award, mode: 'ONLINE' }).expect(201)).body;
    assert.equal(session.roll.length, 5, 'the absent member is not on the roll');
    const first = session.candidates[0].unit.id as string;
    const refused = await opinion(session.id, voters[0].unitId, [first]).expect(422);
    assert.equal(refused.body.details[0].field, 'unitId');
    await t.http.post(`/api/ballot-sessions/${session.id}/votes`).set(auth((await actorFor(t, 'kontum')).token)).send({ choices: [first], unitId: absent }).expect(403);
    const recorded = (await opinion(session.id, absent, [first]).expect(201)).body;
    assert.equal(recorded.writtenOpinions[0].fileName, 'y-kien-kon-tum.pdf');
    await opinion(session.id, absent, [first]).expect(409);
    // While the others vote the absent member's choices are not shown, nor its letter but to the secretariat (security review).
    const letterOf = (token: string) => t.http.get(`/api/ballot-sessions/${session.id}/written-opinions/${recorded.writtenOpinions[0].id}`).set(auth(token)).buffer(true).parse(binary);
    assert.equal(recorded.writtenOpinions[0].approved, null);
    assert.equal((await t.http.get(`/api/ballot-sessions/${session.id}`).set(auth(voters[0].token)).expect(200)).body.writtenOpinions[0].approved, null);
    await letterOf(voters[0].token).expect(403);
    assert.ok(Buffer.compare((await letterOf(secretary).expect(200)).body, LETTER) === 0);
    for (const [i, v] of voters.entries()) await t.http.post(`/api/ballot-sessions/${session.id}/votes`).set(auth(v.token)).send({ choices: i < mine ? [first] : [], unitId: v.unitId }).expect(201);
    const closed = (await t.http.post(`/api/ballot-sessions/${session.id}/close`).set(auth(secretary)).send({ version: session.version, countingCommittee: ['Nguyễn Văn A'] }).expect(201)).body;
    // Closed: the choices and the letter are the members' to read.
    assert.deepEqual(closed.writtenOpinions[0].approved.map((u: { id: string }) => u.id), [first]);
    assert.ok(Buffer.compare((await letterOf(voters[0].token).expect(200)).body, LETTER) === 0);
    return { closed, first };
  }

  it('where the regulation does not say, the letter is recorded but not counted, and the tally says so', async () => {
    const { closed } = await run('EMULATION_FLAG', 3);
    assert.deepEqual(closed.figures, { issued: 5, returned: 5, valid: 5, invalid: 0 });
    assert.equal(closed.candidates[0].votes, 3);
    assert.equal(closed.writtenOpinionsCounted, false);
    assert.match(closed.writtenOpinionsNote, /không quy định việc tính ý kiến bằng văn bản.*giả định/);
  });

  it('where the regulation counts them, the written opinion adds to the votes', async () => {
    await t.http.patch(`/api/regulations/${regulation.id}`).set(auth(secretary)).send({ version: regulation.version, writtenOpinionsCounted: true, reason: 'Bổ sung quy định tính ý kiến bằng văn bản' }).expect(200);
    const { closed } = await run('CERTIFICATE_OF_MERIT', 3);
    assert.equal(closed.candidates[0].votes, 4, 'three ballots and the written opinion');
    assert.equal(closed.writtenOpinionsCounted, true);
    // The flag's tally, closed before, stays as it was counted.
    const flag = (await t.http.get(`${base()}/review-meeting/ballot-sessions`).set(auth(secretary)).expect(200)).body.find((s: { award: string }) => s.award === 'EMULATION_FLAG');
    assert.deepEqual([flag.candidates[0].votes, flag.writtenOpinionsCounted], [3, false]);
    const pdf = await t.http.get(`${base()}/review-meeting/minutes.pdf`).set(auth(secretary)).buffer(true).parse(binary).expect(200);
    if (POPPLER_MISSING) return;
    const text = squash(pdftotext(tempFile(pdf.body)));
    assert.ok(text.includes('Ý kiến bằng văn bản của thành viên vắng mặt: 1.'), text);
    assert.ok(text.includes('được tính vào kết quả theo Quy chế hoạt động của Cụm thi đua số 6 (minh họa).'));
  });
});
