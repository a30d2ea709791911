#!/usr/bin/env node
// Prints the current TOTP code of a demo account enrolled in MFA (admin, reviewer), from its published
// demo secret: what an authenticator app would show. Demo only: real accounts enrol their own secret.
//   npm run demo:code -- reviewer
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const { TOTP, Secret } = require('otpauth');
const SECRETS = { admin: 'THIDUADEMOADMIN2', reviewer: 'THIDUADEMOREVIEW' };
const user = process.argv[2] ?? 'reviewer';
if (!SECRETS[user]) {
  process.stderr.write(`Tài khoản minh họa có xác thực hai lớp: ${Object.keys(SECRETS).join(', ')}\n`);
  process.exit(2);
}
const totp = new TOTP({ issuer: 'thidua', label: user, algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(SECRETS[user]) });
const left = 30 - (Math.floor(Date.now() / 1000) % 30);
process.stdout.write(`${totp.generate()}  (${user}; còn ${left} giây)\n`);
