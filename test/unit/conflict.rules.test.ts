import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConflictContext, ConflictUnit, assignmentConflicts, peerConflict } from '../../src/scoring/conflict.rules';

const unit = (id: string, parentId: string | null = null, successorId: string | null = null): ConflictUnit => ({ id, name: `Đơn vị ${id}`, parentId, successorId });

function ctx(units: ConflictUnit[], extra: Partial<ConflictContext> = {}): ConflictContext {
  return { units: new Map(units.map((u) => [u.id, u])), names: new Map([['P', 'Bộ P']]), relations: [], forbidReciprocal: false, assigned: [], order: units.map((u) => u.id), ...extra };
}

describe('peer conflicts of interest', () => {
  const TABLE: Array<[string, ConflictContext, string, string, RegExp | null]> = [
    ['a unit on its own successor', ctx([unit('A', null, 'B'), unit('B')]), 'A', 'B', /Đơn vị B là đơn vị kế thừa của Đơn vị A/],
    ['a successor on its predecessor', ctx([unit('A', null, 'B'), unit('B')]), 'B', 'A', /Đơn vị B là đơn vị kế thừa của Đơn vị A/],
    ['a successor two mergers on', ctx([unit('A', null, 'X'), unit('X', null, 'B'), unit('B')]), 'B', 'A', /kế thừa/],
    ['two units merged into the same one', ctx([unit('A', null, 'S'), unit('B', null, 'S'), unit('S')]), 'A', 'B', /cùng được sáp nhập vào Đơn vị S/],
    ['the same parent unit', ctx([unit('A', 'P'), unit('B', 'P')]), 'A', 'B', /Cùng đơn vị cấp trên \(Bộ P\)/],
    ['a declared relation', ctx([unit('A'), unit('B')], { relations: [{ unitAId: 'B', unitBId: 'A', reason: 'Giám đốc hai sở là vợ chồng.' }] }), 'A', 'B', /Quan hệ đã khai báo: Giám đốc hai sở là vợ chồng\./],
    ['no relation', ctx([unit('A', 'P'), unit('B', 'Q')]), 'A', 'B', null],
  ];
  for (const [name, c, scorer, target, expected] of TABLE) {
    it(name, () => {
      const got = peerConflict(scorer, target, c);
      if (expected) assert.match(got ?? '', expected);
      else assert.equal(got, null);
    });
  }

  it('reciprocal pairs: only the later scorer of the pair is in conflict, and only when the regulation forbids it', () => {
    const assigned = [{ scorer: 'A', target: 'B' }, { scorer: 'B', target: 'A' }, { scorer: 'B', target: 'C' }];
    const units = [unit('A'), unit('B'), unit('C')];
    assert.deepEqual(assignmentConflicts(ctx(units, { assigned })), []);
    const found = assignmentConflicts(ctx(units, { assigned, forbidReciprocal: true }));
    assert.deepEqual(found.map((f) => [f.scorer, f.target]), [['B', 'A']]);
    assert.match(found[0].reason, /không cho chấm chéo lẫn nhau/);
  });
});
