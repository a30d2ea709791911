#!/usr/bin/env node
// Static checks, one line per tool ("<tool>: passed|FAILED …"); exits non-zero when a tool fails.
//   node scripts/lint.mjs                       ESLint and dependency-cruiser
//   node scripts/lint.mjs eslint|dependency-cruiser   one of them (scripts/run-tests.mjs counts each as a test)
// ESLint: eslint.config.mjs (typescript-eslint, type-aware: no-floating-promises, no-misused-promises, …).
// dependency-cruiser: .dependency-cruiser.cjs (module boundaries of src/). The violations listed in
// .dependency-cruiser-known-violations.json are tolerated, and that list can only shrink: a listed violation
// that no longer occurs fails the check until its entry is removed.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const only = process.argv[2];
const KNOWN = '.dependency-cruiser-known-violations.json';
const seconds = (start) => `${((Date.now() - start) / 1000).toFixed(1)} s`;

function eslint() {
  const start = Date.now();
  const r = spawnSync(process.execPath, [join(root, 'node_modules/eslint/bin/eslint.js'), '--max-warnings=0', '.'], { cwd: root, stdio: 'inherit' });
  const ok = r.status === 0;
  console.log(`eslint: ${ok ? 'passed' : `FAILED (exit ${r.status ?? r.signal})`} (${seconds(start)})`);
  return ok;
}

function dependencyCruiser() {
  const start = Date.now();
  const r = spawnSync(
    process.execPath,
    [join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs'), 'src', '--config', '.dependency-cruiser.cjs', '--ignore-known', KNOWN, '--output-type', 'json'],
    { cwd: root, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let result;
  try {
    result = JSON.parse(r.stdout);
  } catch {
    console.log(`dependency-cruiser: FAILED (it did not run: exit ${r.status ?? r.signal}) (${seconds(start)})`);
    return false;
  }
  const key = (v) => `${v.rule.name}|${v.from}|${v.to}`;
  const violations = result.summary.violations;
  const fresh = violations.filter((v) => v.rule.severity === 'error' || v.rule.severity === 'warn');
  for (const v of fresh) {
    console.log(`  ${v.rule.severity} ${v.rule.name}: ${v.from} → ${v.to}`);
    if (v.cycle?.length) console.log(`      cycle: ${v.from} → ${v.cycle.map((c) => c.name ?? c).join(' → ')}`);
  }
  const found = new Set(violations.filter((v) => v.rule.severity === 'ignore').map(key));
  const known = existsSync(join(root, KNOWN)) ? JSON.parse(readFileSync(join(root, KNOWN), 'utf8')) : [];
  const gone = known.filter((v) => !found.has(key(v)));
  for (const v of gone) console.log(`  fixed, remove it from ${KNOWN}: ${v.rule.name}: ${v.from} → ${v.to}`);
  if (gone.length) console.log(`  (\`npx depcruise-baseline src --config .dependency-cruiser.cjs\` rewrites the file: its diff must only remove entries)`);
  const cycles = folderCycles(result.modules);
  const ok = fresh.length === 0 && gone.length === 0 && cycles.ok;
  const parts = [`${fresh.length} violation${fresh.length === 1 ? '' : 's'}`, `${found.size} known in ${KNOWN}`];
  if (gone.length) parts.push(`${gone.length} known entr${gone.length === 1 ? 'y' : 'ies'} no longer occurring`);
  if (!cycles.ok) parts.push('folder cycles');
  parts.push(`${result.summary.totalCruised} modules`);
  console.log(cycles.text);
  console.log(`dependency-cruiser: ${ok ? 'passed' : 'FAILED'} (${parts.join(', ')}, ${seconds(start)})`);
  return ok;
}

/**
 * Cycles between the top-level folders of src/: an error, like module cycles (the no-circular rule). Each
 * folder builds only on folders below it (src/common/ at the bottom, src/web/ at the top), so that one can be
 * read, tested and loaded without the ones above. Left out: the composition roots (src/*.ts, src/cli/, and
 * database/'s entity list, data source, module, migrations and seed, which import every feature by design), and
 * type-only imports (`import type`, dependencyTypes 'type-only'): the compiler erases them, so they create no
 * load-order dependency (src/access/ names the entities of the features above it as types only).
 * Answers the lines to print and whether there is no cycle.
 */
function folderCycles(modules) {
  const composition = /^src\/([^/]+\.ts$|cli\/|database\/(seed\/|migrations\/|entities\.ts$|data-source\.ts$|database\.module\.ts$))/;
  const folder = (path) => (path.startsWith('src/') && !composition.test(path) ? path.split('/')[1] : null);
  const graph = new Map();
  for (const m of modules) {
    const from = folder(m.source);
    if (!from) continue;
    for (const d of m.dependencies) {
      const to = folder(d.resolved);
      if (!to || to === from || d.dependencyTypes.includes('type-only')) continue;
      if (!graph.has(from)) graph.set(from, new Set());
      graph.get(from).add(to);
    }
  }
  const reaches = (start, goal) => {
    const seen = new Set([start]);
    const todo = [start];
    while (todo.length) {
      const at = todo.pop();
      if (at === goal) return true;
      for (const next of graph.get(at) ?? []) if (!seen.has(next)) seen.add(next), todo.push(next);
    }
    return false;
  };
  const edges = [];
  for (const [from, tos] of graph) for (const to of tos) if (reaches(to, from)) edges.push(`${from}→${to}`);
  const folders = new Set(edges.flatMap((e) => e.split('→')));
  if (!edges.length) return { ok: true, text: '  folder cycles: none' };
  return {
    ok: false,
    text:
      `  error folder cycles: ${edges.length} folder-to-folder dependencies (run time) lie on a cycle, through ${folders.size} folders: ${[...folders].sort().join(', ')}` +
      `\n    ${edges.sort().join('\n    ')}` +
      '\n    (the file-level edges: npx depcruise src --config .dependency-cruiser.cjs --output-type json, modules[].dependencies[].resolved)',
  };
}

const tools = { eslint, 'dependency-cruiser': dependencyCruiser };
if (only && !tools[only]) {
  console.error(`unknown tool "${only}": eslint or dependency-cruiser`);
  process.exit(2);
}
const results = (only ? [only] : Object.keys(tools)).map((name) => tools[name]());
process.exit(results.every(Boolean) ? 0 : 1);
