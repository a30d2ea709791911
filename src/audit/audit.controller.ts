import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentUser } from '../common/auth/auth.decorators';
import type { Principal } from '../common/auth/principal';
import { Role } from '../common/auth/roles';
import { AuditPage, AuditQueryDto, AuditVerifyView } from './audit.dto';
import { AuditService } from './audit.service';
import type { ChainProblem } from './audit-chain';

const CHAIN_PROBLEM_MESSAGES: Record<ChainProblem, (seq: number) => string> = {
  hash: (seq) => `Phát hiện nhật ký bị sửa đổi tại bản ghi số ${seq}.`,
  link: (seq) => `Phát hiện nhật ký bị xóa hoặc chèn bản ghi tại bản ghi số ${seq}.`,
  truncated: (seq) => `Phát hiện nhật ký bị cắt mất phần cuối, từ bản ghi số ${seq}.`,
  anchor: (seq) => `Dấu neo của chuỗi nhật ký bị mất hoặc bị giả mạo (từ bản ghi số ${seq}).`,
  checkpoint: (seq) => `Nhật ký không khớp điểm kiểm tra lưu ngoài cơ sở dữ liệu tại bản ghi số ${seq}.`,
};

@ApiTags('Nhật ký kiểm toán')
@Controller('api/audit')
@Auth(Role.Admin, Role.MinistryReviewer)
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  /** Admins see everything; a reviewer sees the trail of their organiser's clusters. */
  @Get()
  @ApiOkResponse({ type: AuditPage })
  @ApiOperation({ summary: 'Tra cứu nhật ký kiểm toán' })
  list(@CurrentUser() p: Principal, @Query() q: AuditQueryDto): Promise<AuditPage> {
    return this.audit.list(p, q);
  }

  @Get('verify')
  @ApiOkResponse({ type: AuditVerifyView })
  @ApiOperation({ summary: 'Kiểm tra tính toàn vẹn của chuỗi nhật ký' })
  async verify(): Promise<AuditVerifyView> {
    const result = await this.audit.verify();
    const message = result.ok ? `Chuỗi nhật ký toàn vẹn: đã kiểm tra ${result.checked} bản ghi.` : CHAIN_PROBLEM_MESSAGES[result.problem!](result.brokenAtSeq!);
    return { ...result, message };
  }
}
