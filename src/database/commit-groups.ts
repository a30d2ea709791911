import { QueryRunner } from 'typeorm';
import { settledWithin } from '../common/settled';
import { CommitTail, LaterWrite, PgTransaction, commitPostgres, pgTransaction, setState } from './postgres-transaction';

/**
 * At most this many writes share one commit: SQLite's batch in UnitOfWork, and a group here (where the pool's size,
 * data-source.ts, bounds it first: each member holds its connection while it waits).
 */
export const MAX_WRITES_PER_COMMIT = 32;

/** How long the next group waits for the one in flight before it is sent anyway. */
export const GROUP_WAIT_MS = 250;

interface Member {
  runner: QueryRunner;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** What a transaction's runner carries to its commit (postgres-transaction.ts, AuditAppender, ClusterYearRevisions). */
type RunnerData = { pg?: PgTransaction; audit?: { pending: unknown[] }; revisionBumps?: Set<string> };

/**
 * PostgreSQL group commit, for the transactions whose every write waits for the COMMIT (UnitOfWork.write with
 * `deferWrites`, nothing sent yet: a sheet's save). Every commit appends to the audit chain and bumps its
 * cluster-year's revision, two rows each commit holds until its WAL flush is done, so commits run one after the
 * other, each with a flush of its own (`bench/pg-commit.probe.ts`: about 1,550 saves/s and 770 µs of PostgreSQL's
 * CPU a save on two cores, against 4,300 and 343 µs with ten saves a transaction). So one group's commit is in flight
 * at a time per instance (one that takes longer than GROUP_WAIT_MS no longer holds the next back), and the
 * transactions ready meanwhile commit together as the next: their writes in turn,
 * then one audit append of all their entries, one bump per cluster-year, one flush. A transaction ready alone commits
 * alone, at once; so does one that is not of this kind. A member waiting for a row lock holds its group back.
 *
 * Each still succeeds or fails on its own: a write whose check fails (the sheet's version: 409) fails its own
 * transaction, and the others are sent again without it. A failure the server reported otherwise (the group's
 * transaction was rolled back) sends each alone. A failure that leaves the outcome unknown (the connection lost) fails
 * them all, as it fails a transaction alone: none is sent again. Each answers only once its commit is done: nothing
 * acknowledged is lost when a process dies.
 */
export class CommitGroups {
  private waiting: Member[] = [];
  private busy = false;

  /** `waitMs`: how long the next group waits for the one in flight (GROUP_WAIT_MS; tests lengthen it). */
  constructor(private readonly waitMs = GROUP_WAIT_MS) {}

  commit(runner: QueryRunner, tail: CommitTail | null): Promise<void> {
    const pg = pgTransaction(runner.manager);
    // One that holds no connection yet commits alone: waiting in a group, it could wait for a connection that only
    // the group's members, waiting for it, hold.
    const connected = !!(runner as unknown as { databaseConnection?: unknown }).databaseConnection && !runner.isReleased;
    if (!pg?.later?.length || pg.begun || !connected) return commitPostgres(runner, tail);
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ runner, resolve, reject });
      if (!this.busy) void this.drain(tail);
    });
  }

  /**
   * Sends the groups in turn: the next once the one before has settled, or once it has waited `waitMs` (a
   * commit that waits for a lock, or whose connection hangs, holds back its own members only, not every save after).
   */
  private async drain(tail: CommitTail | null): Promise<void> {
    this.busy = true;
    while (this.waiting.length) {
      const group = this.waiting.splice(0, MAX_WRITES_PER_COMMIT);
      const done = this.commitGroup(group, tail).catch((error: unknown) => {
        // Not expected (commitGroup settles each member): still, none may be left waiting. A settled one stays so.
        for (const member of group) member.reject(error);
      });
      await settledWithin(done, this.waitMs);
    }
    this.busy = false;
  }

  /** Commits `group` together, settling each member. */
  private async commitGroup(group: Member[], tail: CommitTail | null): Promise<void> {
    // Stale inside the group (a check failed, TD002): each is committed alone after it, so that its 409 (or its
    // success: an earlier member of the group may have been what moved the row) is against committed data.
    const aside: Member[] = [];
    group = byLockedRow(group);
    while (group.length > 1) {
      // The first member's connection sends the group's commit, with what every member waits to write.
      const leader = group[0].runner;
      const own = leader.data as RunnerData;
      let failed: Member | undefined;
      const later: LaterWrite[] = [];
      const pending: unknown[] = [];
      const bumps = new Set<string>();
      for (const member of group) {
        const data = member.runner.data as RunnerData;
        for (const w of data.pg!.later!) {
          const check = w.check;
          later.push(check ? { text: w.text, check: { rows: check.rows, mismatch: async () => ((failed = member), STALE_IN_GROUP) } } : w);
        }
        pending.push(...(data.audit?.pending ?? []));
        for (const bump of data.revisionBumps ?? []) bumps.add(bump);
      }
      const merged: RunnerData = { ...own, pg: { begun: false, later }, audit: { pending }, revisionBumps: bumps };
      leader.data = merged;
      try {
        await commitPostgres(leader, tail);
        for (const member of group) {
          setState(member.runner, false);
          member.resolve();
        }
        group = [];
      } catch (error) {
        const broken = merged.pg!.broken;
        if (broken !== undefined) {
          // The leader's connection is unusable (its ROLLBACK failed): it is discarded, and the leader fails with it.
          own.pg!.broken = broken;
          group[0].reject(broken);
          if (failed === group[0]) failed = undefined;
          group = group.slice(1);
        }
        if (failed) {
          // The server stopped at the failed check, before the COMMIT: the others are sent again without it.
          aside.push(failed);
          group = group.filter((member) => member !== failed);
        } else if (!reportedByServer(error)) {
          // The group's COMMIT may have been made: none is sent again.
          for (const member of group) member.reject(error);
          group = [];
        } else if (broken === undefined) break; // the group's transaction was rolled back: each is sent alone
      } finally {
        leader.data = own;
      }
    }
    for (const member of [...group, ...aside]) await commitPostgres(member.runner, tail).then(member.resolve, member.reject);
  }
}

/** What a failed check answers inside a group: its member is then committed alone (commitGroup). */
const STALE_IN_GROUP = new Error('A check failed inside a group commit');

/**
 * The members in the order of the row their first checked write locks (a score sheet's), the others after them in
 * their order: two groups in flight at once then lock the rows they share in the same order, and cannot deadlock.
 */
function byLockedRow(group: Member[]): Member[] {
  const row = (member: Member) => (member.runner.data as RunnerData).pg!.later!.find((w) => w.check?.row)?.check?.row ?? '\uffff';
  return group
    .map((member, i) => ({ member, i, row: row(member) }))
    .sort((a, b) => (a.row < b.row ? -1 : a.row > b.row ? 1 : a.i - b.i))
    .map((x) => x.member);
}

/**
 * Whether PostgreSQL reported the error (a SQLSTATE; its transaction then ended without its changes), other than a
 * lost connection or a server going down (classes 08 and 57P), after which a COMMIT may or may not have been made.
 */
function reportedByServer(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && !/^(08|57P)/.test(code);
}
