import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { EmulationYearsService } from '../clusters/emulation-years.service';
import type { HttpRequest } from '../common/http';
import { UuidParamPipe, YearParamPipe } from '../common/validation/params';

/**
 * A page of a cluster-year (/cum/:id/nam/:year/…) exists for a year the cluster opened or had members in (a past year
 * entered through the API has its members, criteria and sheets without its phases): for any other year it answers 404
 * like the year's own page ("Không tìm thấy năm thi đua …"), not an empty ranking or meeting. The parameters are
 * checked first, by the route's own pipes, with their messages.
 */
@Injectable()
export class OpenedYearGuard implements CanActivate {
  constructor(private readonly years: EmulationYearsService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<HttpRequest>();
    // The global AuthGuard ran first and put the principal on the request.
    if (!req.principal) return false;
    const params = req.params as Record<string, string>;
    const clusterId = new UuidParamPipe().transform(params.id, { data: 'id' });
    const year = new YearParamPipe().transform(params.year, { data: 'year' });
    await this.years.getOrMembers(req.principal, clusterId, year);
    return true;
  }
}
