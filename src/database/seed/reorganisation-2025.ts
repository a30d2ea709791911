/**
 * The 2025 reorganisation as data (docs/research/reorganisation-2025-research.json and
 * reorganisation-citations-session8.json hold the sources and quotes):
 * - from 01/03/2025 each province's Sở Thông tin và Truyền thông is part of its Sở Khoa học và Công nghệ;
 * - from 01/07/2025 the provinces merged by Nghị quyết 202/2025/QH15 work as one: the merged province's Sở Khoa học
 *   và Công nghệ is a new unit succeeding the departments of its constituent provinces;
 * - from 01/07/2025 the district level ends (Nghệ An's district clusters close).
 */
import { ministryMemberUnit, provinceCode } from './reference-data';

export const DEPARTMENT_MERGER_FROM = '2025-03-01';
export const PROVINCE_MERGER_FROM = '2025-07-01';
export const DISTRICT_LEVEL_END = '2025-06-30';
/** Bạc Liêu's Sở Thông tin và Truyền thông, split from its Sở VHTTTTDL (news of March 2023). */
export const BAC_LIEU_SPLIT_FROM = '2023-03-15';

/** The legal basis of each step, as cited on the unit (exact number, date, issuer, title, article). */
export const BASIS = {
  department:
    'Nghị định số 45/2025/NĐ-CP ngày 28 tháng 02 năm 2025 của Chính phủ quy định tổ chức các cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh, thành phố trực thuộc Trung ương và Ủy ban nhân dân huyện, quận, thị xã, thành phố thuộc tỉnh, thành phố thuộc thành phố trực thuộc Trung ương',
  departmentNote:
    'Việc hợp nhất Sở Thông tin và Truyền thông vào Sở Khoa học và Công nghệ của từng tỉnh theo quyết định của Ủy ban nhân dân tỉnh (số, ngày chưa được ghi nhận); ngày 01/03/2025 theo tin của các Sở sau hợp nhất. Điều khoản của Nghị định 45/2025/NĐ-CP liệt kê Sở Khoa học và Công nghệ chưa đọc nguyên văn.',
  province: (clause: number) =>
    `Nghị quyết số 202/2025/QH15 ngày 12 tháng 6 năm 2025 của Quốc hội về việc sắp xếp đơn vị hành chính cấp tỉnh, Điều 1 khoản ${clause}; chính quyền địa phương của tỉnh, thành phố sau sắp xếp chính thức hoạt động từ ngày 01 tháng 7 năm 2025 (Điều 2)`,
  provinceNote:
    'Sở Khoa học và Công nghệ của tỉnh, thành phố sau sắp xếp do Ủy ban nhân dân tỉnh, thành phố mới thành lập (quyết định chưa được ghi nhận); ghi nhận là đơn vị mới kế thừa các sở của các tỉnh hợp nhất từ ngày 01/07/2025. Số khoản của Điều 1 theo thứ tự các khoản trong bản đăng lại của Nghị quyết (nguồn thứ cấp).',
  district:
    'Nghị quyết số 203/2025/QH15 ngày 16 tháng 6 năm 2025 của Quốc hội sửa đổi, bổ sung một số điều của Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam, Điều 2 khoản 2 (kết thúc hoạt động của đơn vị hành chính cấp huyện trong cả nước từ ngày 01 tháng 7 năm 2025)',
  ministry:
    'Nghị quyết số 176/2025/QH15 ngày 18 tháng 02 năm 2025 của Quốc hội về cơ cấu tổ chức của Chính phủ nhiệm kỳ Quốc hội khóa XV, Điều 1 và Điều 2 (cơ cấu Chính phủ gồm Bộ Khoa học và Công nghệ, không còn Bộ Thông tin và Truyền thông, từ ngày 01 tháng 3 năm 2025); Nghị định số 55/2025/NĐ-CP ngày 02 tháng 3 năm 2025 của Chính phủ quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Bộ Khoa học và Công nghệ',
  /** Bạc Liêu's member before 2023 (reference.json) was split on 15/03/2023. */
  bacLieuSplit:
    'Quyết định của Ủy ban nhân dân tỉnh Bạc Liêu tách Sở Văn hóa, Thông tin, Thể thao và Du lịch thành Sở Văn hóa, Thể thao và Du lịch và Sở Thông tin và Truyền thông từ ngày 15/03/2023 (số, ngày quyết định chưa được ghi nhận)',
  bacLieuNote:
    'Theo tin báo chí tháng 3/2023 (Vietnamnet, Sài Gòn Giải Phóng). Giả định: Sở Thông tin và Truyền thông tỉnh Bạc Liêu thay đơn vị cũ trong cụm thi đua của ngành từ năm 2023; Sở Văn hóa, Thể thao và Du lịch tiếp tục hoạt động ngoài ngành.',
} as const;

/** The 23 provinces formed by merger (Nghị quyết 202/2025/QH15 Điều 1 khoản 1–23): name kept, constituents. */
export const MERGED_PROVINCES: Array<{ clause: number; name: string; city: boolean; constituents: string[] }> = [
  { clause: 1, name: 'Tuyên Quang', city: false, constituents: ['Hà Giang', 'Tuyên Quang'] },
  { clause: 2, name: 'Lào Cai', city: false, constituents: ['Lào Cai', 'Yên Bái'] },
  { clause: 3, name: 'Thái Nguyên', city: false, constituents: ['Bắc Kạn', 'Thái Nguyên'] },
  { clause: 4, name: 'Phú Thọ', city: false, constituents: ['Vĩnh Phúc', 'Phú Thọ', 'Hòa Bình'] },
  { clause: 5, name: 'Bắc Ninh', city: false, constituents: ['Bắc Giang', 'Bắc Ninh'] },
  { clause: 6, name: 'Hưng Yên', city: false, constituents: ['Thái Bình', 'Hưng Yên'] },
  { clause: 7, name: 'Hải Phòng', city: true, constituents: ['Hải Dương', 'Hải Phòng'] },
  { clause: 8, name: 'Ninh Bình', city: false, constituents: ['Hà Nam', 'Nam Định', 'Ninh Bình'] },
  { clause: 9, name: 'Quảng Trị', city: false, constituents: ['Quảng Bình', 'Quảng Trị'] },
  { clause: 10, name: 'Đà Nẵng', city: true, constituents: ['Quảng Nam', 'Đà Nẵng'] },
  { clause: 11, name: 'Quảng Ngãi', city: false, constituents: ['Kon Tum', 'Quảng Ngãi'] },
  { clause: 12, name: 'Gia Lai', city: false, constituents: ['Gia Lai', 'Bình Định'] },
  { clause: 13, name: 'Khánh Hòa', city: false, constituents: ['Ninh Thuận', 'Khánh Hòa'] },
  { clause: 14, name: 'Lâm Đồng', city: false, constituents: ['Đắk Nông', 'Bình Thuận', 'Lâm Đồng'] },
  { clause: 15, name: 'Đắk Lắk', city: false, constituents: ['Đắk Lắk', 'Phú Yên'] },
  { clause: 16, name: 'Hồ Chí Minh', city: true, constituents: ['Bà Rịa - Vũng Tàu', 'Bình Dương', 'Hồ Chí Minh'] },
  { clause: 17, name: 'Đồng Nai', city: false, constituents: ['Đồng Nai', 'Bình Phước'] },
  { clause: 18, name: 'Tây Ninh', city: false, constituents: ['Long An', 'Tây Ninh'] },
  { clause: 19, name: 'Cần Thơ', city: true, constituents: ['Cần Thơ', 'Sóc Trăng', 'Hậu Giang'] },
  { clause: 20, name: 'Vĩnh Long', city: false, constituents: ['Bến Tre', 'Vĩnh Long', 'Trà Vinh'] },
  { clause: 21, name: 'Đồng Tháp', city: false, constituents: ['Tiền Giang', 'Đồng Tháp'] },
  { clause: 22, name: 'Cà Mau', city: false, constituents: ['Bạc Liêu', 'Cà Mau'] },
  { clause: 23, name: 'An Giang', city: false, constituents: ['An Giang', 'Kiên Giang'] },
];

/** The 11 provincial units not rearranged (Điều 1 khoản 24). */
export const UNCHANGED_PROVINCES: Array<{ name: string; city: boolean }> = [
  { name: 'Hà Nội', city: true },
  { name: 'Huế', city: true },
  { name: 'Lai Châu', city: false },
  { name: 'Điện Biên', city: false },
  { name: 'Sơn La', city: false },
  { name: 'Lạng Sơn', city: false },
  { name: 'Quảng Ninh', city: false },
  { name: 'Thanh Hóa', city: false },
  { name: 'Nghệ An', city: false },
  { name: 'Hà Tĩnh', city: false },
  { name: 'Cao Bằng', city: false },
];

/** Cities before 01/07/2025 (Huế became one on 01/01/2025; it is not among the seeded members). */
const CITIES_BEFORE = new Set(['Hà Nội', 'Hồ Chí Minh', 'Hải Phòng', 'Đà Nẵng', 'Cần Thơ', 'Huế']);

export interface SuccessorUnitSpec {
  code: string;
  name: string;
  shortName: string;
  province: string;
  activeFrom: string;
  activeTo: string | null;
  successorCode: string | null;
  successionBasis: string | null;
  note: string | null;
}

const level = (province: string, city: boolean) => (city ? 'thành phố' : 'tỉnh');

/** The Sở KH&CN of a province after 01/07/2025 (or of an unchanged province from 01/03/2025). */
export function currentDepartment(province: string): { code: string; name: string; shortName: string } {
  const merged = MERGED_PROVINCES.find((p) => p.name === province);
  const city = merged ? merged.city : (UNCHANGED_PROVINCES.find((p) => p.name === province)?.city ?? false);
  return {
    code: `SKHCN-${provinceCode(province)}`,
    name: `Sở Khoa học và Công nghệ ${level(province, city)} ${province}`,
    shortName: `Sở KH&CN ${province}`,
  };
}

/** The province a pre-2025 province belongs to from 01/07/2025, with the clause (null: unchanged). */
export function newProvinceOf(province: string): { name: string; clause: number | null } {
  const merged = MERGED_PROVINCES.find((p) => p.constituents.includes(province));
  if (merged) return { name: merged.name, clause: merged.clause };
  if (UNCHANGED_PROVINCES.some((p) => p.name === province)) return { name: province, clause: null };
  throw new Error(`Tỉnh không có trong Nghị quyết 202/2025/QH15: ${province}`);
}

/**
 * The successor chain of one seeded member (the Sở TTTT of `province`, or the unit that stood for it): the units
 * to create, in order of succession, and how the seeded member itself ends.
 */
export function successionOf(province: string, memberCode?: string): { memberEnd: { activeTo: string; successorCode: string; basis: string; note: string | null }; units: SuccessorUnitSpec[] } {
  const target = newProvinceOf(province);
  const current = currentDepartment(target.name);
  const member = memberCode ? { code: memberCode } : ministryMemberUnit(province);
  if (!member.code.startsWith('STTTT-')) {
    // Bạc Liêu: the Sở VHTTTTDL gave way to a Sở TTTT in 2023, which then followed the others.
    const rest = successionOf(province, `STTTT-${provinceCode(province)}`);
    const department: SuccessorUnitSpec = {
      code: `STTTT-${provinceCode(province)}`,
      name: `Sở Thông tin và Truyền thông tỉnh ${province}`,
      shortName: `Sở TTTT ${province}`,
      province,
      activeFrom: BAC_LIEU_SPLIT_FROM,
      activeTo: rest.memberEnd.activeTo,
      successorCode: rest.memberEnd.successorCode,
      successionBasis: rest.memberEnd.basis,
      note: rest.memberEnd.note,
    };
    return {
      memberEnd: { activeTo: '2023-03-14', successorCode: department.code, basis: BASIS.bacLieuSplit, note: BASIS.bacLieuNote },
      units: [department, ...rest.units],
    };
  }
  const memberNote = BASIS.departmentNote;
  if (target.clause === null) {
    // The province stays: its Sở KH&CN (after the merger of 01/03/2025) is today's unit.
    return {
      memberEnd: { activeTo: '2025-02-28', successorCode: current.code, basis: BASIS.department, note: memberNote },
      units: [{ ...current, province, activeFrom: DEPARTMENT_MERGER_FROM, activeTo: null, successorCode: null, successionBasis: null, note: null }],
    };
  }
  const cityBefore = CITIES_BEFORE.has(province);
  const interim: SuccessorUnitSpec = {
    code: `SKHCN63-${provinceCode(province)}`,
    name: `Sở Khoa học và Công nghệ ${level(province, cityBefore)} ${province}`,
    shortName: province === target.name ? `Sở KH&CN ${province} (trước 01/07/2025)` : `Sở KH&CN ${province}`,
    province,
    activeFrom: DEPARTMENT_MERGER_FROM,
    activeTo: '2025-06-30',
    successorCode: current.code,
    successionBasis: BASIS.province(target.clause),
    note: BASIS.provinceNote,
  };
  return {
    memberEnd: { activeTo: '2025-02-28', successorCode: interim.code, basis: BASIS.department, note: memberNote },
    units: [interim, { ...current, province: target.name, activeFrom: PROVINCE_MERGER_FROM, activeTo: null, successorCode: null, successionBasis: null, note: null }],
  };
}
