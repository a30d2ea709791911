import { EntityManager, QueryRunner } from 'typeorm';
import { settledWithin } from '../common/settled';
import { revisionBumpStatements } from './cluster-year-revisions';
import { executeRaw } from './raw-sql';
import { isPlainRead, pgInline } from './sql-literal';

/**
 * What a PostgreSQL transaction writes last, together with its COMMIT (the audit chain's append: AuditAppender).
 * Built on state this instance keeps (the chain's head), which another transaction may have moved: the database
 * checks it, and a conflict makes the tail be built again under lock.
 */
export interface CommitTail {
  /** The transaction starts: collect what it will write last. */
  begin(m: EntityManager): void;
  /**
   * The statements (SQL text, literals inlined) to send with COMMIT; `locked`: read the state under lock first.
   * `opening`: to send first, right after START TRANSACTION (when it goes with the COMMIT), before the writes.
   */
  statements(m: EntityManager, locked: boolean): Promise<{ opening: string[]; closing: string[] }>;
  /** Whether a failure of those statements means they were built on state since moved (build again, locked). */
  isConflict(error: unknown): boolean;
  /** The statements built last were committed, or were not. */
  settle(m: EntityManager, committed: boolean): void;
}

/** A write sent with the COMMIT, and the number of rows it must change (else `mismatch` tells the caller why). */
export interface LaterWrite {
  /** The statement, its values written in. */
  text: string;
  check?: WriteCheck;
}

/**
 * The number of rows a write must change, else `mismatch()` tells the caller why; `row`: the row it locks (table and
 * key), by which a group commit orders its members so that two groups lock shared rows in the same order.
 */
export interface WriteCheck {
  rows: number;
  mismatch: () => Promise<unknown>;
  row?: string;
}

export interface PgTransaction {
  /** START TRANSACTION was sent. */
  begun: boolean;
  /** A ROLLBACK failed: the connection must not go back to the pool. */
  broken?: unknown;
  /** The writes that wait for the COMMIT; null: this transaction runs every write at once. */
  later: LaterWrite[] | null;
}

export const pgTransaction = (m: EntityManager): PgTransaction | undefined => (m.queryRunner?.data as { pg?: PgTransaction } | undefined)?.pg;

type RunnerState = { isTransactionActive: boolean; transactionDepth: number };
type SimpleQueryClient = { query(text: string): Promise<{ command?: string } | Array<{ command?: string }>> };

/** Explicitly READ COMMITTED, whatever the server's default: what starting the transaction lazily relies on. */
const START = 'START TRANSACTION ISOLATION LEVEL READ COMMITTED';

/**
 * Opens a PostgreSQL transaction on `runner` without a round trip: START TRANSACTION goes just before the first
 * statement that is not a plain read, or with the COMMIT. `deferWrites`: writes made with `writeAtCommit` wait for
 * the COMMIT too (UnitOfWork.write's option).
 */
export function openLazily(runner: QueryRunner, deferWrites: boolean): void {
  (runner.data as { pg?: PgTransaction }).pg = { begun: false, later: deferWrites ? [] : null };
  const query = runner.query.bind(runner) as (sql: string, ...rest: unknown[]) => Promise<unknown>;
  (runner as unknown as { query: typeof query }).query = async (sql: string, ...rest: unknown[]) => {
    // A nested transaction's savepoint would not take back what waits for the COMMIT (audit entries, deferred writes).
    if (/^\s*SAVEPOINT\s+typeorm_/i.test(sql)) throw new Error('UnitOfWork.write on PostgreSQL takes no nested transaction');
    // The runner's state as it is now: a group commit (commit-groups.ts) puts its own in the leader's runner.
    const pg = pgTransaction(runner.manager)!;
    if (!pg.begun && !isPlainRead(sql)) {
      pg.begun = true;
      await query(START);
    }
    return query(sql, ...rest);
  };
  // TypeORM's own writes (save, insert…) then run in this transaction instead of opening one of their own.
  setState(runner, true);
}

/**
 * A write whose result is not needed before the commit. In a PostgreSQL transaction of UnitOfWork.write with
 * `deferWrites`, it is sent with the COMMIT (one round trip for all of them); elsewhere it runs at once.
 * `check`: the number of rows it must change; otherwise `mismatch()` is thrown (after the rollback), e.g. the 409 of
 * a version read before a concurrent change.
 */
export async function writeAtCommit(m: EntityManager, sql: string, params: unknown[], check?: WriteCheck): Promise<void> {
  // The same values either way: those SQL text can carry (pgLiteral), not only those the driver binds.
  const odd = params.find((p) => p !== null && !['string', 'number', 'boolean'].includes(typeof p));
  if (odd !== undefined) throw new Error(`writeAtCommit takes strings, numbers, booleans and null, not ${Object.prototype.toString.call(odd)}`);
  const later = pgTransaction(m)?.later;
  if (!later) {
    const changed = await executeRaw(m, sql, params);
    if (check && changed !== check.rows) throw await check.mismatch();
    return;
  }
  later.push({ text: pgInline(sql, params), check });
}

/** The SQL of the `index`th write sent with a COMMIT: a checked one fails with TD002 and its index as the detail. */
function laterSql(w: LaterWrite, index: number): string {
  return w.check ? `WITH w AS (${w.text} RETURNING 1) SELECT thidua_expect_rows((SELECT count(*) FROM w), ${w.check.rows}, '${index}')` : w.text;
}

/**
 * Commits a PostgreSQL transaction in one round trip: START TRANSACTION if not sent yet, the deferred writes, the
 * tail's statements, the cluster-year revision bumps and COMMIT go as one simple query, so the hot rows they lock
 * (the sheet, the chain's head, the revision) stay locked only while the server runs them. A savepoint before the tail
 * lets a conflict (the head moved) be undone alone: the tail is then built on the head read under its row lock and
 * sent again with the rest. A transaction that wrote nothing sends nothing. On any other failure the transaction is
 * rolled back; a deferred write that changed the wrong number of rows throws its `mismatch()`.
 */
export async function commitPostgres(runner: QueryRunner, tail: CommitTail | null): Promise<void> {
  const m = runner.manager;
  const pg = pgTransaction(m)!;
  const later = pg.later ?? [];
  try {
    await sendCommit(runner, tail, later, revisionBumpStatements(m));
  } catch (error) {
    tail?.settle(m, false);
    // Whatever failed, nothing of this transaction stays open on the connection (a group's leader gives its runner
    // back its own state after this, in which the transaction never began).
    if (pg.begun) await rollbackPostgres(runner);
    const failed = (error as { code?: string; detail?: string }).code === 'TD002' ? later[Number((error as { detail?: string }).detail)]?.check : undefined;
    throw failed ? await failed.mismatch() : error;
  }
  pg.begun = false;
  setState(runner, false);
}

/** commitPostgres's round trip (and, after a conflict on the chain's head, its second one). */
async function sendCommit(runner: QueryRunner, tail: CommitTail | null, later: LaterWrite[], bumps: string[]): Promise<void> {
  const m = runner.manager;
  const pg = pgTransaction(m)!;
  let locked = false;
  for (;;) {
    const { opening, closing: own } = tail ? await tail.statements(m, locked) : { opening: [], closing: [] };
    const first = [...(pg.begun ? [] : [START, ...opening]), ...(locked ? [] : later.map(laterSql))];
    if (!pg.begun && !later.length && !own.length && !bumps.length) return;
    const guarded = own.length > 0 && !locked;
    pg.begun = true;
    try {
      const results = await ((await runner.connect()) as SimpleQueryClient).query([...first, ...(guarded ? ['SAVEPOINT thidua_tail'] : []), ...own, ...bumps, 'COMMIT'].join(';\n'));
      // PostgreSQL answers a COMMIT of a transaction already aborted (an error the work caught) with ROLLBACK.
      if ([results].flat().at(-1)?.command === 'ROLLBACK') throw new Error('The transaction had failed: its COMMIT rolled it back');
    } catch (error) {
      if (!guarded || !tail!.isConflict(error)) throw error;
      tail!.settle(m, false);
      await ((await runner.connect()) as SimpleQueryClient).query('ROLLBACK TO SAVEPOINT thidua_tail');
      locked = true;
      continue;
    }
    tail?.settle(m, true);
    return;
  }
}

/** Ends the transaction without its changes (nothing to send when it never started on the server). */
export async function rollbackPostgres(runner: QueryRunner): Promise<void> {
  const pg = pgTransaction(runner.manager);
  try {
    if (pg?.begun) await ((await runner.connect()) as SimpleQueryClient).query('ROLLBACK');
  } catch (error) {
    if (pg) pg.broken = error;
  }
  if (pg) pg.begun = false;
  setState(runner, false);
}

/** Gives the connection back to the pool; one whose ROLLBACK failed is discarded instead. */
export async function releasePostgres(runner: QueryRunner): Promise<void> {
  const broken = pgTransaction(runner.manager)?.broken;
  if (broken === undefined) await runner.release();
  else await (runner as unknown as { releasePostgresConnection(error: unknown): Promise<void> }).releasePostgresConnection(broken);
}

/** TypeORM's runner told whether a transaction is open (its own startTransaction and commit are not used here). */
export function setState(runner: QueryRunner, active: boolean): void {
  const state = runner as unknown as RunnerState;
  state.isTransactionActive = active;
  state.transactionDepth = active ? 1 : 0;
}

/** The PostgreSQL transactions running, which a stopping server lets end before anything closes. */
export class RunningTransactions {
  private readonly running = new Set<Promise<unknown>>();

  track<T>(run: Promise<T>): Promise<T> {
    this.running.add(run);
    const forget = () => this.running.delete(run);
    run.then(forget, forget);
    return run;
  }

  /** Resolves once none runs, those started meanwhile included, or after `ms` at most. */
  async settle(ms: number): Promise<void> {
    const deadline = Date.now() + ms;
    while (this.running.size && Date.now() < deadline) await settledWithin(Promise.allSettled([...this.running]), deadline - Date.now());
  }
}
