import { LegalModule } from '../legal/legal.module';
import { UnitsModule } from '../units/units.module';
import { ReportsModule } from '../reports/reports.module';
import { IssuedDocumentsModule } from '../issued-documents/issued-documents.module';
import { UnitRecordsModule } from '../units/unit-records.module';
import { Inject, Module, OnModuleInit } from '@nestjs/common';
import { csrfTokenFor } from '../auth/cookies';
import { SERVER_SECRET } from '../config/config.tokens';
import type { Principal } from '../common/auth/principal';
import type { HttpRequest, HttpResponse } from '../common/http';
import { requestPath } from '../common/http';
import { AuthModule } from '../auth/auth.module';
import { Authenticator } from '../auth/authenticator';
import { AccessModule } from '../access/access.module';
import { AuditModule } from '../audit/audit.module';
import { AwardsModule } from '../awards/awards.module';
import { ClustersModule } from '../clusters/clusters.module';
import { AppException } from '../common/errors/app.exception';
import { ERROR_CATALOGUE, ErrorCode } from '../common/errors/error-codes';
import { setHtmlErrorRenderer } from '../common/errors/http-exception.filter';
import { currentRequestId } from '../common/request-context';
import { CriteriaModule } from '../criteria/criteria.module';
import { LeadershipModule } from '../leadership/leadership.module';
import { PledgesModule } from '../pledges/pledges.module';
import { ScoringModule } from '../scoring/scoring.module';
import { NotificationPagesController } from './notification-pages.controller';
import { DashboardService } from './dashboard.service';
import { YearBoardService } from './year-board.service';
import { redirect, sendPage } from './page-response';
import { PagesController } from './pages.controller';
import { PledgePagesController } from './pledge-pages.controller';
import { HistoryPagesController } from './history-pages.controller';
import { AdminPagesController } from './admin-pages.controller';
import { DocumentPagesController } from './document-pages.controller';
import { ScoringPagesController } from './scoring-pages.controller';
import { ReviewPagesController } from './review-pages.controller';
import { BallotPagesController } from './ballot-pages.controller';
import { errorPage } from './views/auth.view';
import { queryFieldLabel } from './query-labels';
import { WebAuthController } from './web-auth.controller';

/** A browser asking for a page (not the API, not an asset, not a script's call) gets errors as pages. */
function wantsPage(req: HttpRequest): boolean {
  const path = requestPath(req);
  if (req.method !== 'GET' || path.startsWith('/api') || path.startsWith('/static')) return false;
  return (req.headers.accept ?? '').includes('text/html');
}

/** What the error pages need to be the signed-in person's: the session's reader, and the secret of its CSRF token. */
export interface ErrorPageSession {
  authenticator: Authenticator;
  secret: string;
}

export function renderHtmlError(error: AppException, req: HttpRequest, res: HttpResponse, session?: ErrorPageSession): boolean {
  if (!wantsPage(req)) return false;
  if (error.status === 401) {
    redirect(res, `/dang-nhap?tiep=${encodeURIComponent(req.originalUrl)}`);
    return true;
  }
  if (error.code === ErrorCode.MfaEnrolmentRequired) {
    redirect(res, '/xac-thuc-hai-lop');
    return true;
  }
  // An address no route serves is answered before any guard reads the session: the page is still the signed-in
  // person's (their header, their navigation), so the session is read here; a signed-out visitor's page stays so.
  if (error.code === ErrorCode.RouteNotFound && !req.principal && session) {
    void session.authenticator
      .authenticate(req)
      .catch(() => undefined)
      .then((principal) => sendErrorPage(error, req, res, principal, session.secret))
      .catch(() => {
        // The page could not be drawn: a plain answer, and never an unhandled rejection.
        try {
          if (!res.sent) void res.status(404).header('Content-Type', 'text/plain; charset=utf-8').send('Không tìm thấy trang.');
        } catch {
          res.raw.destroy();
        }
      });
    return true;
  }
  sendErrorPage(error, req, res, req.principal, session?.secret);
  return true;
}

function sendErrorPage(error: AppException, req: HttpRequest, res: HttpResponse, principal: Principal | undefined, secret: string | undefined): void {
  // A page opened with a wrong address (a filter's value): each problem names its field as the page's form labels it.
  const path = requestPath(req);
  const query = (req.query ?? {}) as Record<string, unknown>;
  const inQuery = (field: string): boolean => Object.hasOwn(query, field.split('.')[0]);
  const details = error.details
    .filter((d) => d.message !== error.message)
    // The pages' date fields are typed dd/mm/yyyy (the API's message states its own form, YYYY-MM-DD).
    .map((d) => ({ ...d, message: d.code === 'isIsoDate' ? 'Phải là ngày hợp lệ, dạng dd/mm/yyyy (ví dụ 15/03/2026).' : d.message }))
    // A page's address holds an object's code only because a link put it there: say so, not "UUID".
    .map((d) => ({ ...d, message: d.code === 'isUuid' ? 'mã trong địa chỉ bị sai hoặc thiếu ký tự. Hãy mở trang từ một liên kết thay vì gõ địa chỉ.' : d.message }))
    .map((d) => (error.code === ErrorCode.ValidationFailed && d.field && inQuery(d.field) ? `${queryFieldLabel(path, d.field)}: ${d.message}` : d.message));
  // The page again without the filters the address got wrong (the form keeps the others).
  const wrong = new Set(error.details.map((d) => d.field?.split('.')[0]).filter((f): f is string => !!f && Object.hasOwn(query, f)));
  // Nothing was sent: the generic "Dữ liệu gửi lên" becomes the page's address, a filter's value or a part of its path
  // (a refusal with words of its own keeps them).
  const generic = error.code === ErrorCode.ValidationFailed && error.message === ERROR_CATALOGUE[ErrorCode.ValidationFailed].message;
  const lead = !generic ? error.message : wrong.size ? 'Bộ lọc trong địa chỉ trang không hợp lệ.' : 'Địa chỉ trang không đúng:';
  const kept = Object.entries(query).filter(([k, v]) => !wrong.has(k) && typeof v === 'string').map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v as string)}`);
  const retry = wrong.size && req.method === 'GET' && /^\/(?!\/)/.test(path) ? `${path}${kept.length ? `?${kept.join('&')}` : ''}` : undefined;
  // With its CSRF token, the page's own forms (sign-out) work.
  const csrf = principal && secret ? csrfTokenFor(secret, principal.sessionId) : undefined;
  // An address no page has is said in the page's words, not the router's ("GET …"); so is a path whose object code is
  // malformed (no object, hence no page, has it).
  const noObject = generic && !wrong.size && error.details.length > 0 && error.details.every((d) => d.code === 'isUuid');
  const message =
    error.code === ErrorCode.RouteNotFound ? `Không có trang nào ở địa chỉ ${path}.` : noObject ? `Không có trang nào ở địa chỉ ${path}: mã trong địa chỉ bị sai hoặc thiếu ký tự. Hãy mở trang từ một liên kết thay vì gõ địa chỉ.` : [lead, ...details].join(' ');
  const status = noObject ? 404 : error.status;
  sendPage(res, errorPage(status, message, principal ?? null, currentRequestId(), retry, csrf), status);
}

@Module({
  imports: [AuthModule, AccessModule, AuditModule, ClustersModule, LeadershipModule, CriteriaModule, PledgesModule, ScoringModule, AwardsModule, LegalModule, UnitsModule, UnitRecordsModule, ReportsModule, IssuedDocumentsModule],
  controllers: [BallotPagesController, WebAuthController, PagesController, PledgePagesController, ScoringPagesController, ReviewPagesController, HistoryPagesController, AdminPagesController, DocumentPagesController, NotificationPagesController],
  providers: [DashboardService, YearBoardService],
})
export class WebModule implements OnModuleInit {
  constructor(
    private readonly authenticator: Authenticator,
    @Inject(SERVER_SECRET) private readonly secret: string,
  ) {}

  onModuleInit(): void {
    setHtmlErrorRenderer((error, req, res) => renderHtmlError(error, req, res, { authenticator: this.authenticator, secret: this.secret }));
  }
}
