import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';

type Row = Record<string, unknown>;

/**
 * Grows a seeded SQLite database to `clusters` × `years` of history by copying Cụm 6's 2019 data (six
 * members with their own units, the criteria, 42 score sheets and their entries, the scoring settings)
 * under new ids: 100 × 10 gives 600 units, 6,000 memberships, 42,000 sheets and 378,000 entries.
 */
export function buildHistory(path: string, clusters = 100, years = 10, firstYear = 2009): { clusterIds: string[]; years: number[]; sheets: number; entries: number } {
  const db = new Database(path, { fileMustExist: true });
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  const one = <T = Row>(sql: string, ...p: unknown[]) => db.prepare(sql).get(...p) as T;
  const all = <T = Row>(sql: string, ...p: unknown[]) => db.prepare(sql).all(...p) as T[];
  const inserters = new Map<string, Database.Statement>();
  const insert = (table: string, row: Row) => {
    const cols = Object.keys(row);
    const key = `${table}:${cols.join(',')}`;
    let stmt = inserters.get(key);
    if (!stmt) inserters.set(key, (stmt = db.prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`)));
    stmt.run(...cols.map((c) => row[c]));
  };
  const ministry = one<{ id: string }>("SELECT id FROM units WHERE code = 'BTTTT'").id;
  const cum6 = one<{ id: string }>('SELECT id FROM clusters WHERE organizer_id = ? AND number = 6', ministry).id;
  const members = all('SELECT * FROM memberships WHERE cluster_id = ? AND year = 2019', cum6);
  const units = new Map<string, Row>(members.map((m) => [m.unit_id as string, one('SELECT * FROM units WHERE id = ?', m.unit_id)]));
  const set = one('SELECT * FROM criteria_sets WHERE cluster_id = ? AND year = 2019 ORDER BY version_no DESC LIMIT 1', cum6);
  const criteria = all('SELECT * FROM criteria WHERE set_id = ? ORDER BY parent_id IS NOT NULL, position', set.id);
  const sheets = all('SELECT * FROM score_sheets WHERE cluster_id = ? AND year = 2019', cum6);
  const entries = all('SELECT e.* FROM score_entries e JOIN score_sheets s ON s.id = e.sheet_id WHERE s.cluster_id = ? AND s.year = 2019', cum6);
  const config = one('SELECT * FROM scoring_configs WHERE cluster_id = ? AND year = 2019', cum6);
  const clusterIds: string[] = [];
  let sheetCount = 0;
  let entryCount = 0;
  db.transaction(() => {
    for (let c = 0; c < clusters; c++) {
      const clusterId = randomUUID();
      clusterIds.push(clusterId);
      const base = one('SELECT * FROM clusters WHERE id = ?', cum6);
      insert('clusters', { ...base, id: clusterId, number: 100 + c, name: `Cụm thi đua lịch sử số ${100 + c}`, document_code: `CTĐLS${100 + c}` });
      const unitMap = new Map<string, string>();
      let i = 0;
      for (const [oldId, u] of units) {
        const id = randomUUID();
        unitMap.set(oldId, id);
        insert('units', { ...u, id, code: `LS${100 + c}-${++i}`, name: `${u.name} (lịch sử ${100 + c})`, search_key: `${u.search_key} ls${100 + c}`, successor_id: null });
      }
      for (let y = 0; y < years; y++) {
        const year = firstYear + y;
        for (const m of members) insert('memberships', { ...m, id: randomUUID(), cluster_id: clusterId, unit_id: unitMap.get(m.unit_id as string), year, decision_id: null });
        const setId = randomUUID();
        insert('criteria_sets', { ...set, id: setId, cluster_id: clusterId, year });
        const criterionMap = new Map<string, string>();
        for (const k of criteria) {
          const id = randomUUID();
          criterionMap.set(k.id as string, id);
          insert('criteria', { ...k, id, set_id: setId, parent_id: k.parent_id ? criterionMap.get(k.parent_id as string) : null });
        }
        const sheetMap = new Map<string, string>();
        for (const s of sheets) {
          const id = randomUUID();
          sheetMap.set(s.id as string, id);
          const scorer = s.scorer_unit_id ? unitMap.get(s.scorer_unit_id as string) : null;
          insert('score_sheets', { ...s, id, cluster_id: clusterId, year, criteria_set_id: setId, target_unit_id: unitMap.get(s.target_unit_id as string), scorer_unit_id: scorer, scorer_key: scorer ?? s.scorer_key });
          sheetCount++;
        }
        for (const e of entries) {
          insert('score_entries', { ...e, sheet_id: sheetMap.get(e.sheet_id as string) });
          entryCount++;
        }
        insert('scoring_configs', { ...config, cluster_id: clusterId, year });
      }
    }
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return { clusterIds, years: Array.from({ length: years }, (_, y) => firstYear + y), sheets: sheetCount, entries: entryCount };
}
