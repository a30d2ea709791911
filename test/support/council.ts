import type { TestApp } from './test-app';

/** Five members of the ministry's emulation council from 2019 on: a chair, a vice-chair and three members. */
export const COUNCIL_MEMBERS = [
  { name: 'Nguyễn Minh Hồng', position: 'Thứ trưởng', role: 'CHAIR' },
  { name: 'Trần Văn Bình', position: 'Vụ trưởng Vụ Thi đua – Khen thưởng', role: 'VICE_CHAIR' },
  { name: 'Lê Thị Thu', position: 'Chánh Văn phòng', role: 'MEMBER' },
  { name: 'Phạm Quốc Toàn', position: 'Vụ trưởng Vụ Tổ chức cán bộ', role: 'MEMBER' },
  { name: 'Hoàng Thị Mai', position: 'Chủ tịch Công đoàn Bộ', role: 'MEMBER' },
] as const;

/**
 * The council step as a reviewer runs it over HTTP: members (once per database), the year's meeting, everyone
 * present, the given votes per proposal, closed (unless `close` is false: then the open meeting). Answers the meeting.
 */
export async function runCouncil(t: TestApp, reviewer: string, organizerId: string, year: number, votes: Record<string, number>, heldOn = `${year + 1}-04-10`, close = true) {
  const auth = { type: 'bearer' as const };
  const existing = (await t.http.get(`/api/organizers/${organizerId}/council/members`).auth(reviewer, auth).expect(200)).body as unknown[];
  if (!existing.length) {
    for (const m of COUNCIL_MEMBERS) await t.http.post(`/api/organizers/${organizerId}/council/members`).auth(reviewer, auth).send({ ...m, fromDate: '2019-01-01', reason: 'Quyết định kiện toàn Hội đồng' }).expect(201);
  }
  let meeting = (await t.http.post('/api/council/meetings').auth(reviewer, auth).send({ organizerId, year, heldOn, place: 'Hà Nội', minutesBy: 'Đỗ Thanh Hương' }).expect(201)).body;
  meeting = (await t.http.put(`/api/council/meetings/${meeting.id}/attendance`).auth(reviewer, auth).send({ version: meeting.version, entries: meeting.members.map((m: { id: string }) => ({ memberId: m.id, status: 'PRESENT' })) }).expect(200)).body;
  meeting = (await t.http.put(`/api/council/meetings/${meeting.id}/ballots`).auth(reviewer, auth).send({ version: meeting.version, ballots: Object.entries(votes).map(([proposalId, votesFor]) => ({ proposalId, votesFor })) }).expect(200)).body;
  if (!close) return meeting;
  return (await t.http.post(`/api/council/meetings/${meeting.id}/close`).auth(reviewer, auth).send({ version: meeting.version, reason: 'Chốt kết quả họp Hội đồng' }).expect(200)).body;
}
