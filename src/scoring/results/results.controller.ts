import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { HttpResponse } from '../../common/http';
import { Auth, CurrentUser } from '../../common/auth/auth.decorators';
import type { Principal } from '../../common/auth/principal';
import { ALL_ROLES } from '../../common/auth/roles';
import { ErrorBody } from '../../common/errors/error-body';
import { sendDocument } from '../../common/file-response';
import { UuidParamPipe, YearParamPipe } from '../../common/validation/params';
import { XLSX_MIME } from '../../documents/excel/table-workbook';
import { ResultsView } from './results.dto';
import { ResultsService } from './results.service';

@ApiTags('Chấm điểm, xếp hạng')
@Controller('api/clusters/:id/years/:year/scoring')
export class ResultsController {
  constructor(private readonly results: ResultsService) {}

  @Get('results')
  @Auth(...ALL_ROLES)
  @ApiOperation({ summary: 'Kết quả theo từng tiêu chí: điểm đạt, điểm trung bình và cao nhất của cụm, điểm bị mất' })
  @ApiOkResponse({ type: ResultsView })
  @ApiResponse({ status: 403, description: 'Đơn vị thành viên: kết quả chưa được công bố.', type: ErrorBody })
  get(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number): Promise<ResultsView> {
    return this.results.results(p, id, year);
  }

  @Get('results.xlsx')
  @Auth(...ALL_ROLES)
  @ApiOperation({ summary: 'Tải kết quả theo từng tiêu chí (Excel)' })
  @ApiOkResponse({ description: 'Kết quả theo tiêu chí (tệp .xlsx).', content: { [XLSX_MIME]: { schema: { type: 'string', format: 'binary' } } } })
  @ApiResponse({ status: 403, description: 'Đơn vị thành viên: kết quả chưa được công bố.', type: ErrorBody })
  async xlsx(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number, @Res() res: HttpResponse): Promise<void> {
    sendDocument(res, await this.results.xlsx(p, id, year), XLSX_MIME);
  }
}
