/// <reference lib="dom" />
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { X509Certificate } from 'node:crypto';
import { UnitKeysService, fingerprint } from '../../src/documents/signing/unit-keys.service';
import { NSS_MISSING, issuedByDemoCa, pkcs12File } from '../support/pades-tools';
import { demoIds } from '../support/test-app';
import { BrowserRig, CHROMIUM_MISSING, axeViolations, startRig, unlabelledControls } from './support';

const skip = CHROMIUM_MISSING ? 'Chromium is not installed (apt-get install chromium)' : NSS_MISSING;

/** An administrator imports a unit's signing key as a PKCS#12 file on the unit's edit page; the click then signs with it. */
describe('a unit’s server-held key imported from a PKCS#12 file in Chromium', { skip }, () => {
  let rig: BrowserRig;
  let ids: Awaited<ReturnType<typeof demoIds>>;
  before(async () => {
    rig = await startRig();
    ids = await demoIds(rig.t);
  });
  after(() => rig?.close());

  it('a wrong password is refused at its field and changes nothing; the right one makes the key the unit’s', async () => {
    const keys = rig.t.app.get(UnitKeysService);
    const issued = await issuedByDemoCa(rig.t, 'Gia Lai PKCS12');
    const file = join(mkdtempSync(join(tmpdir(), 'thidua-p12-page-')), 'gialai.p12');
    writeFileSync(file, pkcs12File(issued, 'mat-khau-dung'));
    const before = await keys.certificatesOf(ids.gialai);
    const { context, page } = await rig.signedIn('admin', undefined, { audit: true });
    await page.goto(`${rig.base}/don-vi/${ids.gialai}/sua`);
    await page.getByRole('heading', { name: 'Khóa ký số do máy chủ giữ' }).waitFor();
    assert.deepEqual(await unlabelledControls(page), []);
    await page.getByLabel('Tệp PKCS#12').setInputFiles(file);
    await page.getByLabel('Mật khẩu của tệp').fill('sai-mat-khau');
    await page.getByRole('button', { name: 'Nhập khóa' }).click();
    const field = page.getByLabel('Mật khẩu của tệp');
    await page.locator('.field-error').first().waitFor();
    assert.equal(await field.getAttribute('aria-invalid'), 'true');
    assert.equal(await page.locator(`[id="${await field.getAttribute('aria-describedby')}"]`).textContent(), 'Mật khẩu không mở được tệp PKCS#12.');
    assert.deepEqual(await keys.certificatesOf(ids.gialai), before, 'nothing changed');
    await field.fill('mat-khau-dung');
    await page.getByRole('button', { name: 'Nhập khóa' }).click();
    await page.getByText('Đã nhập khóa ký số của đơn vị.').waitFor();
    const sha = fingerprint(new X509Certificate(issued.certificate).raw);
    assert.ok((await keys.certificatesOf(ids.gialai)).includes(sha));
    assert.ok((await keys.signer(ids.gialai, 'Gia Lai')).certificate.equals(issued.certificate), 'the click signs with the imported key');
    // The page says how the unit signs now: the imported key, its certificate and SHA-256.
    await page.reload();
    const means = page.locator('section', { has: page.getByRole('heading', { name: 'Đơn vị ký bằng gì' }) });
    assert.match((await means.textContent()) ?? '', new RegExp(`Khóa do máy chủ giữ.*Gia Lai PKCS12.*${sha}`, 's'));
    assert.deepEqual(await axeViolations(page), []);
    await page.setViewportSize({ width: 390, height: 844 });
    assert.ok((await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)) <= 1, 'no sideways scroll at 390 px');
    await rig.shot(page, 'don-vi-khoa-ky-so-390');
    await context.close();
  });
});
