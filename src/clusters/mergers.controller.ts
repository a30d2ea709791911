import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ErrorBody } from '../common/errors/error-body';
import { Auth } from '../common/auth/auth.decorators';
import { Role } from '../common/auth/roles';
import { UuidParamPipe } from '../common/validation/params';
import { MergeResultView, MergeUnitDto } from './clusters.dto';
import { MergersService } from './mergers.service';

@ApiTags('Đơn vị')
@Controller('api/units')
export class MergersController {
  constructor(private readonly mergers: MergersService) {}

  @Post(':id/merge')
  @Auth(Role.Admin)
  @HttpCode(200)
  @ApiOkResponse({ type: MergeResultView })
  @ApiOperation({ summary: 'Sáp nhập đơn vị vào đơn vị kế thừa (cả giữa năm): chuyển tư cách thành viên các năm chưa kết thúc' })
  @ApiResponse({ status: 404, description: 'Không tìm thấy đơn vị.', type: ErrorBody })
  @ApiResponse({ status: 409, description: 'Phiên bản đã đọc không còn mới (đơn vị vừa được sửa).', type: ErrorBody })
  @ApiResponse({ status: 422, description: 'Đơn vị kế thừa không hợp lệ, ngày sáp nhập không hợp lệ, hoặc đơn vị đã sáp nhập.', type: ErrorBody })
  merge(@Param('id', UuidParamPipe) id: string, @Body() dto: MergeUnitDto): Promise<MergeResultView> {
    return this.mergers.merge(id, dto);
  }
}
