import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ContentNumbers } from '../../src/awards/content-numbers';
import { NumberTaken } from '../../src/issued-documents/issued-documents.service';
import { AppException } from '../../src/common/errors/app.exception';

describe('ContentNumbers.issuing: another text under the number at the same moment takes the number again', () => {
  const numbers = new ContentNumbers(null as never, null as never, null as never);

  it('takes the number again after NumberTaken, and answers what the next attempt issued', async () => {
    let attempts = 0;
    const issued = await numbers.issuing(async () => {
      attempts += 1;
      if (attempts === 1) throw new NumberTaken('01/TTr-CTĐ6');
      return `0${attempts}/TTr-CTĐ6`;
    });
    assert.deepEqual([attempts, issued], [2, '02/TTr-CTĐ6']);
  });

  it('gives up after three attempts with a 409, and lets any other failure through at once', async () => {
    let attempts = 0;
    await assert.rejects(
      numbers.issuing(async () => {
        attempts += 1;
        throw new NumberTaken('01/BB-CTĐ6');
      }),
      (e: AppException) => e instanceof AppException && e.status === 409 && e.message === 'Số 01/BB-CTĐ6 vừa được dùng cho một văn bản khác ban hành cùng lúc: vui lòng thử lại.',
    );
    assert.equal(attempts, 3);
    attempts = 0;
    await assert.rejects(
      numbers.issuing(async () => {
        attempts += 1;
        throw new Error('disk full');
      }),
      /disk full/,
    );
    assert.equal(attempts, 1);
  });
});
