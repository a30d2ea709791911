import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PublishSheet, missingBeforePublish } from '../../src/scoring/publish.rules';

describe('what publishing would leave out names each unit', () => {
  const members = [
    { id: 'gl', shortName: 'Sở TTTT Gia Lai' },
    { id: 'kt', shortName: 'Sở TTTT Kon Tum' },
    { id: 'dl', shortName: 'Sở TTTT Đắk Lắk' },
  ];
  const sheet = (targetUnitId: string, scorerKind: PublishSheet['scorerKind'], scorerUnitId: string | null, status: PublishSheet['status']): PublishSheet => ({ targetUnitId, scorerKind, scorerUnitId, status });

  const cases: Array<[string, PublishSheet[], string, string[]]> = [
    ['every member has a submitted or locked peer sheet: nothing', [sheet('gl', 'PEER', 'kt', 'SUBMITTED'), sheet('kt', 'PEER', 'gl', 'LOCKED'), sheet('dl', 'PEER', 'gl', 'SUBMITTED')], 'PEER', []],
    [
      'a member without a counted sheet, a peer sheet being written and a returned self sheet: each by name',
      [sheet('gl', 'PEER', 'kt', 'SUBMITTED'), sheet('kt', 'PEER', 'gl', 'SUBMITTED'), sheet('dl', 'PEER', 'kt', 'DRAFT'), sheet('gl', 'SELF', 'gl', 'RETURNED')],
      'PEER',
      ['phiếu chấm chéo của Sở TTTT Kon Tum cho Sở TTTT Đắk Lắk đang soạn, chưa nộp (chưa được tính vào kết quả)', 'phiếu tự chấm cho Sở TTTT Gia Lai bị trả lại, chưa nộp lại (chỉ để đối chiếu, không dùng để tính điểm cuối cùng)'],
    ],
    [
      'the cluster rule counts the cluster sheet, not the peers',
      [sheet('gl', 'PEER', 'kt', 'SUBMITTED'), sheet('kt', 'CLUSTER', null, 'SUBMITTED'), sheet('dl', 'CLUSTER', null, 'SUBMITTED')],
      'CLUSTER',
      ['Sở TTTT Gia Lai chưa có phiếu điểm cụm đã nộp'],
    ],
    ['a member without any counted sheet, another whose only one is pending: each named once', [sheet('gl', 'PEER', 'kt', 'SUBMITTED'), sheet('dl', 'PEER', 'gl', 'RETURNED')], 'PEER', ['Sở TTTT Kon Tum chưa có phiếu chấm chéo đã nộp', 'phiếu chấm chéo của Sở TTTT Gia Lai cho Sở TTTT Đắk Lắk bị trả lại, chưa nộp lại (chưa được tính vào kết quả)']],
    ['a sheet by a unit no longer a member', [sheet('gl', 'PEER', 'x', 'SUBMITTED'), sheet('kt', 'PEER', 'x', 'SUBMITTED'), sheet('dl', 'PEER', 'gone', 'DRAFT'), sheet('dl', 'PEER', 'gl', 'SUBMITTED')], 'PEER', ['phiếu chấm chéo của đơn vị đã rời cụm cho Sở TTTT Đắk Lắk đang soạn, chưa nộp (chưa được tính vào kết quả)']],
  ];
  for (const [name, sheets, rule, expected] of cases) it(name, () => assert.deepEqual(missingBeforePublish(members, sheets, rule), expected));
});
