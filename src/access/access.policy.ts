import { Role } from '../common/auth/roles';

/**
 * What a caller may do with the data of a cluster, one permission per kind of action. Routes still say which
 * roles reach them (@Auth); services ask the policy about the object (`AccessService.require`).
 */
export enum Permission {
  /** See the cluster and the data of its years (ranking only once published, for members: a service rule). */
  ClusterRead = 'cluster.read',
  /** Change the cluster's structure: name and number, members per year, quotas, the organiser's leadership decision. */
  ClusterOrganize = 'cluster.organize',
  /** Run one emulation year: its phases, criteria, pledge, scoring configuration, consolidated sheet, finalisation, rotation order. */
  YearManage = 'year.manage',
  /** Run the awards of year Y (review meeting, ballots, proposals, achievement reports): held early in Y+1. */
  AwardsManage = 'awards.manage',
  /** The organiser's own acts on a cluster: the ministry's appraisal sheets, the review of proposals. */
  OrganizerAct = 'organizer.act',
}

/**
 * Which clusters (and years) a role holds a permission on:
 * - `all`: every cluster;
 * - `organizer`: the clusters of the caller's organiser;
 * - `assigned`: the clusters a secretary works for (assigned, or chaired by the secretary's unit);
 * - `member`: the clusters the caller's unit is a member of (any year);
 * - `yearSecretariat`: an assigned cluster, for the years its secretariat manages: the year's chair unit, or while
 *   no term is recorded for the year, the chair of the latest earlier term (hand-over), or with no term at all, any;
 * - `awardsSecretariat`: like `yearSecretariat`, for year Y+1 or year Y (the meeting of Y is held early in Y+1).
 * A role without an entry does not hold the permission.
 */
export type Scope = 'all' | 'organizer' | 'assigned' | 'member' | 'yearSecretariat' | 'awardsSecretariat';

export const POLICY: Readonly<Record<Permission, Partial<Record<Role, Scope>>>> = {
  [Permission.ClusterRead]: { [Role.Admin]: 'all', [Role.MinistryReviewer]: 'organizer', [Role.ClusterSecretary]: 'assigned', [Role.UnitOfficer]: 'member' },
  [Permission.ClusterOrganize]: { [Role.Admin]: 'all', [Role.MinistryReviewer]: 'organizer' },
  [Permission.YearManage]: { [Role.Admin]: 'all', [Role.MinistryReviewer]: 'organizer', [Role.ClusterSecretary]: 'yearSecretariat' },
  [Permission.AwardsManage]: { [Role.Admin]: 'all', [Role.ClusterSecretary]: 'awardsSecretariat' },
  [Permission.OrganizerAct]: { [Role.Admin]: 'all', [Role.MinistryReviewer]: 'organizer' },
};

/**
 * The roles that hold a permission in some scope: a route whose action needs it admits only them (@Auth), so a
 * role that can never act answers 403 before its request is read, whatever it sent.
 */
export function rolesHolding(permission: Permission): Role[] {
  return Object.keys(POLICY[permission]) as Role[];
}

/** The scope in which a role holds a permission, or null. */
export function scopeOf(role: Role, permission: Permission): Scope | null {
  return POLICY[permission][role] ?? null;
}
