import { Body, Controller, Get, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentUser } from '../../common/auth/auth.decorators';
import type { Principal } from '../../common/auth/principal';
import { ALL_ROLES, Role } from '../../common/auth/roles';
import { UuidParamPipe, YearParamPipe } from '../../common/validation/params';
import { CreateImpedimentDto, EndImpedimentDto, ImpedimentView, PutRatingDto, RatingView, UnitStandingView } from './ratings.dto';
import { RatingsService } from './ratings.service';

const ORGANIZER = [Role.Admin, Role.MinistryReviewer];

@ApiTags('Bình xét, khen thưởng')
@Controller('api')
export class RatingsController {
  constructor(private readonly ratings: RatingsService) {}

  @Get('units/:id/standing')
  @Auth(...ALL_ROLES)
  @ApiOperation({ summary: 'Xếp loại mức độ hoàn thành nhiệm vụ theo năm và các trường hợp chưa xét khen thưởng của đơn vị' })
  @ApiOkResponse({ type: UnitStandingView })
  standing(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string): Promise<UnitStandingView> {
    return this.ratings.standing(p, id);
  }

  @Put('units/:id/ratings/:year')
  @Auth(...ORGANIZER)
  @ApiOperation({ summary: 'Ghi nhận xếp loại của tập thể trong năm theo quyết định của cấp có thẩm quyền' })
  @ApiOkResponse({ type: RatingView })
  putRating(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Param('year', YearParamPipe) year: number, @Body() dto: PutRatingDto): Promise<RatingView> {
    return this.ratings.putRating(p, id, year, dto);
  }

  @Post('units/:id/impediments')
  @Auth(...ORGANIZER)
  @ApiOperation({ summary: 'Ghi nhận trường hợp chưa xét khen thưởng (kỷ luật, thanh tra, khiếu nại tố cáo)' })
  @ApiCreatedResponse({ type: ImpedimentView })
  addImpediment(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Body() dto: CreateImpedimentDto): Promise<ImpedimentView> {
    return this.ratings.addImpediment(p, id, dto);
  }

  @Patch('impediments/:id')
  @Auth(...ORGANIZER)
  @ApiOperation({ summary: 'Ghi nhận ngày kết thúc trường hợp chưa xét khen thưởng' })
  @ApiOkResponse({ type: ImpedimentView })
  endImpediment(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Body() dto: EndImpedimentDto): Promise<ImpedimentView> {
    return this.ratings.endImpediment(p, id, dto);
  }
}
