#!/bin/bash
# Issue 20: the scoring benchmark before the criterion kinds (654bb77, built in a worktree beside this checkout) and
# now, points only and on a criteria set mixing the kinds (BENCH_MIXED=1), in turns, two rounds. Run from the
# repository root: bench/issue20-before-after.sh > issue20.log; compare each figure as a ratio to /api/health of its run.
set -e
root=$(pwd)
old=${OLD_DIR:-$root/../thidua-654bb77}
[ -d "$old" ] || { git worktree add --detach "$old" 654bb77 && ln -s "$root/node_modules" "$old/node_modules"; }
(cd "$old" && npx tsc -p tsconfig.json)
npx tsc -p tsconfig.json
for round in 1 2; do
  echo "=== round $round: before (654bb77), points only"; (cd "$old" && node dist/bench/scoring.bench.js) 2>&1 | tail -1
  echo "=== round $round: now, points only"; node dist/bench/scoring.bench.js 2>&1 | tail -1
  echo "=== round $round: now, mixed kinds"; BENCH_MIXED=1 node dist/bench/scoring.bench.js 2>&1 | tail -1
done
