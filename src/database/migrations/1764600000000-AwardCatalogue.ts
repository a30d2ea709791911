import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { rawQuery } from '../raw-sql';
import { col } from './table-helpers';

/**
 * The award catalogue: the awards a cluster can propose, with who confers them, their legal basis and the
 * reward as a multiple of the base salary. It starts with the two awards of the ministry.
 */
export class AwardCatalogue1764600000000 implements MigrationInterface {
  name = 'AwardCatalogue1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'awards',
        columns: [
          { ...col.text('code', 30), isPrimary: true },
          col.text('name', 200),
          col.text('conferred_by', 200),
          col.text('legal_basis', 300),
          col.int('reward_multiple_tenths'),
          col.int('sort_order'),
          col.timestamp('created_at'),
        ],
      }),
    );
    const now = new Date().toISOString();
    const rows = [
      ['EMULATION_FLAG', 'Cờ thi đua của Bộ', 'Bộ trưởng Bộ Thông tin và Truyền thông', 'Luật Thi đua, khen thưởng năm 2022', 80, 1, now],
      ['CERTIFICATE_OF_MERIT', 'Bằng khen của Bộ trưởng', 'Bộ trưởng Bộ Thông tin và Truyền thông', 'Luật Thi đua, khen thưởng năm 2022', 30, 2, now],
    ];
    for (const row of rows) {
      await rawQuery(q.manager, 'INSERT INTO awards (code, name, conferred_by, legal_basis, reward_multiple_tenths, sort_order, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)', row);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('awards');
  }
}
