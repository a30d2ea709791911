import { Module } from '@nestjs/common';
import { CriteriaController } from './criteria.controller';
import { CriteriaService } from './criteria.service';

@Module({ providers: [CriteriaService], controllers: [CriteriaController], exports: [CriteriaService] })
export class CriteriaModule {}
