import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The shape of reference.json (facts with their sources; copied from the project's shared data). */
export interface ReferenceData {
  organizers: Array<{ code: string; name: string; successor?: { code: string; name: string; from: string } }>;
  clusters: Array<ReferenceCluster | ReferenceIllustrativeGroup>;
  criteriaTemplates: Record<string, { title: string; fromYear?: number; criteria: Array<{ code: string; maxPoints: number; text: string }> }>;
  ruleVersions: Array<{ basis: string; from: string; to: string | null; flagApprovalMinRatioOfAllMembers: number; assumed?: string }>;
}

export interface ReferenceCluster {
  organizer: string;
  number: number;
  name: string;
  members: string[];
  years: Record<
    string,
    { chair?: string; viceChair?: string; assumed?: string; source?: string; meeting?: string; pledgeSigned?: { date: string; place: string } }
  >;
}

export interface ReferenceIllustrativeGroup {
  organizer: string;
  illustrative: true;
  clusters: Array<{ name: string; chair2014: string; members: string[] }>;
}

export function isIllustrativeGroup(c: ReferenceCluster | ReferenceIllustrativeGroup): c is ReferenceIllustrativeGroup {
  return 'illustrative' in c && c.illustrative === true;
}

export function loadReferenceData(): ReferenceData {
  return JSON.parse(readFileSync(join(__dirname, 'reference.json'), 'utf8')) as ReferenceData;
}

/** The five centrally-run cities take "thành phố" in unit names; the rest "tỉnh". */
const CITIES = new Set(['Hà Nội', 'Hồ Chí Minh', 'Hải Phòng', 'Đà Nẵng', 'Cần Thơ']);

/** Unit names are data, never derived blindly: Bạc Liêu's member is not a Sở TTTT (reference.json). */
const SPECIAL_MEMBERS: Record<string, { code: string; name: string; shortName: string }> = {
  'Bạc Liêu': {
    code: 'SVHTTTTDL-BACLIEU',
    name: 'Sở Văn hóa, Thông tin, Thể thao và Du lịch tỉnh Bạc Liêu',
    shortName: 'Sở VHTTTTDL Bạc Liêu',
  },
};

export function provinceCode(province: string): string {
  return province
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '');
}

/** The member unit of the Ministry's clusters for a province. */
export function ministryMemberUnit(province: string): { code: string; name: string; shortName: string } {
  const special = SPECIAL_MEMBERS[province];
  if (special) return special;
  const level = CITIES.has(province) ? 'thành phố' : 'tỉnh';
  return {
    code: `STTTT-${provinceCode(province)}`,
    name: `Sở Thông tin và Truyền thông ${level} ${province}`,
    shortName: `Sở TTTT ${province}`,
  };
}

/** Nghệ An district members: each district's Phòng Văn hóa và Thông tin (seed 004). */
const NGHE_AN_TOWNS: Record<string, string> = { Vinh: 'thành phố', 'Cửa Lò': 'thị xã', 'Hoàng Mai': 'thị xã', 'Thái Hòa': 'thị xã' };

export function ngheAnDistrictUnit(district: string): { code: string; name: string; shortName: string } {
  const level = NGHE_AN_TOWNS[district] ?? 'huyện';
  return {
    code: `PVHTT-NA-${provinceCode(district)}`,
    name: `Phòng Văn hóa và Thông tin ${level} ${district}`,
    shortName: `Phòng VH&TT ${district}`,
  };
}
