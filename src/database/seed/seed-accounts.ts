import { randomUUID } from 'node:crypto';
import { Role } from '../../common/auth/roles';
import { UserClusterScope } from '../../auth/user-cluster-scope.entity';
import { User } from '../../auth/user.entity';
import { Cluster } from '../../clusters/cluster.entity';
import { nowIso } from '../../common/time';
import { DEMO_PASSWORD, DEMO_USERS } from './demo-data';
import type { Count, SeedUnits } from './seed-records';

export interface AccountSpec {
  username: string;
  fullName: string;
  role: Role;
  password: string;
  unitCode?: string;
  organizerCode?: string;
  clusterNumbers?: number[];
  mfaSecret?: string;
}

/** The accounts to create: the demo's (demo password) and, with ADMIN_PASSWORD, the first administrator. */
export function accountSpecs(options: { demo: boolean; adminPassword?: string }): AccountSpec[] {
  const specs: AccountSpec[] = options.demo ? DEMO_USERS.map((u) => ({ ...u, password: DEMO_PASSWORD })) : [];
  if (options.adminPassword) {
    const admin = specs.find((s) => s.username === 'admin');
    if (admin) admin.password = options.adminPassword;
    else specs.push({ username: 'admin', fullName: 'Quản trị hệ thống', role: Role.Admin, password: options.adminPassword });
  }
  return specs;
}

/** Inserts the account (password hashed beforehand; a demo MFA secret stored as `sealSecret` gives it), unless it exists. */
export async function ensureUser(units: SeedUnits, count: Count, spec: AccountSpec, passwordHash: string, sealSecret: (secret: string) => string): Promise<void> {
  const m = units.m;
  if (await m.exists(User, { where: { username: spec.username } })) return;
  await units.flush();
  const unit = spec.unitCode ? await units.find(spec.unitCode) : null;
  const organizer = spec.organizerCode ? await units.find(spec.organizerCode) : null;
  const ministry = await units.find('BTTTT');
  const now = nowIso();
  const user: User = {
    id: randomUUID(),
    username: spec.username,
    fullName: spec.fullName,
    role: spec.role,
    unitId: unit?.id ?? null,
    organizerId: organizer?.id ?? null,
    passwordHash,
    active: true,
    passwordChangedAt: now,
    mfaSecret: spec.mfaSecret ? sealSecret(spec.mfaSecret) : null,
    mfaEnabledAt: spec.mfaSecret ? now : null,
    mfaLastStep: null,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  await m.insert(User, user);
  for (const number of spec.clusterNumbers ?? []) {
    const cluster = await m.findOne(Cluster, { where: { organizerId: ministry!.id, number } });
    if (cluster) await m.insert(UserClusterScope, { userId: user.id, clusterId: cluster.id });
  }
  count('users');
}
