import { Module } from '@nestjs/common';
import { AccessRepository } from './access.repository';
import { AccessService } from './access.service';

/** The access policy: object-level authorisation on clusters and years, and the scope of cluster and unit queries. */
@Module({ providers: [AccessRepository, AccessService], exports: [AccessService, AccessRepository] })
export class AccessModule {}
