import type { ChainProblem } from './audit-chain';
import { ApiProperty } from '@nestjs/swagger';
import { DateField, IntField, TextField, UuidField } from '../common/validation/fields';

export class AuditQueryDto {
  @TextField({ presence: 'optional', max: 50, example: 'unit' }) entityType?: string;
  @TextField({ presence: 'optional', max: 80 }) entityId?: string;
  @TextField({ presence: 'optional', max: 80, example: 'unit.update' }) action?: string;
  @TextField({ presence: 'optional', max: 50, description: 'Tên đăng nhập của người thực hiện.' }) actor?: string;
  @UuidField({ presence: 'optional' }) clusterId?: string;
  @DateField({ presence: 'optional', description: 'Từ ngày (UTC).' }) from?: string;
  @DateField({ presence: 'optional', description: 'Đến hết ngày (UTC).' }) to?: string;
  @IntField({ presence: 'optional', min: 1, max: 500, query: true }) limit?: number;
  @IntField({ presence: 'optional', min: 0, max: 100_000_000, query: true }) offset?: number;
}

export class AuditEntryView {
  @ApiProperty() seq: number;
  @ApiProperty() occurredAt: string;
  @ApiProperty({ nullable: true, type: String }) actorId: string | null;
  @ApiProperty() actorUsername: string;
  @ApiProperty() action: string;
  @ApiProperty() entityType: string;
  @ApiProperty() entityId: string;
  @ApiProperty({ nullable: true, type: Object }) before: unknown;
  @ApiProperty({ nullable: true, type: Object }) after: unknown;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
  @ApiProperty({ nullable: true, type: String }) requestId: string | null;
  @ApiProperty({ nullable: true, type: String }) clusterId: string | null;
  @ApiProperty() hash: string;
}

export class AuditPage {
  @ApiProperty({ type: [AuditEntryView] }) items: AuditEntryView[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}

export class AuditVerifyView {
  @ApiProperty() ok: boolean;
  @ApiProperty() checked: number;
  @ApiProperty({ required: false }) brokenAtSeq?: number;
  @ApiProperty({ required: false, enum: ['hash', 'link', 'truncated', 'anchor', 'checkpoint'] }) problem?: ChainProblem;
  @ApiProperty() message: string;
}
