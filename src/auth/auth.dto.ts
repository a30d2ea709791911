import { ApiProperty } from '@nestjs/swagger';
import { TextField } from '../common/validation/fields';
import { Role } from './roles';

export class LoginDto {
  @TextField({ max: 50, example: 'cum6.secretary' }) username: string;
  @TextField({ max: 128, example: 'ThiDua@Demo2026' }) password: string;
}

export class ChangePasswordDto {
  @TextField({ max: 128 }) currentPassword: string;
  @TextField({ max: 128, description: 'Ít nhất 8 ký tự, có cả chữ và số.' }) newPassword: string;
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
}
