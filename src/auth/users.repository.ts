import { Injectable } from '@nestjs/common';
import { EntityManager, In, Not } from 'typeorm';
import { escapeLike } from '../common/text';
import { nowIso } from '../common/time';
import { updateVersioned } from '../database/unit-of-work';
import { Role } from '../common/auth/roles';
import { UserClusterScope } from './user-cluster-scope.entity';
import { User } from './user.entity';

/** Accounts and the clusters a secretary works for: the administrators' search, lookups, and the writes. */
@Injectable()
export class UsersRepository {
  /** A page of accounts by username; `text` matches within the username or the full name, ignoring case. */
  search(m: EntityManager, q: { role?: Role; text?: string; limit: number; offset: number }): Promise<[User[], number]> {
    const qb = m.createQueryBuilder(User, 'u').orderBy('u.username', 'ASC').take(q.limit).skip(q.offset);
    if (q.role) qb.andWhere('u.role = :role', { role: q.role });
    if (q.text) {
      qb.andWhere("(LOWER(u.username) LIKE :q ESCAPE '\\' OR LOWER(u.fullName) LIKE :q ESCAPE '\\')", { q: `%${escapeLike(q.text.toLowerCase())}%` });
    }
    return qb.getManyAndCount();
  }

  find(m: EntityManager, id: string): Promise<User | null> {
    return m.findOne(User, { where: { id } });
  }

  /** The signed-in caller's account (its session is open, so it exists; TypeORM's not-found error otherwise). */
  get(m: EntityManager, id: string): Promise<User> {
    return m.findOneOrFail(User, { where: { id } });
  }

  findByUsername(m: EntityManager, username: string): Promise<User | null> {
    return m.findOne(User, { where: { username } });
  }

  usernameTaken(m: EntityManager, username: string): Promise<boolean> {
    return m.exists(User, { where: { username } });
  }

  /** The usernames of these accounts, by account id (ids of no account left out). */
  async usernames(m: EntityManager, ids: string[]): Promise<Map<string, string>> {
    const users = ids.length ? await m.findBy(User, ids.map((id) => ({ id }))) : [];
    return new Map(users.map((u) => [u.id, u.username]));
  }

  /** Every account's username (the seed creates the accounts still missing). */
  async allUsernames(m: EntityManager): Promise<string[]> {
    return (await m.find(User, { select: { username: true } })).map((u) => u.username);
  }

  /** How many active administrators there are besides this account. */
  activeAdminsOtherThan(m: EntityManager, userId: string): Promise<number> {
    return m.count(User, { where: { role: Role.Admin, active: true, id: Not(userId) } });
  }

  /**
   * Serialises the changes that could take away the last administrator (PostgreSQL; SQLite runs one write at a time):
   * a transaction-scoped lock held to the commit.
   */
  async lockAdministrators(m: EntityManager): Promise<void> {
    if (m.connection.options.type === 'postgres') await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['thidua-administrators']);
  }

  /** The active accounts among these usernames. */
  activeByUsernames(m: EntityManager, usernames: string[]): Promise<User[]> {
    return m.find(User, { where: usernames.map((username) => ({ username, active: true })) });
  }

  /** The clusters each of these accounts works for, sorted, by account id (accounts without any left out). */
  async clusterIds(m: EntityManager, userIds: string[]): Promise<Map<string, string[]>> {
    const scopes = userIds.length ? await m.find(UserClusterScope, { where: { userId: In(userIds) } }) : [];
    const byUser = new Map<string, string[]>();
    for (const s of scopes) byUser.set(s.userId, [...(byUser.get(s.userId) ?? []), s.clusterId]);
    for (const ids of byUser.values()) ids.sort();
    return byUser;
  }

  /** Inserts an account with the clusters it works for. */
  async insert(m: EntityManager, user: User, clusterIds: string[]): Promise<void> {
    await m.insert(User, user);
    await this.insertScopes(m, user.id, clusterIds);
  }

  /** Replaces the clusters the account works for. */
  async replaceClusterIds(m: EntityManager, userId: string, clusterIds: string[]): Promise<void> {
    await m.delete(UserClusterScope, { userId });
    await this.insertScopes(m, userId, clusterIds);
  }

  /** The optimistic update of an account (409 on a version other than the stored one, 404 when it is gone). */
  update(m: EntityManager, current: User, expectedVersion: number, changes: Partial<User>): Promise<User> {
    return updateVersioned(m, User, current, expectedVersion, changes, 'tài khoản');
  }

  /** A new password (hashed beforehand) at the version `user` was read with: a change in between answers 409. */
  async setPassword(m: EntityManager, user: User, passwordHash: string): Promise<void> {
    const now = nowIso();
    await this.update(m, user, user.version, { passwordHash, passwordChangedAt: now, updatedAt: now });
  }

  private async insertScopes(m: EntityManager, userId: string, clusterIds: string[]): Promise<void> {
    if (clusterIds.length) await m.insert(UserClusterScope, clusterIds.map((clusterId) => ({ userId, clusterId })));
  }
}
