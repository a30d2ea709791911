import { ApiProperty } from '@nestjs/swagger';
import { BoolField, TextField } from '../common/validation/fields';
import { Role } from '../common/auth/roles';

export class LoginDto {
  @TextField({ max: 50, example: 'cum6.secretary' }) username: string;
  @TextField({ max: 128, example: 'ThiDua@Demo2026' }) password: string;
  @TextField({ presence: 'optional', max: 20, description: 'Mã xác thực 6 số (hoặc mã khôi phục) khi tài khoản bật xác thực hai lớp.' }) code?: string;
  @BoolField({ presence: 'optional', description: 'Ghi nhớ thiết bị này 30 ngày (không hỏi lại mã).' }) rememberDevice?: boolean;
}

export class MfaCodeDto {
  @TextField({ max: 20, example: '123456', description: 'Mã 6 số từ ứng dụng xác thực.' }) code: string;
}

export class MfaDisableDto {
  @TextField({ max: 128 }) password: string;
  @TextField({ max: 20, example: '123456' }) code: string;
}

export class MfaStatusView {
  @ApiProperty() enabled: boolean;
  @ApiProperty({ nullable: true, type: String }) enabledAt: string | null;
  @ApiProperty({ description: 'Vai trò này bắt buộc dùng xác thực hai lớp.' }) required: boolean;
  @ApiProperty() recoveryCodesLeft: number;
}

export class MfaSetupView {
  @ApiProperty({ description: 'Khóa bí mật (base32) để nhập tay vào ứng dụng xác thực.' }) secret: string;
  @ApiProperty() otpauthUri: string;
  @ApiProperty({ description: 'Mã QR của otpauthUri (SVG).' }) qrSvg: string;
}

export class RecoveryCodesView {
  @ApiProperty({ type: [String], description: 'Mã khôi phục, mỗi mã dùng một lần; chỉ hiện một lần này.' }) recoveryCodes: string[];
}

export class ChangePasswordDto {
  @TextField({ max: 128 }) currentPassword: string;
  @TextField({ max: 128, description: 'Ít nhất 12 ký tự; không dùng mật khẩu phổ biến hoặc đã bị lộ.' }) newPassword: string;
}

export class TokenView {
  @ApiProperty() accessToken: string;
  @ApiProperty({ example: 'Bearer' }) tokenType: string;
  @ApiProperty({ description: 'Thời điểm hết hạn (UTC, ISO-8601).' }) expiresAt: string;
}

export class MeView {
  @ApiProperty() id: string;
  @ApiProperty() username: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ enum: Role }) role: Role;
  @ApiProperty() roleLabel: string;
  @ApiProperty({ nullable: true, type: String }) unitId: string | null;
  @ApiProperty({ nullable: true, type: String }) organizerId: string | null;
  @ApiProperty({ type: [String] }) clusterIds: string[];
  @ApiProperty({ type: [String], description: 'Đơn vị tài khoản thay mặt: đơn vị của mình và các đơn vị tiền thân đã kết thúc hoạt động (sau sáp nhập).' }) unitIds: string[];
}
