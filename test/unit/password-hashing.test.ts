import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PasswordService } from '../../src/auth/password.service';
import { loadConfig } from '../../src/config/app-config';
import { DEMO_PASSWORD, DEMO_PASSWORD_HASH } from '../../src/database/seed/demo-data';

describe('PasswordService hashing parameters', () => {
  const owasp = new PasswordService(loadConfig({}));
  const cheap = new PasswordService(loadConfig({ NODE_ENV: 'test', TEST_CHEAP_ARGON2: '1' }));

  it('hashes with the OWASP argon2id parameters unless the test suite asked for cheap ones', async () => {
    assert.match(await owasp.hash('một cụm từ dài dễ nhớ'), /^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    assert.match(await cheap.hash('một cụm từ dài dễ nhớ'), /^\$argon2id\$v=19\$m=1024,p=1,t=1\$/);
  });

  it('verifies hashes made under either setting (the parameters are in the hash)', async () => {
    const strong = await owasp.hash('một cụm từ dài dễ nhớ');
    const light = await cheap.hash('một cụm từ dài dễ nhớ');
    assert.equal(await cheap.verify(strong, 'một cụm từ dài dễ nhớ'), true);
    assert.equal(await owasp.verify(light, 'một cụm từ dài dễ nhớ'), true);
    assert.equal(await cheap.verify(strong, 'sai mật khẩu rồi'), false);
  });

  it('the demo password’s hash made beforehand verifies, and has the parameters a first start would hash it with', async () => {
    assert.equal(owasp.baseline, true);
    assert.equal(cheap.baseline, false);
    const made = await owasp.hash(DEMO_PASSWORD);
    const parameters = (hash: string) => hash.split('$').slice(1, 4).join('$');
    assert.equal(parameters(DEMO_PASSWORD_HASH), parameters(made));
    assert.equal(await owasp.verify(DEMO_PASSWORD_HASH, DEMO_PASSWORD), true);
    assert.equal(await owasp.verify(DEMO_PASSWORD_HASH, 'ThiDua@Demo2025'), false);
  });
});
