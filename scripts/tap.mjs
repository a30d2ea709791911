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
 * The failed tests, each as "suite › test" (its innermost failures only, named with the suites around them), so that
 * the end of a long run's output says which failed; a process that failed without one says how it ended.
 */
export function tapFailures(tap, code) {
  const failed = [...read(tap).matchAll(/^( *)not ok \d+ - (.*)$/gm)].map((m) => ({ depth: m[1].length / 4, name: m[2].replace(/ # .*$/, '') }));
  const names = [];
  failed.forEach((test, i) => {
    if (i > 0 && failed[i - 1].depth > test.depth) return; // a suite, failed because of the tests just named
    // The suites around it are reported after it, each one level out.
    const path = [test.name];
    for (let j = i + 1, depth = test.depth - 1; j < failed.length && depth >= 0; j++) {
      if (failed[j].depth === depth) {
        path.unshift(failed[j].name);
        depth--;
      }
    }
    names.push(path.join(' › '));
  });
  if (names.length === 0 && code !== 0) names.push(`(the test process ended with code ${code} before reporting a failed test)`);
  return names;
}
