import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Band, BandCode, DEFAULT_BANDS, bandFor, bandsProblems, codeForLabel, readBands } from '../../src/scoring/bands.rules';

describe('band codes of stored configurations', () => {
  const cases: Array<[string, object[], Array<BandCode | null>]> = [
    [
      'saved before codes existed: the usual labels give their codes',
      [
        { minPoints: 9500, label: 'Hoàn thành xuất sắc nhiệm vụ' },
        { minPoints: 8500, label: 'Hoàn thành tốt nhiệm vụ' },
        { minPoints: 7000, label: 'Hoàn thành nhiệm vụ' },
        { minPoints: 0, label: 'Không hoàn thành nhiệm vụ' },
      ],
      ['EXCELLENT', 'GOOD', 'COMPLETED', 'NOT_COMPLETED'],
    ],
    ['a usual label written differently (case, spaces)', [{ minPoints: 9500, label: ' hoàn thành  Xuất sắc nhiệm vụ ' }], ['EXCELLENT']],
    ['a usual label in decomposed Unicode', [{ minPoints: 9500, label: 'Hoàn thành xuất sắc nhiệm vụ'.normalize('NFD') }], ['EXCELLENT']],
    ['a custom label without a code has none', [{ minPoints: 9500, label: 'Xuất sắc' }], [null]],
    ['a renamed band keeps its stored code', [{ minPoints: 9500, label: 'Xuất sắc', code: 'EXCELLENT' }], ['EXCELLENT']],
    ['a stored null stays null, whatever the label', [{ minPoints: 9500, label: 'Hoàn thành xuất sắc nhiệm vụ', code: null }], [null]],
  ];
  for (const [name, stored, codes] of cases) it(name, () => assert.deepEqual(readBands(JSON.stringify(stored)).map((b) => b.code), codes));

  it('the defaults carry their codes', () => assert.deepEqual(DEFAULT_BANDS.map((b) => codeForLabel(b.label)), DEFAULT_BANDS.map((b) => b.code)));
});

describe('band of a total', () => {
  const cases: Array<[number, BandCode | null]> = [
    [10000, 'EXCELLENT'],
    [9500, 'EXCELLENT'],
    [9499, 'GOOD'],
    [7000, 'COMPLETED'],
    [0, 'NOT_COMPLETED'],
    [-100, null],
  ];
  for (const [total, code] of cases) it(`${total} → ${code}`, () => assert.equal(bandFor(total, DEFAULT_BANDS)?.code ?? null, code));
});

describe('bands that cannot be saved (each at its field)', () => {
  const b = (minPoints: number, code: BandCode | null, label = `Mức ${minPoints}`): Band => ({ minPoints, label, code });
  const cases: Array<[string, Band[], string[]]> = [
    ['distinct thresholds and codes', [b(9500, 'EXCELLENT'), b(8500, null), b(0, null)], []],
    ['the usual bands, in any order', [b(0, 'NOT_COMPLETED'), b(8500, 'GOOD'), b(9500, 'EXCELLENT'), b(7000, 'COMPLETED')], []],
    ['two bands with one threshold', [b(9500, 'EXCELLENT'), b(9500, 'GOOD', 'Tốt')], ['bands.1.minPoints: Ngưỡng điểm trùng với mức 1: mỗi mức xếp loại phải có ngưỡng điểm khác nhau.', 'bands.1.minPoints: Ngưỡng của mức «Tốt» phải thấp hơn ngưỡng của mức «Mức 9500».']],
    ['two bands with one code', [b(9500, 'EXCELLENT'), b(9000, 'EXCELLENT')], ['bands.1.code: Mỗi mã xếp loại (code) chỉ được dùng cho một mức.']],
    [
      'a level below another with a higher threshold (EXCELLENT from 50, GOOD from 90)',
      [b(5000, 'EXCELLENT', 'Xuất sắc'), b(9000, 'GOOD', 'Tốt'), b(7000, 'COMPLETED', 'Hoàn thành'), b(0, 'NOT_COMPLETED', 'Không hoàn thành')],
      ['bands.1.minPoints: Ngưỡng của mức «Tốt» phải thấp hơn ngưỡng của mức «Xuất sắc».', 'bands.2.minPoints: Ngưỡng của mức «Hoàn thành» phải thấp hơn ngưỡng của mức «Xuất sắc».'],
    ],
    ['two bands with one name', [b(9500, 'EXCELLENT', 'Tốt'), b(8500, 'GOOD', ' tốt ')], ['bands.1.label: Tên mức trùng với mức 1: mỗi mức phải có tên riêng.']],
    ['a custom band anywhere', [b(9500, 'EXCELLENT'), b(9900, null, 'Tiêu biểu'), b(0, 'NOT_COMPLETED')], []],
  ];
  for (const [name, bands, expected] of cases) it(name, () => assert.deepEqual(bandsProblems(bands).map((p) => `${p.field}: ${p.message}`), expected));
});
