import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../common/auth/auth.decorators';
import { AppException } from '../common/errors/app.exception';
import { ErrorBody } from '../common/errors/error-body';
import { ErrorCode } from '../common/errors/error-codes';
import { UnitOfWork } from '../database/unit-of-work';
import { Lifecycle } from './lifecycle';

class HealthView {
  @ApiProperty({ example: 'ok' }) status: string;
  @ApiProperty({ example: 'sqlite' }) database: string;
}

@ApiTags('Hệ thống')
@Controller('api/health')
export class HealthController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly lifecycle: Lifecycle,
  ) {}

  /** 200 when the database answers a query; 503 otherwise. */
  @Get()
  @Public()
  @ApiOkResponse({ type: HealthView })
  @ApiServiceUnavailableResponse({ type: ErrorBody })
  @ApiOperation({ summary: 'Kiểm tra tình trạng hệ thống và cơ sở dữ liệu' })
  check(): Promise<HealthView> {
    return this.database();
  }

  /** Liveness: the process answers (no database query: a database outage must not get every instance restarted). */
  @Get('live')
  @Public()
  @ApiOkResponse({ type: HealthView })
  @ApiOperation({ summary: 'Kiểm tra tiến trình còn hoạt động (không truy vấn cơ sở dữ liệu)' })
  live(): HealthView {
    return { status: 'ok', database: this.uow.isSqlite ? 'sqlite' : 'postgres' };
  }

  /** Readiness: 200 when the database answers and the instance is not stopping; 503 otherwise (the balancer's check). */
  @Get('ready')
  @Public()
  @ApiOkResponse({ type: HealthView })
  @ApiServiceUnavailableResponse({ type: ErrorBody })
  @ApiOperation({ summary: 'Kiểm tra sẵn sàng nhận yêu cầu (cơ sở dữ liệu trả lời, máy chủ không đang dừng)' })
  ready(): Promise<HealthView> {
    if (this.lifecycle.draining) throw new AppException(ErrorCode.ServiceUnavailable, 'Máy chủ đang dừng, không nhận yêu cầu mới.');
    return this.database();
  }

  private async database(): Promise<HealthView> {
    try {
      await this.uow.read((m) => m.query('SELECT 1'));
    } catch {
      throw new AppException(ErrorCode.ServiceUnavailable, 'Không kết nối được cơ sở dữ liệu.');
    }
    return { status: 'ok', database: this.uow.isSqlite ? 'sqlite' : 'postgres' };
  }
}
