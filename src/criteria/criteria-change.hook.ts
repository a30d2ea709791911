import type { EntityManager } from 'typeorm';

/**
 * What a feature built on the criteria (the pledge) must check or do before a criteria set changes, in the
 * same transaction. The criteria declare it here; the feature above provides it under CRITERIA_CHANGE_HOOK, so
 * that criteria never import that feature.
 */
export interface CriteriaChangeHook {
  /**
   * Called before the tree of the criteria set `criteriaSetId` is replaced: throws to refuse the change
   * (`confirmed` is the caller's confirmation of its consequences), or carries out those consequences.
   */
  beforeChange(m: EntityManager, criteriaSetId: string, confirmed: boolean, reason: string): Promise<void>;
}

/** Injection token of the CriteriaChangeHook (provided by the pledges module). */
export const CRITERIA_CHANGE_HOOK = Symbol('CRITERIA_CHANGE_HOOK');
