import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isPlainRead, pgInline, pgInlineAsBound, pgLiteral } from '../../src/database/sql-literal';

describe('SQL text for PostgreSQL (the statements sent with the COMMIT)', () => {
  it('writes values as literals node-postgres escapes, and refuses what it cannot write safely', () => {
    const table: Array<[unknown, string]> = [
      [null, 'NULL'],
      [undefined, 'NULL'],
      [true, 'TRUE'],
      [false, 'FALSE'],
      [42, '42'],
      [-1.25, '(-1.25)'],
      ['Sở Khoa học và Công nghệ', "'Sở Khoa học và Công nghệ'"],
      ["Đắk Lắk's", "'Đắk Lắk''s'"],
      ['a\\b', " E'a\\\\b'"],
      ["'); DROP TABLE units; --", "'''); DROP TABLE units; --'"],
    ];
    for (const [value, literal] of table) assert.equal(pgLiteral(value), literal, String(value));
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, 'a\u0000b', {}, [1], new Date(0)]) assert.throws(() => pgLiteral(bad), String(bad));
  });

  it('fills the placeholders in order, and refuses a count that does not match', () => {
    assert.equal(pgInline('UPDATE t SET a = ?, b = ? WHERE id = ?', ['x', 2, null]), "UPDATE t SET a = 'x', b = 2 WHERE id = NULL");
    assert.equal(pgInline('UPDATE t SET a = a -? WHERE id = ?', [-1, 'x']), "UPDATE t SET a = a -(-1) WHERE id = 'x'", 'no comment made of two minus signs');
    assert.throws(() => pgInline('SELECT ?', []));
    assert.throws(() => pgInline('SELECT ?', [1, 2]));
    // As bound values (the reads sent together): every value quoted, so typed by its place as a parameter is.
    assert.equal(pgInlineAsBound('SELECT ? AS n, ? AS b, ? AS s, ? AS z WHERE code = ?', [-3, true, "it's", null, 5]), "SELECT '-3' AS n, 'true' AS b, 'it''s' AS s, NULL AS z WHERE code = '5'");
    assert.throws(() => pgInlineAsBound('SELECT ?', [Number.NaN]));
  });

  it('tells a plain read (it may run before START TRANSACTION) from anything that must run inside the transaction', () => {
    const table: Array<[string, boolean]> = [
      ['SELECT id FROM units WHERE id = $1', true],
      ['  select count(*) from audit_entries', true],
      ['SELECT "t"."id" AS "t_id" FROM "leadership_terms" "t"', true],
      ['SELECT keyed_from_seq FROM audit_anchor WHERE id = 1 FOR UPDATE', false],
      ['SELECT id FROM email_outbox FOR UPDATE SKIP LOCKED', false],
      ['SELECT id FROM t FOR NO KEY UPDATE', false],
      ['SELECT id FROM t FOR SHARE', false],
      ['SELECT id FROM t FOR KEY SHARE', false],
      ['SELECT pg_advisory_xact_lock($1)', false],
      ['SELECT pg_try_advisory_xact_lock($1)', false],
      ["SELECT nextval('s')", false],
      ["SELECT setval('s', 3)", false],
      ["SELECT thidua_move_audit_head(1, 'a', 2, 'b', 'c', 'd')", false],
      ['WITH w AS (UPDATE t SET a = 1 RETURNING 1) SELECT count(*) FROM w', false],
      ['UPDATE t SET a = 1', false],
      ['INSERT INTO t VALUES (1)', false],
      ['START TRANSACTION', false],
      ["SELECT pg_notify('c', 'x')", false],
      ["SELECT set_config('a.b', 'c', true)", false],
      ['SELECT lo_create(0)', false],
      ['SELECT * INTO t2 FROM t', false],
      ['SELECT 1; DELETE FROM t', false],
    ];
    for (const [sql, plain] of table) assert.equal(isPlainRead(sql), plain, sql);
  });
});
