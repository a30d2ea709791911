import { EntityManager, QueryRunner } from 'typeorm';
import { revisionBumpStatements } from './cluster-year-revisions';

/**
 * What a PostgreSQL transaction writes last, together with its COMMIT (the audit chain's append: AuditChainTail).
 * Built on state this instance keeps (the chain's head), which another transaction may have moved: the database
 * checks it, and a conflict makes the tail be built again under lock.
 */
export interface CommitTail {
  /** The transaction starts: collect what it will write last. */
  begin(m: EntityManager): void;
  /** The statements (SQL text, literals inlined) to send with COMMIT; `locked`: read the state under lock first. */
  statements(m: EntityManager, locked: boolean): Promise<string[]>;
  /** Whether a failure of those statements means they were built on state since moved (build again, locked). */
  isConflict(error: unknown): boolean;
  /** The statements built last were committed, or were not. */
  settle(m: EntityManager, committed: boolean): void;
}

type SimpleQueryClient = { query(text: string): Promise<unknown> };

/**
 * Commits a PostgreSQL transaction in one round trip: the tail's statements, the cluster-year revision bumps and
 * COMMIT go as one simple query, so the hot rows they lock (the chain's head, the revision) stay locked only while the
 * server runs them, not across round trips. A savepoint before them lets a conflict (the head moved) be undone alone:
 * the tail is then built on the head read under its row lock, and sent again with the rest. On any other failure the
 * transaction is left for the caller to roll back.
 */
export async function commitPostgres(runner: QueryRunner, tail: CommitTail | null): Promise<void> {
  const m = runner.manager;
  const client = (await runner.connect()) as SimpleQueryClient;
  const bumps = revisionBumpStatements(m);
  let locked = false;
  for (;;) {
    const own = tail ? await tail.statements(m, locked) : [];
    const guarded = own.length > 0 && !locked;
    try {
      await client.query([...(guarded ? ['SAVEPOINT thidua_tail'] : []), ...own, ...bumps, 'COMMIT'].join(';\n'));
    } catch (error) {
      tail?.settle(m, false);
      if (guarded && tail!.isConflict(error)) {
        await client.query('ROLLBACK TO SAVEPOINT thidua_tail');
        locked = true;
        continue;
      }
      throw error;
    }
    tail?.settle(m, true);
    // TypeORM's runner told the transaction is over (its own commitTransaction would send a second COMMIT).
    const state = runner as unknown as { isTransactionActive: boolean; transactionDepth: number };
    state.isTransactionActive = false;
    state.transactionDepth = 0;
    return;
  }
}
