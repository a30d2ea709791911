// The counts and the failed tests of one node:test run, from its TAP report (scripts/run-tests.mjs, cluster-ci.mjs).
import { existsSync, readFileSync } from 'node:fs';

const read = (tap) => (existsSync(tap) ? readFileSync(tap, 'utf8') : '');

/** Passed and failed (cancelled counted as failed); a process that failed without a failing test counts one. */
export function tapCounts(tap, code) {
  const text = read(tap);
  const count = (key) => Number(new RegExp(`^# ${key} (\\d+)$`, 'm').exec(text)?.[1] ?? 0);
  let fail = count('fail') + count('cancelled');
  if (code !== 0 && fail === 0) fail = 1;
  return { pass: count('pass'), fail };
}

/**
 * The failed tests, each as "suite › test": the innermost failures, with the suites around them; a suite only when it
 * failed on its own (a hook), with the failure's kind when it is not the test's code (hookFailed, cancelledByParent…).
 * A todo test that fails is no failure. A process that failed without naming one says how it ended.
 */
export function tapFailures(tap, code, signal) {
  const failed = [];
  const suites = [];
  let yaml = null; // the indent of the YAML block being skipped (a test's details: error, stack…)
  for (const line of read(tap).split('\n')) {
    const indent = line.length - line.trimStart().length;
    if (yaml !== null) {
      if (line.trim() === '...' && indent === yaml) yaml = null;
      else if (failed.length && failed.at(-1).yaml === yaml) {
        const kind = /^\s*failureType: '(\w+)'$/.exec(line)?.[1];
        if (kind) failed.at(-1).kind = kind;
      }
      continue;
    }
    if (line.trim() === '---') {
      yaml = indent;
      continue;
    }
    if (indent % 4 !== 0) continue;
    const depth = indent / 4;
    const subtest = /^ *# Subtest: (.*)$/.exec(line);
    if (subtest) {
      suites.length = depth;
      suites[depth] = unescape(subtest[1]);
      continue;
    }
    const result = /^ *not ok \d+ - (.*)$/.exec(line);
    if (!result || / # TODO\b/.test(result[1])) continue;
    const name = unescape(result[1].replace(/ # (SKIP|TODO)\b.*$/, ''));
    failed.push({ path: [...suites.slice(0, depth), name], yaml: indent + 2, kind: 'testCodeFailure' });
  }
  const inside = (outer, inner) => inner.path.length > outer.path.length && outer.path.every((part, i) => inner.path[i] === part);
  const names = failed
    .filter((suite) => suite.kind !== 'subtestsFailed' && !(suite.kind === 'testCodeFailure' && failed.some((other) => inside(suite, other))))
    .map((test) => `${test.path.join(' › ')}${test.kind === 'testCodeFailure' ? '' : ` (${test.kind})`}`);
  if (names.length === 0 && code !== 0) names.push(`(the test process ended ${signal ? `by ${signal}` : `with code ${code}`} before naming a failed test)`);
  return names;
}

/** A name as node:test writes it in TAP (backslash, # and line breaks escaped), as it was. */
const unescape = (name) => name.replace(/\\(\\|#|n|r|t)/g, (_, c) => ({ n: ' ', r: ' ', t: ' ' })[c] ?? c);
