import { Controller, Get, Header, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Public } from '../common/auth/auth.decorators';
import { UnitKeysService } from '../documents/signing/unit-keys.service';

/**
 * What the demo test CA publishes for anyone who verifies a signature: its certificate and its current certificate
 * revocation list (the CRL distribution point named in the certificates it issues). Public, as a CA's repository is.
 */
@ApiTags('Xác thực tài liệu')
@Controller('api/signing')
export class CaPublicationController {
  constructor(private readonly keys: UnitKeysService) {}

  @Get('test-ca.crl')
  @Public()
  @Header('Content-Type', 'application/pkix-crl')
  @Header('Content-Disposition', 'attachment; filename="thidua-test-ca.crl"')
  @ApiProduces('application/pkix-crl')
  @ApiOkResponse({ description: 'Danh sách chứng thư số bị thu hồi (CRL, DER) của CA thử nghiệm.', schema: { type: 'string', format: 'binary' } })
  @ApiOperation({ summary: 'Danh sách thu hồi chứng thư số của CA thử nghiệm' })
  async crl(): Promise<StreamableFile> {
    return new StreamableFile(await this.keys.testCaCrl());
  }

  @Get('test-ca.crt')
  @Public()
  @Header('Content-Type', 'application/pkix-cert')
  @Header('Content-Disposition', 'attachment; filename="thidua-test-ca.crt"')
  @ApiProduces('application/pkix-cert')
  @ApiOkResponse({ description: 'Chứng thư số (DER) của CA thử nghiệm.', schema: { type: 'string', format: 'binary' } })
  @ApiOperation({ summary: 'Chứng thư số của CA thử nghiệm' })
  async certificate(): Promise<StreamableFile> {
    return new StreamableFile((await this.keys.testCa()).certificate);
  }
}
