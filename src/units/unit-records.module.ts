import { Module } from '@nestjs/common';
import { UnitsRepository } from './units.repository';

/**
 * The units' repository on its own: every feature reads units through it, auth included, which the units
 * module itself depends on (for its access checks), so it cannot be imported from there.
 */
@Module({ providers: [UnitsRepository], exports: [UnitsRepository] })
export class UnitRecordsModule {}
