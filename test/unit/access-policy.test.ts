import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { POLICY, Permission, scopeOf } from '../../src/access/access.policy';
import { ALL_ROLES, Role } from '../../src/common/auth/roles';

/** The policy as a table: who holds what, in which scope. A change here is a change of who may do what. */
describe('access policy', () => {
  const expected: Record<Permission, Record<Role, string | null>> = {
    [Permission.ClusterRead]: { [Role.Admin]: 'all', [Role.MinistryReviewer]: 'organizer', [Role.ClusterSecretary]: 'assigned', [Role.UnitOfficer]: 'member' },
    [Permission.ClusterOrganize]: { [Role.Admin]: 'all', [Role.MinistryReviewer]: 'organizer', [Role.ClusterSecretary]: null, [Role.UnitOfficer]: null },
    [Permission.YearManage]: { [Role.Admin]: 'all', [Role.MinistryReviewer]: 'organizer', [Role.ClusterSecretary]: 'yearSecretariat', [Role.UnitOfficer]: null },
    // The ministry decides on the cluster's proposals: its reviewers do not make them (nor record the meeting they rest on).
    [Permission.AwardsManage]: { [Role.Admin]: 'all', [Role.MinistryReviewer]: null, [Role.ClusterSecretary]: 'awardsSecretariat', [Role.UnitOfficer]: null },
    [Permission.OrganizerAct]: { [Role.Admin]: 'all', [Role.MinistryReviewer]: 'organizer', [Role.ClusterSecretary]: null, [Role.UnitOfficer]: null },
  };
  for (const permission of Object.values(Permission)) {
    for (const role of ALL_ROLES) {
      it(`${role} → ${permission}: ${expected[permission][role] ?? 'không có quyền'}`, () => assert.equal(scopeOf(role, permission), expected[permission][role]));
    }
  }

  it('every permission that a role holds implies reading the cluster, in a scope at least as wide', () => {
    const width = { all: 4, organizer: 3, assigned: 2, yearSecretariat: 1, awardsSecretariat: 1, member: 2 } as const;
    for (const permission of Object.values(Permission)) {
      for (const role of ALL_ROLES) {
        const scope = POLICY[permission][role];
        if (!scope) continue;
        const read = POLICY[Permission.ClusterRead][role]!;
        assert.ok(width[read] >= width[scope], `${role}: ${permission} in ${scope} but reads only ${read}`);
      }
    }
  });
});
