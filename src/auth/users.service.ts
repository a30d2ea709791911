import { Injectable } from '@nestjs/common';
import { UnitsRepository } from '../units/units.repository';
import { randomUUID } from 'node:crypto';
import { EntityManager, In } from 'typeorm';
import { Cluster } from '../clusters/cluster.entity';
import { LeadershipTerm } from '../leadership/leadership-term.entity';
import { AuditService } from '../audit/audit.service';
import { AppException, ErrorDetail } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-codes';
import { clusterTag } from '../common/cluster-label';
import { nowIso, todayInVietnam } from '../common/time';
import { UnitOfWork } from '../database/unit-of-work';
import { AccessRepository } from '../access/access.repository';
import { PasswordService, passwordProblem } from './password.service';
import { ROLE_LABELS, Role } from '../common/auth/roles';
import { SessionsRepository } from './sessions.repository';
import { MfaService } from './mfa.service';
import { User } from './user.entity';
import { UsersRepository } from './users.repository';
import { CreateUserDto, ResetMfaDto, ResetPasswordDto, UpdateUserDto, UserPage, UserQueryDto, UserView } from './users.dto';
import { RoleScope, adminChangeProblem, roleScopeProblems } from './users.rules';

/** Account administration (admins only; the controller says so). */
@Injectable()
export class UsersService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly passwords: PasswordService,
    private readonly users: UsersRepository,
    private readonly sessions: SessionsRepository,
    private readonly access: AccessRepository,
    private readonly units: UnitsRepository,
    private readonly mfa: MfaService,
  ) {}

  async list(query: UserQueryDto): Promise<UserPage> {
    const limit = query.limit ?? 100;
    const offset = query.offset ?? 0;
    return this.uow.read(async (m) => {
      const [users, total] = await this.users.search(m, { role: query.role, text: query.q, limit, offset });
      return { items: await this.views(m, users), total, limit, offset };
    });
  }

  get(id: string): Promise<UserView> {
    return this.uow.read(async (m) => this.view(m, await this.find(m, id)));
  }

  async create(dto: CreateUserDto): Promise<UserView> {
    const problem = passwordProblem(dto.password, dto.username);
    if (problem) throw AppException.field(ErrorCode.ValidationFailed, 'password', problem);
    const passwordHash = await this.passwords.hash(dto.password);
    return this.uow.write(async (m) => {
      const scope: RoleScope = {
        role: dto.role,
        unitId: dto.unitId ?? null,
        organizerId: dto.organizerId ?? null,
        clusterIds: [...new Set(dto.clusterIds ?? [])],
      };
      await this.checkScope(m, scope);
      if (await this.users.usernameTaken(m, dto.username)) {
        throw AppException.field(ErrorCode.Duplicate, 'username', `Tên đăng nhập "${dto.username}" đã được sử dụng.`);
      }
      const now = nowIso();
      const user: User = {
        id: randomUUID(),
        username: dto.username,
        fullName: dto.fullName.trim(),
        role: scope.role,
        unitId: scope.unitId,
        organizerId: scope.organizerId,
        passwordHash,
        active: true,
        passwordChangedAt: now,
        version: 1,
        createdAt: now,
        updatedAt: now,
      };
      await this.users.insert(m, user, scope.clusterIds);
      const view = await this.view(m, user);
      await this.audit.record(m, { action: 'user.create', entityType: 'user', entityId: user.id, after: view, reason: dto.reason });
      return view;
    });
  }

  update(callerId: string, id: string, dto: UpdateUserDto): Promise<UserView> {
    return this.uow.write(async (m) => {
      const current = await this.find(m, id);
      await this.keepAnAdministrator(m, callerId, current, { role: dto.role ?? current.role, active: dto.active ?? Boolean(current.active) });
      const before = await this.view(m, current);
      const scope: RoleScope = {
        role: dto.role ?? current.role,
        unitId: dto.unitId !== undefined ? dto.unitId : current.unitId,
        organizerId: dto.organizerId !== undefined ? dto.organizerId : current.organizerId,
        clusterIds: dto.clusterIds !== undefined ? [...new Set(dto.clusterIds)] : before.clusterIds,
      };
      await this.checkScope(m, scope, before.clusterIds);
      const updated = await this.users.update(m, current, dto.version, {
        fullName: dto.fullName?.trim() ?? current.fullName,
        role: scope.role,
        unitId: scope.unitId,
        organizerId: scope.organizerId,
        active: dto.active ?? current.active,
        email: dto.email !== undefined ? dto.email?.trim() || null : (current.email ?? null),
        emailNotifications: dto.emailNotifications ?? current.emailNotifications ?? true,
        updatedAt: nowIso(),
      });
      if (dto.clusterIds !== undefined) await this.users.replaceClusterIds(m, id, scope.clusterIds);
      if (dto.active === false && current.active) await this.sessions.revokeAllOfUser(m, id);
      const after = await this.view(m, updated);
      await this.audit.record(m, { action: 'user.update', entityType: 'user', entityId: id, before, after, reason: dto.reason });
      return after;
    });
  }

  /** Refuses a change that would lock out the caller or leave no active administrator (users.rules.ts). */
  private async keepAnAdministrator(m: EntityManager, callerId: string, current: User, after: { role: Role; active: boolean }): Promise<void> {
    const before = { role: current.role, active: Boolean(current.active) };
    if (!(before.role === Role.Admin && before.active)) return;
    // Two administrators locking each other at once: one waits for the other's commit, then counts again.
    await this.users.lockAdministrators(m);
    const problem = adminChangeProblem({ callerId, targetId: current.id, before, after, otherActiveAdmins: await this.users.activeAdminsOtherThan(m, current.id) });
    if (problem) throw new AppException(ErrorCode.BusinessRule, problem.message, [problem]);
  }

  async resetPassword(id: string, dto: ResetPasswordDto): Promise<void> {
    const problem = passwordProblem(dto.newPassword);
    if (problem) throw AppException.field(ErrorCode.ValidationFailed, 'newPassword', problem);
    const hash = await this.passwords.hash(dto.newPassword);
    await this.uow.write(async (m) => {
      await this.users.setPassword(m, await this.find(m, id), hash);
      await this.sessions.revokeAllOfUser(m, id);
      await this.audit.record(m, { action: 'user.password_reset', entityType: 'user', entityId: id, reason: dto.reason });
    });
  }

  /**
   * Removes an account's second factor (its owner lost the phone and the recovery codes): the secret, the
   * recovery codes and the remembered browsers (their cookies are bound to the enrolment) go, its sessions end,
   * and the owner enrols again at the next sign-in (required for administrators and reviewers).
   */
  async resetMfa(id: string, dto: ResetMfaDto): Promise<void> {
    await this.uow.write(async (m) => {
      const user = await this.find(m, id);
      if (!user.mfaEnabledAt && !user.mfaSecret) throw new AppException(ErrorCode.BusinessRule, 'Tài khoản chưa đăng ký xác thực hai lớp: không có gì để đặt lại.');
      await this.mfa.reset(m, id);
      await this.sessions.revokeAllOfUser(m, id);
      await this.audit.record(m, { action: 'user.mfa_reset', entityType: 'user', entityId: id, before: { mfaEnabledAt: user.mfaEnabledAt ?? null }, after: { mfaEnabledAt: null }, reason: dto.reason });
    });
  }

  private async find(m: EntityManager, id: string): Promise<User> {
    const user = await this.users.find(m, id);
    if (!user) throw AppException.notFound('tài khoản');
    return user;
  }

  /** Role/scope combination, then the referenced unit, organiser and clusters must exist with the right kind. */
  private async checkScope(m: EntityManager, scope: RoleScope, kept: string[] = []): Promise<void> {
    const problems: ErrorDetail[] = roleScopeProblems(scope);
    if (problems.length) throw new AppException(ErrorCode.InvalidRoleScope, undefined, problems);
    if (scope.unitId) {
      const unit = await this.units.find(m, scope.unitId);
      if (!unit || unit.kind !== 'MEMBER') {
        problems.push({ field: 'unitId', code: 'invalid', message: 'Không tìm thấy đơn vị thành viên này.' });
      }
    }
    if (scope.organizerId) {
      const org = await this.units.find(m, scope.organizerId);
      if (!org || org.kind !== 'ORGANIZER') {
        problems.push({ field: 'organizerId', code: 'invalid', message: 'Không tìm thấy cơ quan tổ chức này.' });
      }
    }
    if (scope.clusterIds.length) {
      const found = (await this.access.clusters(m, scope.clusterIds)).length;
      if (found !== scope.clusterIds.length) {
        problems.push({ field: 'clusterIds', code: 'invalid', message: 'Có cụm thi đua không tồn tại.' });
      }
      // A cluster continued by another after a reorganisation takes no new secretary (one it had keeps it).
      const added = scope.clusterIds.filter((id) => !kept.includes(id));
      const successors = added.length ? await m.find(Cluster, { where: { predecessorId: In(added) } }) : [];
      const named = async (c: Cluster) => clusterTag(c.name, (await this.units.find(m, c.organizerId))?.name ?? '');
      for (const next of successors) {
        const [ended] = await this.access.clusters(m, [next.predecessorId!]);
        problems.push({ field: 'clusterIds', code: 'ended', message: `${await named(ended)} đã kết thúc, được tiếp nối bởi ${await named(next)}: hãy giao cụm tiếp nối.` });
      }
    }
    if (problems.length) throw new AppException(ErrorCode.InvalidReference, undefined, problems);
  }

  private async view(m: EntityManager, user: User): Promise<UserView> {
    return (await this.views(m, [user]))[0];
  }

  private async views(m: EntityManager, users: User[]): Promise<UserView[]> {
    const clusterIds = await this.users.clusterIds(m, users.map((u) => u.id));
    // A secretary also manages the clusters its unit (or a unit it succeeded) chairs, year by year: shown, not assigned here.
    // As the session grants it: the unit and those it succeeded that have ended (sessions.repository.ts).
    const chaired = new Map<string, Array<{ clusterId: string; label: string; years: number[] }>>();
    const today = todayInVietnam();
    for (const u of users.filter((x) => x.role === Role.ClusterSecretary && x.unitId)) {
      const ended = [...(await this.units.byIds(m, await this.units.predecessorIds(m, u.unitId!))).values()].filter((x) => x.activeTo && x.activeTo < today);
      const terms = await m.find(LeadershipTerm, { where: { chairUnitId: In([u.unitId!, ...ended.map((x) => x.id)]) }, order: { year: 'ASC' } });
      const byCluster = new Map<string, number[]>();
      for (const t of terms) byCluster.set(t.clusterId, [...(byCluster.get(t.clusterId) ?? []), t.year]);
      const clusters = byCluster.size ? await m.find(Cluster, { where: { id: In([...byCluster.keys()]) } }) : [];
      const organizers = await this.units.byIds(m, clusters.map((c) => c.organizerId));
      const label = (id: string) => { const c = clusters.find((x) => x.id === id); return c ? clusterTag(c.name, organizers.get(c.organizerId)?.name ?? '') : id; };
      chaired.set(u.id, [...byCluster].map(([clusterId, years]) => ({ clusterId, label: label(clusterId), years })));
    }
    return users.map((u) => ({
      id: u.id,
      username: u.username,
      fullName: u.fullName,
      role: u.role,
      roleLabel: ROLE_LABELS[u.role],
      unitId: u.unitId,
      organizerId: u.organizerId,
      clusterIds: clusterIds.get(u.id) ?? [],
      chairedClusters: chaired.get(u.id) ?? [],
      active: Boolean(u.active),
      email: u.email ?? null,
      emailNotifications: u.emailNotifications === undefined ? true : Boolean(u.emailNotifications),
      mfaEnabledAt: u.mfaEnabledAt ?? null,
      version: u.version,
      createdAt: u.createdAt,
      updatedAt: u.updatedAt,
    }));
  }
}
