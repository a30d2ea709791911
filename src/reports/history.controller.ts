import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ErrorBody } from '../common/errors/error-body';
import type { HttpResponse } from '../common/http';
import { Auth, CurrentUser } from '../common/auth/auth.decorators';
import type { Principal } from '../common/auth/principal';
import { ALL_ROLES } from '../common/auth/roles';
import { sendDocument } from '../common/file-response';
import { UuidParamPipe } from '../common/validation/params';
import { XLSX_MIME } from '../documents/excel/table-workbook';
import { ClusterHistoryQueryDto, ClusterHistoryView, UnitHistoryView } from './history.dto';
import { HistoryService } from './history.service';

@ApiTags('Báo cáo')
@Controller('api')
@Auth(...ALL_ROLES)
export class HistoryController {
  constructor(private readonly history: HistoryService) {}

  @Get('units/:id/history')
  @ApiOkResponse({ type: UnitHistoryView })
  @ApiOperation({ summary: 'Lịch sử của đơn vị và các đơn vị tiền thân: sáp nhập, tư cách thành viên, khen thưởng' })
  @ApiResponse({ status: 404, description: 'Không tìm thấy đơn vị (hoặc ngoài phạm vi).', type: ErrorBody })
  unit(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string): Promise<UnitHistoryView> {
    return this.history.unitHistory(p, id);
  }

  @Get('units/:id/history.xlsx')
  @ApiOkResponse({ description: 'Lịch sử khen thưởng của đơn vị và các đơn vị tiền thân (tệp .xlsx).', content: { [XLSX_MIME]: { schema: { type: 'string', format: 'binary' } } } })
  @ApiOperation({ summary: 'Lịch sử khen thưởng của đơn vị (Excel)' })
  @ApiResponse({ status: 404, description: 'Không tìm thấy đơn vị (hoặc ngoài phạm vi).', type: ErrorBody })
  async unitXlsx(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Res() res: HttpResponse): Promise<void> {
    sendDocument(res, await this.history.unitHistoryXlsx(p, id), XLSX_MIME);
  }

  @Get('clusters/:id/history')
  @ApiOkResponse({ type: ClusterHistoryView })
  @ApiOperation({ summary: 'Lịch sử của cụm qua các năm (kể cả cụm tiền thân): thành viên, Cụm trưởng, xếp hạng, khen thưởng' })
  @ApiResponse({ status: 400, description: 'Khoảng năm không hợp lệ.', type: ErrorBody })
  @ApiResponse({ status: 404, description: 'Không tìm thấy cụm (hoặc ngoài phạm vi).', type: ErrorBody })
  cluster(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Query() q: ClusterHistoryQueryDto): Promise<ClusterHistoryView> {
    return this.history.clusterHistory(p, id, q.from, q.to);
  }

  @Get('clusters/:id/history.xlsx')
  @ApiOkResponse({ description: 'Lịch sử của cụm qua các năm (tệp .xlsx).', content: { [XLSX_MIME]: { schema: { type: 'string', format: 'binary' } } } })
  @ApiOperation({ summary: 'Lịch sử của cụm qua các năm (Excel)' })
  @ApiResponse({ status: 400, description: 'Khoảng năm không hợp lệ.', type: ErrorBody })
  @ApiResponse({ status: 404, description: 'Không tìm thấy cụm (hoặc ngoài phạm vi).', type: ErrorBody })
  async clusterXlsx(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Query() q: ClusterHistoryQueryDto, @Res() res: HttpResponse): Promise<void> {
    sendDocument(res, await this.history.clusterHistoryXlsx(p, id, q.from, q.to), XLSX_MIME);
  }
}
