import { ApiProperty } from '@nestjs/swagger';
import { BoolField, EnumField, IntField, ReasonField, TextField, UuidArrayField, UuidField } from '../common/validation/fields';
import { ALL_ROLES, Role } from '../common/auth/roles';
import { PasswordPolicy } from '../common/validation/password-policy-rule';
import { EMAIL_MESSAGE, EMAIL_PATTERN } from '../common/validation/email';
import type { CrossFieldChecked } from '../common/validation/cross-field';
import type { ErrorDetail } from '../common/errors/app.exception';
import { roleScopeProblems } from './users.rules';

const USERNAME = /^[a-z0-9][a-z0-9._-]{2,49}$/;
const USERNAME_MSG = 'Tên đăng nhập gồm 3–50 ký tự: chữ thường không dấu, số, dấu chấm, gạch ngang hoặc gạch dưới.';

export class CreateUserDto implements CrossFieldChecked {
  @TextField({ max: 50, pattern: USERNAME, patternMessage: USERNAME_MSG, example: 'gialai.officer' }) username: string;
  @TextField({ max: 200, example: 'Nguyễn Văn An' }) fullName: string;
  @EnumField(ALL_ROLES) role: Role;
  @TextField({ max: 128, description: 'Mật khẩu ban đầu: ít nhất 12 ký tự (nên là một cụm từ dễ nhớ), không phải mật khẩu phổ biến, không dựa trên tên đăng nhập.' })
  @PasswordPolicy('username')
  password: string;
  @UuidField({ presence: 'nullable' }) unitId?: string | null;
  @UuidField({ presence: 'nullable' }) organizerId?: string | null;
  @UuidArrayField({ presence: 'optional', maxItems: 50 }) clusterIds?: string[];
  @ReasonField({ presence: 'optional' }) reason?: string;

  /** The scope the role needs (users.rules), reported with the form's other mistakes. */
  crossFieldProblems(): ErrorDetail[] {
    if (!ALL_ROLES.includes(this.role)) return [];
    return roleScopeProblems({ role: this.role, unitId: this.unitId ?? null, organizerId: this.organizerId ?? null, clusterIds: Array.isArray(this.clusterIds) ? this.clusterIds : [] });
  }
}

export class UpdateUserDto {
  @IntField({ min: 1, max: 2_147_483_647, description: 'Phiên bản đã đọc (chống ghi đè).' }) version: number;
  @ReasonField() reason: string;
  @TextField({ presence: 'optional', max: 200 }) fullName?: string;
  @EnumField(ALL_ROLES, { presence: 'optional' }) role?: Role;
  @UuidField({ presence: 'nullable' }) unitId?: string | null;
  @UuidField({ presence: 'nullable' }) organizerId?: string | null;
  @UuidArrayField({ presence: 'optional', maxItems: 50 }) clusterIds?: string[];
  @BoolField({ presence: 'optional', description: 'false: khóa tài khoản và kết thúc mọi phiên đăng nhập.' }) active?: boolean;
  @TextField({ presence: 'nullable', max: 200, pattern: EMAIL_PATTERN, patternMessage: EMAIL_MESSAGE, description: 'Địa chỉ thư nhận thư nhắc việc; null: không có.' }) email?: string | null;
  @BoolField({ presence: 'optional', description: 'false: không gửi thư nhắc việc (thông báo trong hệ thống vẫn giữ).' }) emailNotifications?: boolean;
}

export class ResetPasswordDto {
  @TextField({ max: 128 })
  @PasswordPolicy()
  newPassword: string;
  @ReasonField() reason: string;
}

/** An administrator resets an account's second factor (lost phone and recovery codes): the owner enrols again. */
export class ResetMfaDto {
  @ReasonField() reason: string;
}

export class UserQueryDto {
  @TextField({ presence: 'optional', max: 100 }) q?: string;
  @EnumField(ALL_ROLES, { presence: 'optional' }) role?: Role;
  @IntField({ presence: 'optional', min: 1, max: 500, query: true }) limit?: number;
  @IntField({ presence: 'optional', min: 0, max: 1_000_000, query: true }) offset?: number;
}

export class UserView {
  @ApiProperty() id: string;
  @ApiProperty() username: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ enum: ALL_ROLES }) role: Role;
  @ApiProperty() roleLabel: string;
  @ApiProperty({ nullable: true, type: String }) unitId: string | null;
  @ApiProperty({ nullable: true, type: String }) organizerId: string | null;
  @ApiProperty({ type: [String] }) clusterIds: string[];
  @ApiProperty({ description: 'Thư ký cụm: các cụm mà đơn vị (hoặc đơn vị tiền thân) làm Cụm trưởng, với các năm; quyền thư ký của năm đó theo nhiệm kỳ Cụm trưởng, không gán ở tài khoản.' })
  chairedClusters: Array<{ clusterId: string; label: string; years: number[] }>;
  @ApiProperty() active: boolean;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
  @ApiProperty({ description: 'false: người dùng tắt thư nhắc việc.' }) emailNotifications: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'Khi tài khoản bật xác thực hai lớp; null: chưa bật.' }) mfaEnabledAt: string | null;
  @ApiProperty() version: number;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class UserPage {
  @ApiProperty({ type: [UserView] }) items: UserView[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}
