import { Module } from '@nestjs/common';
import { PledgesRepository } from './pledges.repository';

/** The pledges' repository on its own, for features the pledges module depends on (criteria resets the signatures of an open pledge). */
@Module({ providers: [PledgesRepository], exports: [PledgesRepository] })
export class PledgeRecordsModule {}
