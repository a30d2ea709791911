import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { MfaService } from '../../auth/mfa.service';
import { PasswordService } from '../../auth/password.service';
import { UsersRepository } from '../../auth/users.repository';
import { LegalService } from '../../legal/legal.service';
import { Cluster } from '../../clusters/cluster.entity';
import { nowIso } from '../../common/time';
import { Unit } from '../../units/unit.entity';
import { isActiveAtYearEnd } from '../../units/units.rules';
import { UnitOfWork } from '../unit-of-work';
import {
  ReferenceData,
  isIllustrativeGroup,
  loadReferenceData,
  ministryMemberUnit,
  ngheAnDistrictUnit,
} from './reference-data';
import { seedDemoScores } from './demo-scores';
import { accountSpecs, ensureUser } from './seed-accounts';
import { Count, SeedUnits, ensureCluster, ensureMemberships, ensureSuccession, ensureUnit, ensureYear } from './seed-records';
import { BASIS, DEPARTMENT_MERGER_FROM, DISTRICT_LEVEL_END, currentDepartment, successionOf } from './reorganisation-2025';
import { dayBefore, shortOrganizerName, yearPhasesFromFacts } from './seed-helpers';

export { yearPhasesFromFacts } from './seed-helpers';
import { AwardRuleVersion } from '../../awards/award.entities';
import { DEMO_PASSWORD, DEMO_PASSWORD_HASH, DEMO_PHASES, DEMO_ROTATION_ORDER_CUM6, DEMO_USERS } from './demo-data';
import { LeadershipTerm } from '../../leadership/leadership-term.entity';
import { RotationPolicy } from '../../leadership/rotation-policy.entity';

/** Years of membership loaded for the Ministry's clusters (the reference names members, not years). */
const MINISTRY_MEMBERSHIP_YEARS = [2019, 2020, 2021, 2022, 2023, 2024];
/** Nghệ An district clusters: from their creation in 2014 until the district level ended (2025). */
const NGHE_AN_YEARS = Array.from({ length: 11 }, (_, i) => 2014 + i);

interface TermFacts {
  chair: string;
  viceChair?: string;
  assumed?: string;
  source?: string;
}

/** Loads reference data (always) and demo accounts and dates (unless SEED_DEMO=false); idempotent. */
@Injectable()
export class SeedService {
  private readonly logger = new Logger(SeedService.name);
  private inserted: Record<string, number> = {};

  constructor(
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly passwords: PasswordService,
    private readonly mfa: MfaService,
    private readonly users: UsersRepository,
    private readonly legal: LegalService,
  ) {}

  async run(options: { demo: boolean; adminPassword?: string }): Promise<void> {
    const reference = loadReferenceData();
    const accounts = accountSpecs(options);
    // argon2 is slow on purpose: hashed before the write transaction, for the accounts still missing. Each distinct
    // password once: the demo accounts share the published demo password, so one hash serves them all (a cold start
    // hashed it once per account, most of its time).
    const existing = new Set(await this.uow.read((m) => this.users.allUsernames(m)));
    const byPassword = new Map<string, string>();
    const hashes = new Map<string, string>();
    for (const a of accounts) {
      if (existing.has(a.username)) continue;
      if (!byPassword.has(a.password)) byPassword.set(a.password, await this.hashOf(a.password));
      hashes.set(a.username, byPassword.get(a.password)!);
    }
    await this.uow.write(async (m) => {
      this.inserted = {};
      const units = new SeedUnits(m);
      await this.loadReference(units, reference);
      const legal = await this.legal.seed(m);
      if (legal) this.inserted.legalCatalogue = legal;
      if (options.demo) await this.loadDemoPhases(units);
      for (const account of accounts) if (hashes.has(account.username)) await ensureUser(units, this.counter, account, hashes.get(account.username)!, (secret) => this.mfa.sealSecret(secret));
      const total = Object.values(this.inserted).reduce((a, b) => a + b, 0);
      if (total > 0) {
        await this.audit.record(m, {
          action: options.demo ? 'seed.reference_and_demo' : 'seed.reference',
          entityType: 'seed',
          entityId: 'reference',
          after: this.inserted,
          reason: 'Nạp dữ liệu tham chiếu khi khởi động lần đầu',
        });
        this.logger.log(`Seeded: ${JSON.stringify(this.inserted)}`);
      }
    });
  }

  /**
   * Award rule versions: Decrees 98/2023 and 152/2025 from the reference (Cờ: 80 % of all members). The
   * Bằng khen threshold (a majority) and the version for years before 2024 (Decree 91/2017) are assumed
   * and say so; reviewers can change them.
   */
  private async loadRuleVersions(m: EntityManager, ref: ReferenceData): Promise<void> {
    const versions = [
      { basis: 'Nghị định 91/2017/NĐ-CP', from: '2017-07-31', to: '2023-12-31', flagMinApprovalRatio: 0.8, note: 'Giả định: ngưỡng chưa được xác nhận cho giai đoạn này; có thể chỉnh sửa.' },
      ...ref.ruleVersions.map((v) => ({ basis: v.basis, from: v.from, to: v.to, flagMinApprovalRatio: v.flagApprovalMinRatioOfAllMembers, note: v.assumed ? 'Giả định: ngưỡng chưa được xác nhận; có thể chỉnh sửa.' : null })),
    ];
    for (const v of versions) {
      if (await m.exists(AwardRuleVersion, { where: { basis: v.basis } })) continue;
      await m.insert(AwardRuleVersion, {
        id: randomUUID(),
        basis: v.basis,
        validFrom: v.from,
        validTo: v.to,
        flagMinApproval: Math.round(v.flagMinApprovalRatio * 10000),
        meritMinApproval: 5000,
        // "Quá bán": more than half of all members, so exactly half (3 of 6) is not enough.
        flagStrictlyAbove: false,
        meritStrictlyAbove: true,
        note: [v.note, 'Ngưỡng Bằng khen (quá bán) là giả định.'].filter(Boolean).join(' '),
        createdAt: nowIso(),
      });
      this.count('awardRuleVersions');
    }
  }

  private async loadReference(units: SeedUnits, ref: ReferenceData): Promise<void> {
    await this.loadRuleVersions(units.m, ref);
    const organizers = new Map<string, Unit>();
    for (const org of ref.organizers) {
      let successorId: string | null = null;
      if (org.successor) {
        const successor = await ensureUnit(units, this.counter, {
          code: org.successor.code,
          kind: 'ORGANIZER',
          name: org.successor.name,
          shortName: shortOrganizerName(org.successor.name),
          activeFrom: org.successor.from,
        });
        successorId = successor.id;
      }
      const isMinistry = org.code === 'BTTTT';
      const organizer = await ensureUnit(units, this.counter, {
        code: org.code,
        kind: 'ORGANIZER',
        name: org.name,
        shortName: shortOrganizerName(org.name),
        province: isMinistry ? null : 'Nghệ An',
      });
      if (successorId) {
        await ensureSuccession(units, this.counter, organizer, { activeTo: dayBefore(org.successor!.from), successorId, basis: BASIS.ministry, note: null });
      } else if (!isMinistry) {
        // Sở TTTT Nghệ An, organiser of the district clusters: part of Sở KH&CN Nghệ An from 01/03/2025.
        const department = currentDepartment('Nghệ An');
        const successor = await ensureUnit(units, this.counter, { ...department, kind: 'ORGANIZER', province: 'Nghệ An', activeFrom: DEPARTMENT_MERGER_FROM });
        await ensureSuccession(units, this.counter, organizer, { activeTo: dayBefore(DEPARTMENT_MERGER_FROM), successorId: successor.id, basis: BASIS.department, note: BASIS.departmentNote });
      }
      organizers.set(org.code, organizer);
    }

    for (const entry of ref.clusters) {
      const organizer = organizers.get(entry.organizer)!;
      if (isIllustrativeGroup(entry)) {
        for (const [index, c] of entry.clusters.entries()) {
          const cluster = await ensureCluster(units, this.counter, organizer, index + 1, c.name);
          const members: Array<{ unit: Unit; year: number }> = [];
          for (const district of c.members) {
            const unit = await ensureUnit(units, this.counter, { ...ngheAnDistrictUnit(district), kind: 'MEMBER', province: 'Nghệ An' });
            await ensureSuccession(units, this.counter, unit, {
              activeTo: DISTRICT_LEVEL_END,
              successorId: null,
              basis: BASIS.district,
              note: 'Cấp huyện kết thúc hoạt động: đơn vị không có đơn vị kế thừa trong các cụm thi đua của ngành.',
            });
            members.push(...NGHE_AN_YEARS.map((year) => ({ unit, year })));
          }
          await ensureMemberships(units, this.counter, cluster, members);
        }
        continue;
      }
      const cluster = await ensureCluster(units, this.counter, organizer, entry.number, entry.name);
      const members: Array<{ unit: Unit; year: number }> = [];
      for (const province of entry.members) {
        const unit = await ensureUnit(units, this.counter, { ...ministryMemberUnit(province), kind: 'MEMBER', province });
        const chain = await this.ensureSuccessors(units, unit, province);
        // The member of a year is the unit active in it (Bạc Liêu's changed in 2023).
        members.push(...MINISTRY_MEMBERSHIP_YEARS.map((year) => ({ unit: [unit, ...chain].find((u) => isActiveAtYearEnd(u, year)) ?? unit, year })));
      }
      await ensureMemberships(units, this.counter, cluster, members);
      for (const [yearText, facts] of Object.entries(entry.years)) {
        for (const [year, phases] of yearPhasesFromFacts(Number(yearText), facts)) await ensureYear(units.m, this.counter, cluster, year, phases);
        if (facts.chair) await this.ensureTerm(units, cluster, Number(yearText), facts as TermFacts);
      }
    }
    await units.flush();
  }

  /** The units that took over a seeded member in 2025 (reorganisation-2025.ts), created once, latest first. */
  private async ensureSuccessors(seeded: SeedUnits, member: Unit, province: string): Promise<Unit[]> {
    const { memberEnd, units } = successionOf(province);
    const created = new Map<string, Unit>();
    for (const spec of [...units].reverse()) {
      const unit = await ensureUnit(seeded, this.counter, { ...spec, kind: 'MEMBER', successorId: null });
      if (spec.successorCode) {
        await ensureSuccession(seeded, this.counter, unit, { activeTo: spec.activeTo!, successorId: created.get(spec.successorCode)!.id, basis: spec.successionBasis!, note: spec.note });
      }
      created.set(spec.code, unit);
    }
    await ensureSuccession(seeded, this.counter, member, { activeTo: memberEnd.activeTo, successorId: created.get(memberEnd.successorCode)!.id, basis: memberEnd.basis, note: memberEnd.note });
    return units.map((spec) => created.get(spec.code)!);
  }

  /** Illustrative phase dates and the rotation order of Cụm 6 (demo only: not facts). */
  private async loadDemoPhases(units: SeedUnits): Promise<void> {
    const m = units.m;
    const ministry = await units.find('BTTTT');
    const cluster = ministry && (await m.findOne(Cluster, { where: { organizerId: ministry.id, number: 6 } }));
    if (!cluster) return;
    for (const [year, phases] of Object.entries(DEMO_PHASES)) await ensureYear(m, this.counter, cluster, Number(year), phases);
    const sheets = await seedDemoScores(units, cluster);
    if (sheets) this.inserted.scoreSheets = sheets;
    if (!(await m.exists(RotationPolicy, { where: { clusterId: cluster.id } }))) {
      const order: string[] = [];
      for (const province of DEMO_ROTATION_ORDER_CUM6) {
        const unit = await units.find(ministryMemberUnit(province).code);
        if (unit) order.push(unit.id);
      }
      const now = nowIso();
      await m.insert(RotationPolicy, { clusterId: cluster.id, unitOrder: JSON.stringify(order), version: 1, createdAt: now, updatedAt: now });
      this.count('rotationPolicies');
    }
  }

  /** A recorded chair/vice-chair term from the reference (vice-chair may be unknown). */
  private async ensureTerm(units: SeedUnits, cluster: Cluster, year: number, facts: TermFacts): Promise<void> {
    const m = units.m;
    await units.flush();
    if (await m.exists(LeadershipTerm, { where: { clusterId: cluster.id, year } })) return;
    const unitOf = async (province?: string) => (province ? ((await units.find(ministryMemberUnit(province).code))?.id ?? null) : null);
    const chairUnitId = await unitOf(facts.chair);
    if (!chairUnitId) return;
    const now = nowIso();
    await m.insert(LeadershipTerm, {
      id: randomUUID(),
      clusterId: cluster.id,
      year,
      chairUnitId,
      viceChairUnitId: await unitOf(facts.viceChair),
      hostUnitId: null,
      method: facts.assumed ? 'ROTATION' : 'ELECTION',
      decisionNumber: null,
      decisionDate: null,
      note: [
        facts.assumed
          ? 'Giả định: suy ra theo quy tắc Cụm phó năm trước làm Cụm trưởng; cần xác nhận bằng văn bản.'
          : 'Ghi nhận theo tin về hội nghị của cụm.',
        facts.viceChair ? '' : 'Tư liệu không nêu Cụm phó.',
      ]
        .filter(Boolean)
        .join(' '),
      version: 1,
      createdAt: now,
      updatedAt: now,
    });
    this.count('leadershipTerms');
  }

  /**
   * A new account's password hash. The demo password's is DEMO_PASSWORD_HASH, made beforehand, so that a first start
   * spends no argon2 hash on a published password; not with the tests' cheap parameters, under which their many demo
   * logins verify cheaply.
   */
  private hashOf(password: string): Promise<string> {
    return password === DEMO_PASSWORD && this.passwords.baseline ? Promise.resolve(DEMO_PASSWORD_HASH) : this.passwords.hash(password);
  }

  /** Active accounts of the demo (or the admin) that still accept a demo password: a production start refuses them. */
  async accountsWithDemoPassword(): Promise<string[]> {
    const names = [...DEMO_USERS.map((u) => u.username), 'admin'];
    const users = await this.uow.read((m) => this.users.activeByUsernames(m, names));
    const found: string[] = [];
    for (const u of users) if (await this.passwords.verify(u.passwordHash, DEMO_PASSWORD)) found.push(u.username);
    return found;
  }

  private count(kind: string): void {
    this.inserted[kind] = (this.inserted[kind] ?? 0) + 1;
  }

  private readonly counter: Count = (kind) => this.count(kind);
}
