import type { Client } from 'pg';

export interface NationalShape {
  organisers: number;
  clusters: number;
  unitsPerCluster: number;
  firstYear: number;
  years: number;
}

/** 60 organisers, 1,000 clusters of 12 members (12,000 units), ten years. */
export const NATIONAL: NationalShape = { organisers: 60, clusters: 1000, unitsPerCluster: 12, firstYear: 2017, years: 10 };

export interface NationalData {
  counts: Record<string, number>;
  /** The year still being scored: its sheets are drafts. */
  openYear: number;
  /** The last finished year: its proposals wait in the reviewers' queue. */
  queueYear: number;
  buildMs: number;
}

/**
 * Grows a migrated and seeded PostgreSQL database (the server stopped) to national size, inside PostgreSQL with
 * INSERT … SELECT over generate_series: the organisers the seed has plus new ones up to `organisers`, `clusters`
 * spread over them in turn, `unitsPerCluster` new member units each, and for each of `years` years their
 * memberships, a criteria set (a copy of Cụm 6's 2019 set), a consolidated (CLUSTER) and a self-assessment sheet per
 * member with an entry per criterion, the scoring settings (rule CLUSTER); the last year is still being scored
 * (draft sheets, not published). Award proposals (a flag and two certificates of merit per cluster-year) are approved
 * for the earlier years and wait in the queue (SUBMITTED) for the last finished one. Ids are UUIDs derived from the
 * row's place (md5), so rows refer to each other without lookups. No audit entry is written: the chain the seed
 * began is left as it is (like history.ts, this stands for data that predates the application).
 */
export async function buildNational(db: Client, shape: NationalShape = NATIONAL): Promise<NationalData> {
  const started = Date.now();
  const lastYear = shape.firstYear + shape.years - 1;
  const openYear = lastYear;
  const queueYear = lastYear - 1;
  const now = new Date().toISOString();
  const q = (sql: string, params: unknown[] = []) => db.query(sql, params);
  await q('BEGIN');
  try {
    // The foreign keys of the two largest tables are checked once at the end (re-added, which validates every row in
    // one pass) rather than row by row.
    const keys = (await q(`SELECT conrelid::regclass::text AS tbl, conname, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE contype = 'f' AND conrelid IN ('score_entries'::regclass, 'score_sheets'::regclass)`)).rows;
    for (const k of keys) await q(`ALTER TABLE ${k.tbl} DROP CONSTRAINT "${k.conname}"`);
    await q(`CREATE FUNCTION pg_temp.nid(t text) RETURNS varchar LANGUAGE sql IMMUTABLE AS $$ SELECT overlay(overlay(md5(t) placing '4' from 13) placing '8' from 17)::uuid::text $$`);
    const existing = Number((await q("SELECT count(*)::int AS n FROM units WHERE kind = 'ORGANIZER'")).rows[0].n);
    await q(
      `INSERT INTO units (id, code, kind, name, short_name, search_key, version, created_at, updated_at)
       SELECT pg_temp.nid('org-' || o), 'QG-CQ' || lpad(o::text, 2, '0'), 'ORGANIZER', 'Cơ quan tổ chức thi đua số ' || o, 'CQTC ' || o,
              'co quan to chuc thi dua so ' || o || ' qg cq' || lpad(o::text, 2, '0'), 1, $1, $1
       FROM generate_series(1, $2::int) o`,
      [now, Math.max(0, shape.organisers - existing)],
    );
    await q(`CREATE TEMP TABLE nat_orgs ON COMMIT DROP AS SELECT (row_number() OVER (ORDER BY code) - 1)::int AS i, id FROM units WHERE kind = 'ORGANIZER'`);
    await q(
      `CREATE TEMP TABLE nat_clusters ON COMMIT DROP AS
       SELECT c, pg_temp.nid('cluster-' || c) AS id, o.id AS org FROM generate_series(0, $1::int - 1) c JOIN nat_orgs o ON o.i = c % (SELECT count(*) FROM nat_orgs)`,
      [shape.clusters],
    );
    await q(
      `INSERT INTO clusters (id, organizer_id, number, name, document_code, version, created_at, updated_at)
       SELECT id, org, 1000 + c, 'Cụm thi đua toàn quốc số ' || (1000 + c), 'CTĐQG' || (1000 + c), 1, $1, $1 FROM nat_clusters`,
      [now],
    );
    await q(
      `CREATE TEMP TABLE nat_units ON COMMIT DROP AS
       SELECT k.c, k.id AS cluster_id, k.org, u, pg_temp.nid('unit-' || k.c || '-' || u) AS id FROM nat_clusters k CROSS JOIN generate_series(1, $1::int) u`,
      [shape.unitsPerCluster],
    );
    await q(
      `INSERT INTO units (id, code, kind, name, short_name, province, search_key, version, created_at, updated_at)
       SELECT id, 'QG-' || (1000 + c) || '-' || u, 'MEMBER', 'Đơn vị thi đua ' || u || ' thuộc cụm ' || (1000 + c), 'ĐV ' || u || '/' || (1000 + c), NULL,
              'don vi thi dua ' || u || ' thuoc cum ' || (1000 + c) || ' qg ' || (1000 + c) || ' ' || u, 1, $1, $1
       FROM nat_units`,
      [now],
    );
    await q(`CREATE TEMP TABLE nat_years ON COMMIT DROP AS SELECT y FROM generate_series($1::int, $2::int) y`, [shape.firstYear, lastYear]);
    await q(
      `INSERT INTO memberships (id, cluster_id, unit_id, organizer_id, year, created_at, version)
       SELECT pg_temp.nid('member-' || n.id || '-' || y), n.cluster_id, n.id, n.org, y, $1, 1 FROM nat_units n CROSS JOIN nat_years`,
      [now],
    );
    // Cụm 6's 2019 criteria set is the model of every set.
    const model = (await q(`SELECT s.id FROM criteria_sets s JOIN clusters c ON c.id = s.cluster_id WHERE c.number = 6 AND s.year = 2019 ORDER BY s.version_no DESC LIMIT 1`)).rows[0].id as string;
    await q(
      `INSERT INTO criteria_sets (id, cluster_id, year, version_no, title, total_points, origin, locked_at, version, created_at, updated_at)
       SELECT pg_temp.nid('set-' || k.c || '-' || y), k.id, y, 1, 'Bộ tiêu chí thi đua năm ' || y || ' của Cụm thi đua toàn quốc số ' || (1000 + k.c), m.total_points, m.origin, $2, 1, $2, $2
       FROM nat_clusters k CROSS JOIN nat_years CROSS JOIN criteria_sets m WHERE m.id = $1`,
      [model, now],
    );
    await q(
      `INSERT INTO criteria (id, set_id, parent_id, position, code, text, guidance, max_points, kind, evidence_required, measure, formula, per_count, bands, fact_unit)
       SELECT pg_temp.nid('criterion-' || k.c || '-' || y || '-' || m.code), pg_temp.nid('set-' || k.c || '-' || y),
              CASE WHEN m.parent_id IS NULL THEN NULL ELSE pg_temp.nid('criterion-' || k.c || '-' || y || '-' || (SELECT p.code FROM criteria p WHERE p.id = m.parent_id)) END,
              m.position, m.code, m.text, m.guidance, m.max_points, m.kind, m.evidence_required, m.measure, m.formula, m.per_count, m.bands, m.fact_unit
       FROM nat_clusters k CROSS JOIN nat_years CROSS JOIN criteria m WHERE m.set_id = $1
       ORDER BY m.parent_id IS NOT NULL`,
      [model],
    );
    // A consolidated sheet and a self-assessment per member and year; the open year's are drafts.
    await q(
      `INSERT INTO score_sheets (id, cluster_id, year, criteria_set_id, target_unit_id, scorer_kind, scorer_key, scorer_unit_id, status, submitted_at, locked_at, created_by, version, created_at, updated_at)
       SELECT pg_temp.nid('sheet-' || n.id || '-' || y || '-' || kind), n.cluster_id, y, pg_temp.nid('set-' || n.c || '-' || y), n.id, kind,
              CASE kind WHEN 'CLUSTER' THEN 'CLUSTER' ELSE n.id END, CASE kind WHEN 'CLUSTER' THEN NULL ELSE n.id END,
              CASE WHEN y = $2 THEN 'DRAFT' ELSE 'LOCKED' END, CASE WHEN y = $2 THEN NULL ELSE $1 END, CASE WHEN y = $2 THEN NULL ELSE $1 END, 'system', 1, $1, $1
       FROM nat_units n CROSS JOIN nat_years CROSS JOIN (VALUES ('CLUSTER'), ('SELF')) v(kind)`,
      [now, openYear],
    );
    // Points between 70 % and 100 % of each leaf criterion's maximum (penalties: 0), spread by a hash of the sheet.
    await q(
      `CREATE TEMP TABLE nat_leaves ON COMMIT DROP AS
       SELECT m.code, m.kind, m.max_points FROM criteria m WHERE m.set_id = $1 AND NOT EXISTS (SELECT 1 FROM criteria ch WHERE ch.parent_id = m.id AND ch.set_id = $1)`,
      [model],
    );
    await q(
      `INSERT INTO score_entries (sheet_id, criterion_code, points)
       SELECT s.id, l.code, CASE WHEN l.kind = 'PENALTY' THEN 0 ELSE l.max_points * (70 + abs(hashtext(s.id || l.code)) % 31) / 100 END
       FROM score_sheets s JOIN nat_clusters k ON k.id = s.cluster_id CROSS JOIN nat_leaves l`,
    );
    await q(
      `INSERT INTO scoring_configs (cluster_id, year, rule, normalize, self_margin, peer_outlier, bands, peer_mode, peer_k, published_at, version, created_at, updated_at, forbid_reciprocal)
       SELECT k.id, y, 'CLUSTER', m.normalize, m.self_margin, m.peer_outlier, m.bands, m.peer_mode, m.peer_k, CASE WHEN y = $3 THEN NULL ELSE $2 END, 1, $2, $2, m.forbid_reciprocal
       FROM nat_clusters k CROSS JOIN nat_years CROSS JOIN scoring_configs m JOIN criteria_sets ms ON ms.cluster_id = m.cluster_id AND ms.year = m.year WHERE ms.id = $1`,
      [model, now, openYear],
    );
    // Proposals: a flag (member 1) and certificates of merit (members 2 and 3) per finished cluster-year.
    const admin = (await q("SELECT id FROM users WHERE username = 'admin'")).rows[0].id as string;
    await q(
      `INSERT INTO award_proposals (id, cluster_id, year, award_code, unit_id, status, votes_for, approval, basis_note, created_by_user_id, reviewer_user_id, decision_number, decision_date, submitted_at, version, created_at, updated_at)
       SELECT pg_temp.nid('proposal-' || n.id || '-' || y), n.cluster_id, y, CASE WHEN n.u = 1 THEN 'EMULATION_FLAG' ELSE 'CERTIFICATE_OF_MERIT' END, n.id,
              CASE WHEN y = $3::int THEN 'SUBMITTED' ELSE 'APPROVED' END, 10, 8300, 'Đề nghị theo kết quả xếp hạng năm ' || y, $1::varchar,
              CASE WHEN y = $3::int THEN NULL ELSE $1::varchar END, CASE WHEN y = $3::int THEN NULL ELSE (100 + n.c) || '/QĐ-QG' END, CASE WHEN y = $3::int THEN NULL ELSE (y + 1) || '-04-15' END,
              to_char(make_date(y + 1, 3, 1) + (n.c % 28), 'YYYY-MM-DD') || 'T02:00:00.000Z', 1, $2::varchar, $2::varchar
       FROM nat_units n CROSS JOIN nat_years WHERE n.u <= 3 AND y <= $3::int`,
      [admin, now, queueYear],
    );
    for (const k of keys) await q(`ALTER TABLE ${k.tbl} ADD CONSTRAINT "${k.conname}" ${k.def}`);
    await q('COMMIT');
  } catch (error) {
    await q('ROLLBACK');
    throw error;
  }
  await q('ANALYZE');
  const counts: Record<string, number> = {};
  for (const table of ['units', 'clusters', 'memberships', 'criteria_sets', 'criteria', 'score_sheets', 'score_entries', 'scoring_configs', 'award_proposals']) {
    counts[table] = Number((await q(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n);
  }
  counts.organisers = Number((await q("SELECT count(*)::int AS n FROM units WHERE kind = 'ORGANIZER'")).rows[0].n);
  return { counts, openYear, queueYear, buildMs: Date.now() - started };
}
