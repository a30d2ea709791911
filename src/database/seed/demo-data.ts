import { Role } from '../../common/auth/roles';
import type { Phases } from '../../clusters/phases.rules';
import { workday } from './seed-helpers';

/** The shared password of every demo account. Demo only: the start-up log says so. */
export const DEMO_PASSWORD = 'ThiDua@Demo2026';

/**
 * DEMO_PASSWORD hashed once with PasswordService's parameters (argon2id, 19 MiB, 2 iterations, 1 lane; salt and
 * parameters are written in it), which the demo accounts are created with: a first start then spends no argon2 hash.
 * The password is published, so one hash shared by every demo database tells nothing more. A unit test checks that
 * it verifies and that its parameters are PasswordService's.
 */
export const DEMO_PASSWORD_HASH = '$argon2id$v=19$m=19456,p=1,t=2$4TwVF1vBohJLQSZnLquwWg$DYvKJHaEoE5iIJxRdy7xeh72SfijFcl8sr/kVH4C7vE';

export interface DemoUser {
  username: string;
  fullName: string;
  role: Role;
  unitCode?: string;
  organizerCode?: string;
  clusterNumbers?: number[];
  /** Demo only: the account is enrolled in MFA with this published TOTP secret (README, "Demo accounts"). */
  mfaSecret?: string;
}

/** The published TOTP secrets of the demo accounts that must use MFA (base32; demo only). */
export const DEMO_MFA_SECRETS = { admin: 'THIDUADEMOADMIN2', reviewer: 'THIDUADEMOREVIEW' } as const;

/** Fixed names: the README, the tests and other tooling rely on them. */
export const DEMO_USERS: DemoUser[] = [
  { username: 'admin', fullName: 'Quản trị hệ thống', role: Role.Admin, mfaSecret: DEMO_MFA_SECRETS.admin },
  // Bộ KH&CN took over Bộ TTTT on 01/03/2025: its reviewer also holds Bộ TTTT's records (the scope follows succession).
  { username: 'reviewer', fullName: 'Cán bộ thẩm định Bộ Khoa học và Công nghệ', role: Role.MinistryReviewer, organizerCode: 'BKHCN', mfaSecret: DEMO_MFA_SECRETS.reviewer },
  {
    // The secretariat of the chair unit: Sở KH&CN Gia Lai, successor of Sở TTTT Gia Lai (chair in 2020 and again now).
    username: 'cum6.secretary',
    fullName: 'Thư ký Cụm thi đua số 6 (Sở KH&CN Gia Lai)',
    role: Role.ClusterSecretary,
    unitCode: 'SKHCN-GIALAI',
    clusterNumbers: [6],
  },
  {
    username: 'cum1.secretary',
    fullName: 'Thư ký Cụm thi đua số 1 (Sở KH&CN Hải Phòng)',
    role: Role.ClusterSecretary,
    // Sở TTTT Hải Phòng (chair of Cụm 1 in 2023) ended on 28/02/2025: its successor's officer keeps the secretariat.
    unitCode: 'SKHCN-HAIPHONG',
    clusterNumbers: [1],
  },
  // Today's member units: the Sở KH&CN of the provinces formed on 01/07/2025 (each acts for the units it took over).
  { username: 'skhcn.gialai', fullName: 'Cán bộ Sở KH&CN Gia Lai', role: Role.UnitOfficer, unitCode: 'SKHCN-GIALAI' },
  { username: 'skhcn.daklak', fullName: 'Cán bộ Sở KH&CN Đắk Lắk', role: Role.UnitOfficer, unitCode: 'SKHCN-DAKLAK' },
  { username: 'skhcn.lamdong', fullName: 'Cán bộ Sở KH&CN Lâm Đồng', role: Role.UnitOfficer, unitCode: 'SKHCN-LAMDONG' },
  { username: 'skhcn.quangngai', fullName: 'Cán bộ Sở KH&CN Quảng Ngãi', role: Role.UnitOfficer, unitCode: 'SKHCN-QUANGNGAI' },
  { username: 'skhcn.khanhhoa', fullName: 'Cán bộ Sở KH&CN Khánh Hòa', role: Role.UnitOfficer, unitCode: 'SKHCN-KHANHHOA' },
  // The units that ended on 28/02/2025: their accounts keep reading their history and nothing more.
  { username: 'gialai', fullName: 'Cán bộ Sở TTTT Gia Lai (đơn vị đã hợp nhất)', role: Role.UnitOfficer, unitCode: 'STTTT-GIALAI' },
  { username: 'phuyen', fullName: 'Cán bộ Sở TTTT Phú Yên (đơn vị đã hợp nhất)', role: Role.UnitOfficer, unitCode: 'STTTT-PHUYEN' },
  { username: 'daklak', fullName: 'Cán bộ Sở TTTT Đắk Lắk (đơn vị đã hợp nhất)', role: Role.UnitOfficer, unitCode: 'STTTT-DAKLAK' },
  { username: 'lamdong', fullName: 'Cán bộ Sở TTTT Lâm Đồng (đơn vị đã hợp nhất)', role: Role.UnitOfficer, unitCode: 'STTTT-LAMDONG' },
  { username: 'kontum', fullName: 'Cán bộ Sở TTTT Kon Tum (đơn vị đã hợp nhất)', role: Role.UnitOfficer, unitCode: 'STTTT-KONTUM' },
  { username: 'daknong', fullName: 'Cán bộ Sở TTTT Đắk Nông (đơn vị đã hợp nhất)', role: Role.UnitOfficer, unitCode: 'STTTT-DAKNONG' },
];

/** Illustrative phase dates of Cụm 6 (the pledge date of 2020 is a fact from seed 003; the rest is invented). */
export const DEMO_PHASES: Record<number, Partial<Phases>> = {
  2020: {
    midYearReviewOn: '2020-07-15',
    scoringOpensOn: '2020-11-16',
    scoringClosesOn: '2020-12-10',
    reviewMeetingOn: '2021-03-03',
    proposalDeadline: '2021-03-31',
  },
};

/** The agreed rotation order of Cụm 6 (demo): the order of the reference, which gives Phú Yên as 2020 vice-chair. */
export const DEMO_ROTATION_ORDER_CUM6 = ['Gia Lai', 'Phú Yên', 'Đắk Lắk', 'Lâm Đồng', 'Kon Tum', 'Đắk Nông'];

// The living demo's invented figures (demo-scenario-story.ts tells them through the API).

/** Points per criterion TC1…TC9 (the CUM6-2020 template): invented, decreasing from the first. */
export const LAST_YEAR_POINTS: Record<string, number[]> = {
  'SKHCN-DAKLAK': [15, 15, 10, 9.5, 14.5, 10, 10, 9.5, 5],
  'SKHCN-GIALAI': [15, 14.5, 10, 9.5, 14.5, 9.5, 10, 9, 5],
  'SKHCN-LAMDONG': [14.5, 14.5, 9.5, 9.5, 14, 9.5, 10, 9, 5],
  'SKHCN-QUANGNGAI': [14, 14, 9.5, 9, 13.5, 9, 9.5, 8.5, 4.5],
  'SKHCN-KHANHHOA': [13.5, 14, 9, 9, 13.5, 9, 9, 8.5, 4.5],
};
/** Today's members of Bộ KH&CN's Cụm 6 and their demo accounts. */
export const CURRENT_MEMBERS: Array<[string, string]> = [['skhcn.gialai', 'Gia Lai'], ['skhcn.daklak', 'Đắk Lắk'], ['skhcn.lamdong', 'Lâm Đồng'], ['skhcn.quangngai', 'Quảng Ngãi'], ['skhcn.khanhhoa', 'Khánh Hòa']];

/** Cụm 6 of Bộ TTTT, 2020–2024 (demo): the consolidated ranking of each year, best first, and the chair (rotation). */
export const PAST_ORDER: Record<number, string[]> = {
  2020: ['GIALAI', 'DAKLAK', 'PHUYEN', 'LAMDONG', 'KONTUM', 'DAKNONG'],
  2021: ['PHUYEN', 'GIALAI', 'DAKLAK', 'KONTUM', 'LAMDONG', 'DAKNONG'],
  2022: ['DAKLAK', 'LAMDONG', 'GIALAI', 'PHUYEN', 'DAKNONG', 'KONTUM'],
  2023: ['LAMDONG', 'KONTUM', 'DAKLAK', 'GIALAI', 'PHUYEN', 'DAKNONG'],
  2024: ['KONTUM', 'DAKNONG', 'LAMDONG', 'DAKLAK', 'GIALAI', 'PHUYEN'],
};
export const PAST_CHAIRS: Record<number, string> = { 2020: 'GIALAI', 2021: 'PHUYEN', 2022: 'DAKLAK', 2023: 'LAMDONG', 2024: 'KONTUM', 2025: 'DAKNONG' };
export const PROVINCE_NAMES: Record<string, string> = { GIALAI: 'Gia Lai', PHUYEN: 'Phú Yên', DAKLAK: 'Đắk Lắk', LAMDONG: 'Lâm Đồng', KONTUM: 'Kon Tum', DAKNONG: 'Đắk Nông' };
/** Points per criterion by rank (invented): 99.5, 98, 96.5, 95, 93.5, 92. */
export const POINTS_BY_RANK: number[][] = [
  [15, 15, 10, 10, 15, 10, 10, 9.5, 5],
  [15, 14.5, 10, 9.5, 14.5, 10, 10, 9.5, 5],
  [14.5, 14.5, 9.5, 9.5, 14.5, 9.5, 10, 9.5, 5],
  [14.5, 14, 9.5, 9.5, 14, 9.5, 9.5, 9.5, 5],
  [14, 14, 9.5, 9, 14, 9, 9.5, 9.5, 5],
  [14, 13.5, 9, 9, 14, 9, 9, 9.5, 5],
];

/** The illustrative division of Bộ KH&CN (by the predecessors' clusters; no decision was found). */
export const DIVISION: Array<{ number: number; name: string; provinces: string[] }> = [
  { number: 1, name: 'Cụm thi đua số 1', provinces: ['HANOI', 'HOCHIMINH', 'HAIPHONG', 'DANANG', 'CANTHO'] },
  { number: 6, name: 'Cụm thi đua số 6', provinces: ['GIALAI', 'DAKLAK', 'LAMDONG', 'QUANGNGAI', 'KHANHHOA'] },
  { number: 7, name: 'Cụm thi đua số 7', provinces: ['DONGNAI', 'TAYNINH'] },
  { number: 8, name: 'Cụm thi đua số 8', provinces: ['ANGIANG', 'VINHLONG', 'DONGTHAP', 'CAMAU'] },
];

/**
 * The day Cụm 6 of Bộ TTTT reviewed a year (invented but 2019's, seed 003), a working day early in March of the next
 * year; 2024's before Bộ TTTT merged into Bộ KH&CN (01/03/2025). The next year's pledge was signed there.
 */
export const reviewHeldOn = (year: number): string => (year === 2019 ? '2020-03-06' : year === 2024 ? '2025-02-20' : workday(`${year + 1}-03-0${(year % 5) + 3}`));
