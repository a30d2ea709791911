/**
 * Cold start to a healthy /api/health on an empty database (a fresh PostgreSQL database when DATABASE_URL is set),
 * of this build and, with PROBE_MAIN (another build's dist/src/main.js), of that one in turns, PROBE_ROUNDS rounds
 * (5): prints each start's milliseconds and the medians. node dist/bench/cold-start.probe.js
 */
import 'reflect-metadata';
import { resolve } from 'node:path';
import { startServer } from './support';

async function main(): Promise<void> {
  const builds: Array<[string, string]> = [['this build', resolve(__dirname, '../src/main.js')]];
  if (process.env.PROBE_MAIN) builds.unshift(['PROBE_MAIN', process.env.PROBE_MAIN]);
  const times = new Map<string, number[]>(builds.map(([name]) => [name, []]));
  for (let round = 0; round < Number(process.env.PROBE_ROUNDS ?? 5); round++) {
    for (const [name, main] of builds) {
      const server = await startServer(Number(process.env.BENCH_PORT ?? 3930), {}, main);
      times.get(name)!.push((server as unknown as { startMs: number }).startMs);
      await server.stop();
    }
  }
  for (const [name, ms] of times) {
    const sorted = [...ms].sort((a, b) => a - b);
    process.stdout.write(`${name}: median ${sorted[Math.floor(sorted.length / 2)]} ms (${ms.join(', ')})\n`);
  }
}
void main();
