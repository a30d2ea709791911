import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Normalisation with guards (normalization.rules): the method a cluster-year normalises peer scores by, and how many
 * units a scorer must have scored before its sheets are normalised. Existing configurations keep the shift by the
 * mean they had; the guard starts at 3 units.
 */
export class NormalizationGuards1766300000000 implements MigrationInterface {
  name = 'NormalizationGuards1766300000000';

  async up(q: QueryRunner): Promise<void> {
    // Plain ALTER TABLE on both databases: TypeORM's SQLite runner would rebuild the table.
    await q.query("ALTER TABLE scoring_configs ADD COLUMN normalize_method varchar(12) NOT NULL DEFAULT 'MEAN_SHIFT'");
    await q.query('ALTER TABLE scoring_configs ADD COLUMN normalize_min_units integer NOT NULL DEFAULT 3');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE scoring_configs DROP COLUMN normalize_min_units');
    await q.query('ALTER TABLE scoring_configs DROP COLUMN normalize_method');
  }
}
