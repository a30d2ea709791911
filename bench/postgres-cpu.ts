import { readdirSync, readFileSync } from 'node:fs';

/** CPU ticks (1/100 s) used by the postgres processes of this machine, with their finished children's. */
export function postgresCpuTicks(): number {
  let ticks = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (!stat.includes('(postgres)')) continue;
      ticks += stat.slice(stat.lastIndexOf(')') + 2).split(' ').slice(11, 15).reduce((a, b) => a + Number(b), 0);
    } catch {
      // gone meanwhile
    }
  }
  return ticks;
}
