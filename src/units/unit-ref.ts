import { ApiProperty } from '@nestjs/swagger';
import type { Unit } from './unit.entity';

/** A unit as other records refer to it: its id and names. */
export class UnitRefView {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() shortName: string;
}

/** The reference of a unit; a unit not found shows its id. */
export function unitRef(u: Unit | undefined, id: string): UnitRefView {
  return { id, name: u?.name ?? id, shortName: u?.shortName ?? id };
}
