import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../common/auth/auth.decorators';
import { AppException } from '../common/errors/app.exception';
import { ErrorBody } from '../common/errors/error-body';
import { ErrorCode } from '../common/errors/error-codes';
import { UnitOfWork } from '../database/unit-of-work';

class HealthView {
  @ApiProperty({ example: 'ok' }) status: string;
  @ApiProperty({ example: 'sqlite' }) database: string;
}

@ApiTags('Hệ thống')
@Controller('api/health')
export class HealthController {
  constructor(private readonly uow: UnitOfWork) {}

  /** 200 when the database answers a query; 503 otherwise. */
  @Get()
  @Public()
  @ApiOkResponse({ type: HealthView })
  @ApiServiceUnavailableResponse({ type: ErrorBody })
  @ApiOperation({ summary: 'Kiểm tra tình trạng hệ thống và cơ sở dữ liệu' })
  async check(): Promise<HealthView> {
    try {
      await this.uow.read((m) => m.query('SELECT 1'));
    } catch {
      throw new AppException(ErrorCode.ServiceUnavailable, 'Không kết nối được cơ sở dữ liệu.');
    }
    return { status: 'ok', database: this.uow.isSqlite ? 'sqlite' : 'postgres' };
  }
}
