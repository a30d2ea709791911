import { ApiProperty } from '@nestjs/swagger';
import { EMAIL_MESSAGE, EMAIL_PATTERN } from '../common/validation/email';
import { BoolField, IntField, ReasonField, TextField } from '../common/validation/fields';


export class NotificationView {
  @ApiProperty() id: string;
  @ApiProperty({ description: 'Loại: reminder.<giai đoạn>.<mốc> (D7, D3, D0, OVERDUE), proposal.return, queue.overdue.' }) kind: string;
  @ApiProperty() subject: string;
  @ApiProperty() body: string;
  @ApiProperty({ nullable: true, type: String, description: 'Trang xử lý việc (đường dẫn trong hệ thống).' }) link: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Hạn (YYYY-MM-DD) mà thông báo nhắc tới.' }) dueOn: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) readAt: string | null;
}

export class NotificationList {
  @ApiProperty({ type: [NotificationView] }) items: NotificationView[];
  @ApiProperty({ description: 'Số thông báo chưa đọc.' }) unread: number;
}

export class NotificationQueryDto {
  @BoolField({ presence: 'optional', query: true, description: 'true: chỉ các thông báo chưa đọc.' }) unreadOnly?: boolean;
  @IntField({ presence: 'optional', min: 1, max: 200, query: true, description: 'Số thông báo tối đa (mới nhất trước; mặc định 50).' }) limit?: number;
}

export class EmailSettingsView {
  @ApiProperty({ nullable: true, type: String }) email: string | null;
  @ApiProperty({ description: 'false: người dùng đã tắt thư nhắc việc (thông báo trong hệ thống vẫn giữ).' }) emailNotifications: boolean;
  @ApiProperty() version: number;
}

export class UpdateEmailSettingsDto {
  @IntField({ min: 1, max: 2_147_483_647, description: 'Phiên bản tài khoản đã đọc (chống ghi đè).' }) version: number;
  @TextField({ presence: 'nullable', max: 200, pattern: EMAIL_PATTERN, patternMessage: EMAIL_MESSAGE, example: 'van.an@gialai.gov.vn' }) email?: string | null;
  @BoolField({ presence: 'optional', description: 'false: tắt thư nhắc việc.' }) emailNotifications?: boolean;
}

export class ServiceLevelView {
  @ApiProperty() organizerId: string;
  @ApiProperty() organizerName: string;
  @ApiProperty({ nullable: true, type: Number, description: 'Số ngày tối đa một hồ sơ chờ ở một trạng thái; null: chưa đặt.' }) days: number | null;
  @ApiProperty({ description: '0 khi chưa đặt lần nào.' }) version: number;
  @ApiProperty({ nullable: true, type: String }) updatedAt: string | null;
}

export class SetServiceLevelDto {
  @IntField({ min: 1, max: 365, description: 'Thời hạn xử lý: số ngày tối đa một hồ sơ chờ ở một trạng thái.' }) days: number;
  @IntField({ min: 0, max: 2_147_483_647, description: 'Phiên bản đã đọc; 0 khi chưa đặt lần nào.' }) version: number;
  @ReasonField() reason: string;
}
