import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { signingAuthority } from '../../src/pledges/pledge-defaults';

/** Decree 30/2020, Article 13 and Appendix I, II.7: a deputy signs for the head ("KT."), one line each. */
describe('the signing authority printed above a signature (rule table)', () => {
  const cases: Array<[string, string]> = [
    ['Giám đốc', 'Giám đốc'],
    ['Phó Giám đốc', 'KT. Giám đốc / Phó Giám đốc'],
    ['  phó   giám đốc ', 'KT. Giám đốc / phó giám đốc'],
    ['Phó Chánh Văn phòng', 'KT. Chánh Văn phòng / Phó Chánh Văn phòng'],
    ['KT. Giám đốc / Phó Giám đốc', 'KT. Giám đốc / Phó Giám đốc'],
    ['Q. Giám đốc', 'Q. Giám đốc'],
    ['TL. Giám đốc / Chánh Văn phòng', 'TL. Giám đốc / Chánh Văn phòng'],
    ['Phòng Tổng hợp', 'Phòng Tổng hợp'],
  ];
  for (const [title, printed] of cases) it(`${title} → ${printed}`, () => assert.equal(signingAuthority(title), printed));
});
