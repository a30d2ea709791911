import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/**
 * Whether a vote share must be exceeded ("trên 50%": more than half, so 3 of 6 fails) or reached ("từ 80% trở
 * lên"). The Bằng khen share seeded so far (50 %, "quá bán") was compared as reached: existing rows are corrected.
 */
export class VoteShares1765000000000 implements MigrationInterface {
  name = 'VoteShares1765000000000';

  async up(q: QueryRunner): Promise<void> {
    // The default as each driver writes a boolean false (SQLite keeps booleans as 0/1).
    const no = q.connection.options.type === 'postgres' ? false : 0;
    await q.addColumns('award_rule_versions', [
      new TableColumn({ name: 'flag_strictly_above', type: 'boolean', isNullable: false, default: no }),
      new TableColumn({ name: 'merit_strictly_above', type: 'boolean', isNullable: false, default: no }),
    ]);
    await q.query(`UPDATE award_rule_versions SET merit_strictly_above = ${q.connection.options.type === 'postgres' ? 'TRUE' : '1'} WHERE merit_min_approval = 5000`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('award_rule_versions', 'merit_strictly_above');
    await q.dropColumn('award_rule_versions', 'flag_strictly_above');
  }
}
