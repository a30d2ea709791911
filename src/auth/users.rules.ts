import type { ErrorDetail } from '../common/errors/app.exception';
import { Role } from '../common/auth/roles';

export interface RoleScope {
  role: Role;
  unitId: string | null;
  organizerId: string | null;
  clusterIds: string[];
}

/** The scope each role needs: reviewer → organiser; secretary → clusters; unit officer → unit. */
export function roleScopeProblems(s: RoleScope): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const need = (field: string, message: string) => problems.push({ field, code: 'required', message });
  const forbid = (field: string, message: string) => problems.push({ field, code: 'notAllowed', message });
  switch (s.role) {
    case Role.Admin:
      if (s.organizerId) forbid('organizerId', 'Quản trị hệ thống không gắn với cơ quan tổ chức.');
      if (s.clusterIds.length) forbid('clusterIds', 'Quản trị hệ thống không gắn với cụm thi đua.');
      break;
    case Role.MinistryReviewer:
      if (!s.organizerId) need('organizerId', 'Cán bộ thẩm định phải thuộc một cơ quan tổ chức cụm.');
      if (s.clusterIds.length) forbid('clusterIds', 'Cán bộ thẩm định không gắn với cụm cụ thể.');
      break;
    case Role.ClusterSecretary:
      if (!s.clusterIds.length) need('clusterIds', 'Thư ký cụm phải được giao ít nhất một cụm thi đua.');
      if (s.organizerId) forbid('organizerId', 'Thư ký cụm không gắn với cơ quan tổ chức.');
      break;
    case Role.UnitOfficer:
      if (!s.unitId) need('unitId', 'Cán bộ đơn vị phải thuộc một đơn vị thành viên.');
      if (s.organizerId) forbid('organizerId', 'Cán bộ đơn vị không gắn với cơ quan tổ chức.');
      if (s.clusterIds.length) forbid('clusterIds', 'Cán bộ đơn vị không được giao cụm thi đua.');
      break;
  }
  return problems;
}

/** An account change as the administrators' rule sees it: who makes it, on whom, and the account before and after. */
export interface AdminChange {
  callerId: string;
  targetId: string;
  before: { role: Role; active: boolean };
  after: { role: Role; active: boolean };
  /** Active administrators other than the target. */
  otherActiveAdmins: number;
}

/**
 * Why an account change would leave the system without a way back, or null: an administrator does not lock their own
 * account nor take away their own role (no one else may be there to undo it), and the last active administrator is
 * never locked nor given another role (no one could unlock anyone, or restore an administrator, again).
 */
export function adminChangeProblem(c: AdminChange): ErrorDetail | null {
  const removes = c.before.role === Role.Admin && c.before.active && (c.after.role !== Role.Admin || !c.after.active);
  if (!removes) return null;
  const field = c.after.active ? 'role' : 'active';
  if (c.callerId === c.targetId) {
    return { field, code: 'selfLockout', message: c.after.active ? 'Không thể tự bỏ vai trò quản trị hệ thống của chính mình: hãy nhờ một quản trị hệ thống khác.' : 'Không thể tự khóa tài khoản của chính mình: hãy nhờ một quản trị hệ thống khác.' };
  }
  if (c.otherActiveAdmins === 0) {
    return { field, code: 'lastAdmin', message: 'Đây là quản trị hệ thống cuối cùng còn hoạt động: hãy tạo hoặc mở khóa một quản trị hệ thống khác trước.' };
  }
  return null;
}
