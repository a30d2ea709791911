import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Band, BandCode, DEFAULT_BANDS, bandFor, bandsProblem, codeForLabel, readBands } from '../../src/scoring/bands.rules';

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

describe('bands that cannot be saved', () => {
  const b = (minPoints: number, code: BandCode | null): Band => ({ minPoints, label: `Mức ${minPoints}`, code });
  const cases: Array<[string, Band[], RegExp | null]> = [
    ['distinct thresholds and codes', [b(9500, 'EXCELLENT'), b(8500, null), b(0, null)], null],
    ['two bands with one threshold', [b(9500, 'EXCELLENT'), b(9500, 'GOOD')], /ngưỡng điểm khác nhau/],
    ['two bands with one code', [b(9500, 'EXCELLENT'), b(9000, 'EXCELLENT')], /Mỗi mã xếp loại/],
  ];
  for (const [name, bands, problem] of cases) {
    it(name, () => {
      const found = bandsProblem(bands);
      if (problem) assert.match(found ?? '', problem);
      else assert.equal(found, null);
    });
  }
});
