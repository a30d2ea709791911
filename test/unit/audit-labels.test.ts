import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ACTION_LABELS, ENTITY_LABELS, changedFields } from '../../src/web/audit-labels';
import { idsIn, valueText } from '../../src/web/audit-fields';

/** The TypeScript sources under src (the tests run from dist/test/unit; the sources are two levels up from dist). */
function sources(dir = join(__dirname, '..', '..', '..', 'src')): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [readFileSync(path, 'utf8')] : [];
  });
}

describe('the audit trail in people’s words', () => {
  const code = sources().join('\n');

  it('every action the code records has a Vietnamese label on the audit page', () => {
    const recorded = new Set([...code.matchAll(/action: (?:[\w.]+ \? )?'([a-z_]+\.[a-z_]+)'(?: : '([a-z_]+\.[a-z_]+)')?/g)].flatMap((m) => [m[1], m[2]]).filter(Boolean));
    assert.ok(recorded.size > 60, `found ${recorded.size} actions`);
    assert.deepEqual([...recorded].filter((a) => !ACTION_LABELS[a]).sort(), []);
  });

  it('every kind of record the code records has a Vietnamese label', () => {
    const kinds = new Set([...code.matchAll(/entityType: '([a-z_]+)'/g)].map((m) => m[1]));
    assert.deepEqual([...kinds].filter((k) => !ENTITY_LABELS[k]).sort(), []);
  });

  const gialai = 'a9a5b588-c708-4cfa-b237-11ba85481b5e';
  const cluster = 'fb1a41ab-e6e9-4c0d-96be-692f803e6be5';
  const names = new Map([
    [gialai, 'Sở Thông tin và Truyền thông tỉnh Gia Lai'],
    [cluster, 'Cụm thi đua số 6 – Bộ Thông tin và Truyền thông'],
  ]);
  const cases: Array<[string, unknown, unknown, string, Array<{ field: string; before: string; after: string }>]> = [
    ['a status by its name, the label copy dropped', { status: 'IN_REVIEW', statusLabel: 'Đang thẩm định' }, { status: 'APPROVED', statusLabel: 'Đã phê duyệt' }, 'award_proposal', [{ field: 'Trạng thái', before: 'Đang thẩm định', after: 'Đã phê duyệt' }]],
    ['a sheet’s status is the sheet’s', null, { status: 'SUBMITTED' }, 'score_sheet', [{ field: 'Trạng thái', before: '—', after: 'Đã nộp' }]],
    ['ids by what they name', null, { unitId: gialai, clusterId: cluster }, 'pledge', [{ field: 'Đơn vị', before: '—', after: 'Sở Thông tin và Truyền thông tỉnh Gia Lai' }, { field: 'Cụm thi đua', before: '—', after: 'Cụm thi đua số 6 – Bộ Thông tin và Truyền thông' }]],
    ['signatories by unit, signed or not', null, { signatories: [{ mark: 'Cụm trưởng', signed: true, unit: { id: gialai, name: 'Sở TTTT Gia Lai' } }, { signed: false, unit: { id: 'x', name: 'Sở TTTT Phú Yên' } }] }, 'pledge', [{ field: 'Các đơn vị ký', before: '—', after: 'Sở TTTT Gia Lai (đã ký); Sở TTTT Phú Yên (chưa ký)' }]],
    ['ballots by unit, votes and award', null, { ballots: [{ award: 'EMULATION_FLAG', unitId: gialai, votesFor: 6 }] }, 'review_meeting', [{ field: 'Kết quả bỏ phiếu', before: '—', after: 'Sở Thông tin và Truyền thông tỉnh Gia Lai: 6 phiếu (Cờ thi đua)' }]],
    ['dates and moments as people write them, points with a comma', { activeTo: null, TC1: null }, { activeTo: '2025-02-28', TC1: 14.5, signedAt: '2026-01-15T02:30:00.000Z' }, 'unit', [{ field: 'Hoạt động đến ngày', before: '—', after: '28/02/2025' }, { field: 'TC1', before: '—', after: '14,5' }, { field: 'Ký lúc', before: '—', after: '15/01/2026 09:30' }]],
    ['attendance by unit and its status', null, [{ status: 'PRESENT', unitId: gialai }, { status: 'ABSENT', unitId: gialai }], 'review_meeting', [{ field: '', before: '—', after: 'Sở Thông tin và Truyền thông tỉnh Gia Lai: Có mặt; Sở Thông tin và Truyền thông tỉnh Gia Lai: Vắng mặt' }]],
    ['an issued document by its kind', null, { kind: 'SUBMISSION', statusLabel: 'Số 01/TTr-CTĐ6' }, 'issued_document', [{ field: 'Loại', before: '—', after: 'Tờ trình đề nghị khen thưởng' }, { field: 'Số hiệu, tình trạng', before: '—', after: 'Số 01/TTr-CTĐ6' }]],
    ['an account turned off, a merger’s years', { active: true }, { active: false, closedYears: [2025], transferredYears: [] }, 'user', [{ field: 'Đang hoạt động', before: 'có', after: 'không' }, { field: 'Các năm kết thúc tư cách thành viên', before: '—', after: '2025' }]],
    ['quotas by award', { EMULATION_FLAG: 2 }, { EMULATION_FLAG: 1 }, 'award_quota', [{ field: 'Cờ thi đua', before: '2', after: '1' }]],
    ['clauses that end in a semicolon, joined by a space', null, { legalBases: ['Căn cứ A;', 'Căn cứ B;'] }, 'pledge', [{ field: 'Căn cứ', before: '—', after: 'Căn cứ A; Căn cứ B;' }]],
    ['unchanged fields are not changes', { version: 1, note: 'x' }, { version: 2, note: 'x' }, 'unit', [{ field: 'Phiên bản', before: '1', after: '2' }]],
  ];
  for (const [name, before, after, entityType, expected] of cases) it(name, () => assert.deepEqual(changedFields(before, after, entityType, names), expected));

  it('finds the ids a record mentions, at any depth it keeps', () => {
    assert.deepEqual([...idsIn({ a: [{ unit: { id: gialai.toUpperCase() } }], b: cluster, c: 'not-an-id' })].sort(), [gialai, cluster].sort());
    assert.equal(valueText('8f0e…', 'id', 'unit', names), '8f0e…', 'a value that is not an id stays as it is');
  });
});
