import { ApiProperty } from '@nestjs/swagger';
import { TextField } from '../common/validation/fields';

export class VerifyHashDto {
  @TextField({ presence: 'optional', max: 64, pattern: /^[0-9a-fA-F]{64}$/, patternMessage: 'Mã băm SHA-256 gồm 64 ký tự thập lục phân.' })
  sha256?: string;
}

export class DocumentInfoView {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'PLEDGE' }) kind: string;
  @ApiProperty() title: string;
  @ApiProperty() statusLabel: string;
  @ApiProperty() clusterName: string;
  @ApiProperty() year: number;
  @ApiProperty({ description: 'Phiên bản của hồ sơ khi phát hành.' }) sourceVersion: number;
  @ApiProperty() sha256: string;
  @ApiProperty() sizeBytes: number;
  @ApiProperty() issuedAt: string;
  @ApiProperty() verifyUrl: string;
}

export class VerificationView {
  @ApiProperty({ description: 'true: tệp đúng là tài liệu hệ thống đã phát hành, không bị thay đổi.' }) intact: boolean;
  @ApiProperty({ type: DocumentInfoView, nullable: true }) document: DocumentInfoView | null;
  @ApiProperty() sha256: string;
  @ApiProperty() message: string;
}
