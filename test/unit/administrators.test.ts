import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Role } from '../../src/common/auth/roles';
import { adminChangeProblem } from '../../src/auth/users.rules';

describe('an administrator stays (rule table)', () => {
  const admin = { role: Role.Admin, active: true };
  const cases: Array<[string, Parameters<typeof adminChangeProblem>[0], string | null]> = [
    ['locking yourself', { callerId: 'a', targetId: 'a', before: admin, after: { role: Role.Admin, active: false }, otherActiveAdmins: 3 }, 'selfLockout:active'],
    ['dropping your own role', { callerId: 'a', targetId: 'a', before: admin, after: { role: Role.MinistryReviewer, active: true }, otherActiveAdmins: 3 }, 'selfLockout:role'],
    ['editing yourself otherwise', { callerId: 'a', targetId: 'a', before: admin, after: admin, otherActiveAdmins: 0 }, null],
    ['locking another administrator while one stays', { callerId: 'a', targetId: 'b', before: admin, after: { role: Role.Admin, active: false }, otherActiveAdmins: 1 }, null],
    ['locking the last active administrator', { callerId: 'a', targetId: 'b', before: admin, after: { role: Role.Admin, active: false }, otherActiveAdmins: 0 }, 'lastAdmin:active'],
    ['demoting the last active administrator', { callerId: 'a', targetId: 'b', before: admin, after: { role: Role.UnitOfficer, active: true }, otherActiveAdmins: 0 }, 'lastAdmin:role'],
    ['a locked administrator stays locked', { callerId: 'a', targetId: 'b', before: { role: Role.Admin, active: false }, after: { role: Role.Admin, active: false }, otherActiveAdmins: 0 }, null],
    ['locking a reviewer', { callerId: 'a', targetId: 'b', before: { role: Role.MinistryReviewer, active: true }, after: { role: Role.MinistryReviewer, active: false }, otherActiveAdmins: 0 }, null],
  ];
  for (const [name, change, expected] of cases) {
    it(name, () => {
      const p = adminChangeProblem(change);
      assert.equal(p ? `${p.code}:${p.field}` : null, expected);
      if (p) assert.match(p.message, /quản trị hệ thống/);
    });
  }
});
