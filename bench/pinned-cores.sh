#!/bin/sh
# Sheet writes with PostgreSQL on a core of its own, as a deployment that outgrew one machine has it: every postgres
# process (the postmaster, so also the backends it starts) pinned to CPU 1, the server and the load generator to CPU 0;
# then the same probe on SQLite on CPU 0 alone. ROUNDS (default 2) rounds, in turns; the affinity is restored at the end.
# Needs taskset (util-linux) and the build (npm run build). sh bench/pinned-cores.sh
set -eu
PG_URL="${BENCH_PG_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
pin() { for p in $(pgrep -x postgres); do taskset -a -p -c "$1" "$p" > /dev/null; done; }
trap 'pin 0-$(($(nproc) - 1))' EXIT
pin 1
figures() { node -e 'const j = JSON.parse(require("fs").readFileSync(0)); console.log(`${j.requestsPerSecond} writes/s, server CPU ${j.serverCpuUsPerRequest} µs/write${j.postgresCpuUsPerWriteUpperBound ? `, PostgreSQL CPU ≤ ${j.postgresCpuUsPerWriteUpperBound} µs/write` : ""}`)'; }
i=0
while [ "$i" -lt "${ROUNDS:-2}" ]; do
  i=$((i + 1))
  printf 'round %s PostgreSQL (CPU 1), server and load on CPU 0: ' "$i"
  DATABASE_URL="$PG_URL" taskset -c 0 node dist/bench/write-load.probe.js | figures
  printf 'round %s SQLite, server and load on CPU 0: ' "$i"
  env -u DATABASE_URL taskset -c 0 node dist/bench/write-load.probe.js | figures
done
