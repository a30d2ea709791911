import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { TEST_DB, TestApp, startTestApp } from '../support/test-app';

/** The repository root (this file runs from dist/test/e2e). */
const ROOT = join(__dirname, '..', '..', '..');
const REDOCLY = join(ROOT, 'node_modules', '@redocly', 'cli', 'bin', 'cli.js');

interface LintProblem {
  ruleId: string;
  severity: 'error' | 'warn';
  message: string;
  location: Array<{ pointer?: string }>;
}
interface LintReport {
  totals: { errors: number; warnings: number; ignored: number };
  problems: LintProblem[];
}

const describeProblem = (p: LintProblem) => `${p.severity} ${p.ruleId} ${p.location[0]?.pointer ?? ''}: ${p.message}`;

describe(`the OpenAPI document passes Redocly's recommended rules (${TEST_DB})`, () => {
  let t: TestApp;
  let doc: { paths: Record<string, Record<string, { security?: unknown[] }>> };
  let file: string;
  before(async () => {
    t = await startTestApp();
    doc = (await t.http.get('/api/docs-json').expect(200)).body;
    file = join(t.dataDir, 'openapi.json');
    writeFileSync(file, JSON.stringify(doc, null, 2));
  });
  after(() => t.close());

  it('has no lint errors', () => {
    const run = spawnSync(process.execPath, [REDOCLY, 'lint', file, '--extends=recommended', '--format=json', '--max-problems=1000'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_NOTIFICATIONS: 'true', NO_COLOR: '1' },
      timeout: 120_000,
    });
    let report: LintReport;
    try {
      report = JSON.parse(run.stdout);
    } catch {
      assert.fail(`redocly lint gave no JSON report (exit ${run.status}): ${run.error ?? ''}\n${run.stderr}\n${run.stdout}`);
    }
    const errors = report.problems.filter((p) => p.severity === 'error');
    assert.equal(report.totals.errors, 0, `lint errors (${report.totals.errors}):\n${errors.map(describeProblem).join('\n')}`);
    const warnings = report.problems.filter((p) => p.severity === 'warn');
    if (warnings.length) process.stdout.write(`# redocly: ${warnings.length} warnings\n${warnings.map((w) => `#   ${describeProblem(w)}`).join('\n')}\n`);
  });

  it('documents the public routes without credentials and every other route with the bearer token', () => {
    const open: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        if (op.security?.length === 0) open.push(`${method.toUpperCase()} ${path}`);
        else assert.deepEqual(op.security, [{ bearer: [] }], `${method.toUpperCase()} ${path}`);
      }
    }
    assert.deepEqual(open.sort(), ['GET /api/documents/{id}/verification', 'GET /api/health', 'GET /api/health/live', 'GET /api/health/ready', 'GET /api/signing/test-ca.crl', 'GET /api/signing/test-ca.crt', 'POST /api/auth/login', 'POST /api/documents/verify']);
  });
});
