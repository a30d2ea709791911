import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decisionNotice, resubmitNotice } from '../../src/awards/proposal-notices';

/** The notices of a proposal's steps name the cluster's organiser as the pages do: "Bộ", or "Sở" for a department's cluster. */
describe('a proposal’s notices name the body it was sent to', () => {
  const cluster = { id: 'c1', tag: 'Cụm thi đua số 1 – Sở KH&CN Nghệ An' };
  const pr = { id: 'p1', version: 3, year: 2024, awardLabel: 'Giấy khen của Giám đốc Sở', unit: { name: 'Phòng Văn hóa và Thông tin huyện Anh Sơn' }, reviewNote: 'Bổ sung báo cáo thành tích', supplementNote: 'Đã bổ sung báo cáo', resubmitBy: null };
  for (const [sentTo, returned, approved, noDate] of [
    ['Sở', 'được Sở trả lại để bổ sung', 'được Sở phê duyệt', 'Sở không đặt hạn gửi bổ sung'],
    ['Bộ', 'được Bộ trả lại để bổ sung', 'được Bộ phê duyệt', 'Bộ không đặt hạn gửi bổ sung'],
    ['cơ quan tổ chức', 'được cơ quan tổ chức trả lại để bổ sung', 'được cơ quan tổ chức phê duyệt', 'Cơ quan tổ chức không đặt hạn gửi bổ sung'],
  ] as const) {
    it(`sent to ${sentTo}`, () => {
      const back = decisionNotice(cluster, { ...pr, sentTo }, 'return', '2099-01-31');
      assert.ok(back.subject.endsWith(returned), back.subject);
      assert.ok(back.body.includes(`${noDate}; hạn gửi hồ sơ đề nghị khen thưởng của năm: 31/01/2099.`), back.body);
      assert.ok(decisionNotice(cluster, { ...pr, sentTo, decisionNumber: '12/QĐ-SKHCN', decisionDate: '2025-01-20' }, 'approve', null).subject.endsWith(approved));
      assert.ok(resubmitNotice(cluster, { ...pr, sentTo }).body.includes(`sau khi ${sentTo} trả lại để bổ sung`));
    });
  }
});
