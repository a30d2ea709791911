import type { EntityManager } from 'typeorm';

/**
 * Who still has scoring to hand in for a cluster-year, with what each owes: provided by the scoring feature
 * (ConflictsService) under this token, so that the reminders read it without this folder importing that one (the
 * scoring feature tells people through the Notifier).
 */
export abstract class LateScorers {
  abstract lateScorers(m: EntityManager, clusterId: string, year: number): Promise<Array<{ id: string; name: string; owes: string[] }>>;
}
