/** The four roles. Scope: reviewer → one organiser; secretary → clusters; unit officer → one unit. */
export enum Role {
  Admin = 'admin',
  MinistryReviewer = 'ministry_reviewer',
  ClusterSecretary = 'cluster_secretary',
  UnitOfficer = 'unit_officer',
}

export const ALL_ROLES: Role[] = [Role.Admin, Role.MinistryReviewer, Role.ClusterSecretary, Role.UnitOfficer];

export const ROLE_LABELS: Record<Role, string> = {
  [Role.Admin]: 'Quản trị hệ thống',
  [Role.MinistryReviewer]: 'Cán bộ thẩm định của Bộ',
  [Role.ClusterSecretary]: 'Thư ký cụm thi đua',
  [Role.UnitOfficer]: 'Cán bộ đơn vị thành viên',
};

/** Roles that must sign in with a second factor (ASVS 5.0 6.3.2): they administer or decide for everyone. */
export const MFA_REQUIRED_ROLES: readonly Role[] = [Role.Admin, Role.MinistryReviewer];
