import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { roleScopeProblems } from '../../src/auth/users.rules';
import { passwordProblem } from '../../src/auth/password.service';
import { Role } from '../../src/common/auth/roles';
import { isActiveInYear, lifespanProblems, successorProblems, toHundredths, fromHundredths } from '../../src/units/units.rules';

describe('isActiveInYear', () => {
  const cases: Array<[string | null, string | null, number, boolean]> = [
    [null, null, 2020, true],
    ['2020-01-01', null, 2019, false],
    ['2020-07-01', null, 2020, true],
    [null, '2025-02-28', 2025, true],
    [null, '2025-02-28', 2026, false],
    ['2014-01-01', '2025-06-30', 2014, true],
  ];
  for (const [from, to, year, expected] of cases) {
    it(`${from ?? '…'}–${to ?? '…'} in ${year}: ${expected}`, () => assert.equal(isActiveInYear({ activeFrom: from, activeTo: to }, year), expected));
  }
  it('refuses an end before the start', () => {
    assert.equal(lifespanProblems({ activeFrom: '2020-01-01', activeTo: '2019-12-31' })[0].field, 'activeTo');
    assert.equal(lifespanProblems({ activeFrom: '2020-01-01', activeTo: '2020-01-01' }).length, 0);
  });
});

describe('successorProblems', () => {
  const ended = { activeFrom: null, activeTo: '2025-02-28' };
  const cases: Array<[string, string | null, string[], string | null, RegExp | null]> = [
    ['no successor', null, [], '2025-02-28', null],
    ['a valid successor', 'B', ['B'], '2025-02-28', null],
    ['itself', 'A', ['A'], '2025-02-28', /chính nó/],
    ['a cycle through the chain', 'B', ['B', 'C', 'A'], '2025-02-28', /vòng lặp/],
    ['a unit still active', 'B', ['B'], null, /ngày kết thúc/],
  ];
  for (const [name, successorId, chain, activeTo, problem] of cases) {
    it(name, () => {
      const found = successorProblems('A', { ...ended, activeTo, successorId }, chain);
      if (problem) assert.match(found[0].message, problem);
      else assert.equal(found.length, 0);
    });
  }
  it('converts percentages to hundredths and back exactly', () => {
    for (const v of [0, 70, 72.5, 99.99, 100, 33.33]) assert.equal(fromHundredths(toHundredths(v)), v);
    assert.equal(fromHundredths(null), null);
  });
});

describe('roleScopeProblems', () => {
  const base = { unitId: null, organizerId: null, clusterIds: [] as string[] };
  const cases: Array<[string, Parameters<typeof roleScopeProblems>[0], string[]]> = [
    ['admin alone', { ...base, role: Role.Admin }, []],
    ['admin with an organiser', { ...base, role: Role.Admin, organizerId: 'o' }, ['organizerId']],
    ['reviewer needs an organiser', { ...base, role: Role.MinistryReviewer }, ['organizerId']],
    ['reviewer with organiser', { ...base, role: Role.MinistryReviewer, organizerId: 'o' }, []],
    ['reviewer with clusters', { ...base, role: Role.MinistryReviewer, organizerId: 'o', clusterIds: ['c'] }, ['clusterIds']],
    ['secretary needs clusters', { ...base, role: Role.ClusterSecretary }, ['clusterIds']],
    ['secretary with clusters and a unit', { ...base, role: Role.ClusterSecretary, clusterIds: ['c'], unitId: 'u' }, []],
    ['unit officer needs a unit', { ...base, role: Role.UnitOfficer }, ['unitId']],
    ['unit officer with clusters', { ...base, role: Role.UnitOfficer, unitId: 'u', clusterIds: ['c'] }, ['clusterIds']],
    ['unit officer with a unit', { ...base, role: Role.UnitOfficer, unitId: 'u' }, []],
  ];
  for (const [name, scope, fields] of cases) {
    it(name, () => assert.deepEqual(roleScopeProblems(scope).map((p) => p.field), fields));
  }
});

describe('passwordProblem', () => {
  const cases: Array<[string, boolean]> = [
    ['ThiDua@Demo2026', true],
    ['Mật khẩu của tôi 2026', true],
    ['onlylettersbutlong', true], // no composition rules (ASVS 5.0 6.2.5)
    ['ngựa đúng pin kẹp giấy', true],
    ['password1', false], // shorter than 12
    ['admin123', false],
    ['Matkhau12!', false],
    ['password1234', false], // in the common-password list
    ['qwertyuiop123', false],
    ['iloveyou2026!', false], // a common password with digits and a symbol appended
    ['aaaaaaaaaaaaaaaa', false], // too few distinct characters
    ['a1'.repeat(65), false], // longer than 128
  ];
  for (const [pw, ok] of cases) it(`${pw.slice(0, 20)}: ${ok ? 'accepted' : 'refused'}`, () => assert.equal(passwordProblem(pw) === null, ok));
  it('refuses a password built on the user name', () => {
    assert.match(passwordProblem('phuyen-2026-secret', 'phuyen') ?? '', /tên đăng nhập/);
    assert.equal(passwordProblem('mot-cum-tu-rieng-2026', 'phuyen'), null);
  });
});
