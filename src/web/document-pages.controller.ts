import { Controller, Get, Inject, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { HttpRequest, HttpResponse } from '../common/http';
import { Authenticator } from '../auth/authenticator';
import { sessionCookieToken } from '../auth/cookies';
import { Public } from '../common/auth/auth.decorators';
import type { Principal } from '../common/auth/principal';
import { UuidParamPipe } from '../common/validation/params';
import { SERVER_SECRET } from '../config/config.tokens';
import type { DocumentInfoView } from '../issued-documents/documents.dto';
import { IssuedDocumentsService } from '../issued-documents/issued-documents.service';
import { sendPage, signedInFrame } from './page-response';
import { documentInfoPage, verifyPage } from './views/audit.view';
import type { PageFrame } from './views/layout';

/** The public pages of issued documents: checking a file, and what the QR code of a document leads to. */
@ApiExcludeController()
@Controller()
export class DocumentPagesController {
  constructor(
    @Inject(SERVER_SECRET) private readonly secret: string,
    private readonly authenticator: Authenticator,
    private readonly documents: IssuedDocumentsService,
  ) {}

  /** A signed-in reader keeps their navigation; anyone else sees the page without it. */
  private async frame(req: HttpRequest, title: string): Promise<PageFrame> {
    const p: Principal | null = sessionCookieToken(req) ? await this.authenticator.authenticate(req).catch(() => null) : null;
    return p ? signedInFrame(this.secret, p) : { title };
  }

  @Get('xac-thuc')
  @Public()
  async verify(@Req() req: HttpRequest, @Res() res: HttpResponse): Promise<void> {
    sendPage(res, verifyPage(await this.frame(req, 'Xác thực tài liệu')));
  }

  @Get('xac-thuc/:id')
  @Public()
  async documentInfo(@Param('id', UuidParamPipe) id: string, @Req() req: HttpRequest, @Res() res: HttpResponse): Promise<void> {
    const info = await this.documents.info(id);
    sendPage(res, documentInfoPage(await this.frame(req, 'Thông tin tài liệu'), info as DocumentInfoView | null, id), info ? 200 : 404);
  }
}
