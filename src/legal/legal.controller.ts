import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentUser } from '../common/auth/auth.decorators';
import type { Principal } from '../common/auth/principal';
import { ALL_ROLES, Role } from '../common/auth/roles';
import { UuidParamPipe } from '../common/validation/params';
import { CreateLegalTextDto, CreateLegalValueDto, LegalCatalogueView, LegalOnQueryDto, LegalOnView, LegalTextView, LegalValueView, UpdateLegalTextDto, UpdateLegalValueDto } from './legal.dto';
import { LegalService } from './legal.service';

@ApiTags('Danh mục pháp lý')
@Controller('api/legal')
export class LegalController {
  constructor(private readonly legal: LegalService) {}

  @Get()
  @Auth(...ALL_ROLES)
  @ApiOperation({ summary: 'Danh mục pháp lý: văn bản và số liệu theo thời kỳ, kèm nguồn hoặc giả định' })
  @ApiOkResponse({ type: LegalCatalogueView })
  list(): Promise<LegalCatalogueView> {
    return this.legal.list();
  }

  @Get('on')
  @Auth(...ALL_ROLES)
  @ApiOperation({ summary: 'Quy định áp dụng vào một ngày: căn cứ pháp lý, lương cơ sở, tiền thưởng, tỷ lệ phiếu của Hội đồng' })
  @ApiOkResponse({ type: LegalOnView })
  on(@Query() q: LegalOnQueryDto): Promise<LegalOnView> {
    return this.legal.on(q.date, q.sector ?? null);
  }

  @Post('texts')
  @Auth(Role.Admin)
  @ApiOperation({ summary: 'Thêm văn bản pháp lý' })
  @ApiCreatedResponse({ type: LegalTextView })
  createText(@CurrentUser() p: Principal, @Body() dto: CreateLegalTextDto): Promise<LegalTextView> {
    return this.legal.createText(p, dto);
  }

  @Patch('texts/:id')
  @Auth(Role.Admin)
  @ApiOperation({ summary: 'Sửa văn bản pháp lý' })
  @ApiOkResponse({ type: LegalTextView })
  updateText(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Body() dto: UpdateLegalTextDto): Promise<LegalTextView> {
    return this.legal.updateText(p, id, dto);
  }

  @Post('values')
  @Auth(Role.Admin)
  @ApiOperation({ summary: 'Thêm số liệu pháp lý theo thời kỳ' })
  @ApiCreatedResponse({ type: LegalValueView })
  createValue(@CurrentUser() p: Principal, @Body() dto: CreateLegalValueDto): Promise<LegalValueView> {
    return this.legal.createValue(p, dto);
  }

  @Patch('values/:id')
  @Auth(Role.Admin)
  @ApiOperation({ summary: 'Sửa số liệu pháp lý theo thời kỳ' })
  @ApiOkResponse({ type: LegalValueView })
  updateValue(@CurrentUser() p: Principal, @Param('id', UuidParamPipe) id: string, @Body() dto: UpdateLegalValueDto): Promise<LegalValueView> {
    return this.legal.updateValue(p, id, dto);
  }
}
