import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { DatabaseConfig } from '../config/app-config';
import { dataSourceOptions } from './data-source';
import { UnitOfWork } from './unit-of-work';
import { ClusterYearRevisions } from './cluster-year-revisions';
import { FileStore } from './file-store';
import { JobScheduler } from './job-scheduler';

@Global()
@Module({})
export class DatabaseModule {
  /** Migrations run when the data source starts; `synchronize` is never used. */
  static forRoot(database: DatabaseConfig): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [TypeOrmModule.forRoot({ ...dataSourceOptions(database), migrationsRun: true })],
      providers: [UnitOfWork, ClusterYearRevisions, FileStore, JobScheduler],
      exports: [UnitOfWork, ClusterYearRevisions, FileStore, JobScheduler],
    };
  }
}
