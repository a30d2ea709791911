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
