import { DecisionDraftData } from '../../src/documents/pdf/decision.pdf';
import { DossierDocumentData } from '../../src/documents/pdf/dossier.pdf';
import { MinutesDocumentData } from '../../src/documents/pdf/minutes.pdf';
import { PledgeDocumentData } from '../../src/documents/pdf/pledge.pdf';
import { ScoreboardDocumentData } from '../../src/documents/pdf/scoreboard.pdf';

/**
 * Realistic data for every kind of issued PDF, for the layout tests: long Vietnamese unit names, a
 * scoreboard of about fifty units, a pledge with many signatories.
 */
const PROVINCES = [
  // The same province spelt both ways: with a spaced dash, and hyphenated (one word that must never be cut).
  'Bà Rịa – Vũng Tàu', 'Bà Rịa-Vũng Tàu', 'Thừa Thiên Huế', 'Gia Lai', 'Phú Yên', 'Đắk Lắk', 'Lâm Đồng', 'Kon Tum', 'Đắk Nông', 'Khánh Hòa', 'Ninh Thuận',
  'Bình Thuận', 'Quảng Nam', 'Quảng Ngãi', 'Bình Định', 'Quảng Trị', 'Quảng Bình', 'Hà Tĩnh', 'Nghệ An', 'Thanh Hóa', 'Ninh Bình',
  'Nam Định', 'Thái Bình', 'Hà Nam', 'Hưng Yên', 'Hải Dương', 'Bắc Ninh', 'Bắc Giang', 'Lạng Sơn', 'Cao Bằng', 'Hà Giang',
  'Tuyên Quang', 'Lào Cai', 'Yên Bái', 'Điện Biên', 'Lai Châu', 'Sơn La', 'Hòa Bình', 'Phú Thọ', 'Vĩnh Phúc', 'Thái Nguyên',
  'Bắc Kạn', 'Quảng Ninh', 'Long An', 'Tiền Giang', 'Bến Tre', 'Trà Vinh', 'Vĩnh Long', 'Đồng Tháp', 'An Giang', 'Kiên Giang',
];

/** "Sở Khoa học và Công nghệ tỉnh Bà Rịa – Vũng Tàu", alternating with the older Sở TTTT names. */
export const unitName = (i: number) =>
  i % 2 === 0 ? `Sở Khoa học và Công nghệ tỉnh ${PROVINCES[i % PROVINCES.length]}` : `Sở Thông tin và Truyền thông tỉnh ${PROVINCES[i % PROVINCES.length]}`;

export const UNIT_NAMES = PROVINCES.map((_, i) => unitName(i));

const ID = '00000000-0000-4000-8000-000000000042';
const VERIFY = `https://thidua.example.gov.vn/xac-thuc/${ID}`;
const LEGAL = [
  'Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022;',
  'Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng;',
  'Căn cứ Quy chế hoạt động của Cụm thi đua số 6 ban hành kèm theo Quyết định số 15/QĐ-CTĐ6 ngày 10 tháng 02 năm 2024,',
];

export function pledgeFixture(members = 12, draft = false): PledgeDocumentData {
  const criterion = (code: string, text: string, maxPoints: number, kind: 'SCORED' | 'BONUS' | 'PENALTY' = 'SCORED') => ({ code, text, maxPoints, kind, children: [] });
  return {
    documentId: ID,
    organizerName: 'Bộ Khoa học và Công nghệ',
    clusterName: 'Cụm thi đua số 6 các Sở Khoa học và Công nghệ khu vực Tây Nguyên và Nam Trung Bộ',
    documentNumber: '01/GƯ-CTĐ6',
    place: 'Đắk Lắk',
    date: '2025-03-06',
    title: 'Bản giao ước thi đua năm 2025',
    theme: 'Đoàn kết, sáng tạo, đẩy mạnh chuyển đổi số và phát triển khoa học, công nghệ',
    legalBases: LEGAL,
    purpose: 'Cụ thể hóa các phong trào thi đua yêu nước của các đơn vị thành viên, góp phần hoàn thành thắng lợi nhiệm vụ chính trị năm 2025.\nCác đơn vị thống nhất ký kết giao ước thi đua với các nội dung sau.',
    implementation: 'Các đơn vị thành viên xây dựng kế hoạch, tổ chức thực hiện và báo cáo kết quả về đơn vị Cụm trưởng trước ngày 10 tháng 12 năm 2025.\nBản giao ước có hiệu lực kể từ ngày ký.',
    criteria: [
      criterion('TC1', 'Thực hiện tốt công tác tham mưu cho Ủy ban nhân dân tỉnh về quản lý nhà nước trong lĩnh vực khoa học, công nghệ và đổi mới sáng tạo', 15),
      criterion('TC2', 'Đẩy mạnh chuyển đổi số, xây dựng chính quyền số, kinh tế số và xã hội số tại địa phương', 15),
      criterion('TC3', 'Quản lý tốt hoạt động báo chí, xuất bản, thông tin cơ sở và thông tin đối ngoại', 10),
      criterion('TC4', 'Bảo đảm an toàn, an ninh thông tin mạng cho các hệ thống thông tin của cơ quan nhà nước', 10),
      criterion('TC5', 'Thực hiện cải cách hành chính, nâng cao chỉ số hài lòng của người dân, doanh nghiệp', 10),
      criterion('TC6', 'Tổ chức tốt các phong trào thi đua, công tác khen thưởng và nhân rộng điển hình tiên tiến', 10),
      criterion('TC7', 'Xây dựng tổ chức đảng, đoàn thể trong sạch, vững mạnh', 10),
      criterion('TC8', 'Thực hành tiết kiệm, chống lãng phí; phòng, chống tham nhũng, tiêu cực', 10),
      criterion('TC9', 'Tham gia đầy đủ, có chất lượng các hoạt động của cụm thi đua', 10),
      criterion('B1', 'Đơn vị được tặng Cờ thi đua của Chính phủ hoặc Bằng khen của Thủ tướng Chính phủ', 5, 'BONUS'),
      criterion('P1', 'Đơn vị có cán bộ vi phạm pháp luật bị xử lý kỷ luật', 5, 'PENALTY'),
    ],
    totalPoints: 100,
    signatories: Array.from({ length: members }, (_, k) => ({
      unitName: unitName(k),
      mark: k === 0 ? 'Cụm trưởng' : k === 1 ? 'Cụm phó' : null,
      title: k === 2 ? 'KT. Giám đốc / Phó Giám đốc' : 'Giám đốc',
      status: draft && k > 3 ? '(Chưa ký)' : 'Đã ký lúc 09:15 ngày 06/03/2025',
      signer: draft && k > 3 ? '' : `Nguyễn Thị Minh ${String.fromCharCode(65 + (k % 26))}`,
    })),
    draft,
    verifyUrl: VERIFY,
  };
}

export function minutesFixture(): MinutesDocumentData {
  const units = UNIT_NAMES.slice(0, 8);
  return {
    documentId: ID,
    verifyUrl: VERIFY,
    organizerName: 'Bộ Khoa học và Công nghệ',
    clusterName: 'Cụm thi đua số 6',
    number: '01/BB-CTĐ6',
    year: 2024,
    heldOn: '2025-03-06',
    place: 'Đắk Lắk',
    chairedBy: 'Nguyễn Văn Hùng',
    minutesBy: 'Trần Thị Thu Hà',
    ruleBasis: 'Quy chế hoạt động của Cụm thi đua số 6 (ban hành kèm theo Biên bản hội nghị ngày 06/3/2020)',
    attendance: units.map((u, i) => ({ unitName: u, statusLabel: i === 5 ? 'Vắng, có ý kiến bằng văn bản' : 'Có mặt', representative: i === 5 ? null : `Lê Văn Tâm ${i + 1}` })),
    memberCount: units.length,
    ranking: units.map((u, i) => ({ rank: i + 1, unitName: u, total: 99 - i * 1.5, band: i < 4 ? 'Hoàn thành xuất sắc nhiệm vụ' : 'Hoàn thành tốt nhiệm vụ' })),
    ballots: [
      { awardLabel: 'Cờ thi đua của Bộ', quota: 2, requiredText: 'từ 80% trở lên', rows: units.slice(0, 3).map((u, i) => ({ unitName: u, votesFor: 8 - i, ratioText: `${((8 - i) / 8 * 100).toFixed(2).replace('.', ',')}%`, passed: i < 2, eligible: true, selected: i < 2 })), tied: [] },
      { awardLabel: 'Bằng khen của Bộ trưởng', quota: 2, requiredText: 'trên 50%', rows: units.slice(2, 5).map((u, i) => ({ unitName: u, votesFor: 6 - i, ratioText: `${((6 - i) / 8 * 100).toFixed(2).replace('.', ',')}%`, passed: true, eligible: true, selected: i < 2 })), tied: [] },
    ],
    nextLeadership: { year: 2025, chair: units[3], viceChair: units[4] },
    conclusions: null,
  };
}

export function dossierFixture(): DossierDocumentData {
  const units = UNIT_NAMES.slice(0, 4);
  return {
    documentId: ID,
    verifyUrl: VERIFY,
    organizerName: 'Bộ Khoa học và Công nghệ',
    clusterName: 'Cụm thi đua số 6',
    number: '01/TTr-CTĐ6',
    place: 'Bà Rịa – Vũng Tàu',
    date: '2025-03-10',
    year: 2024,
    addressee: 'Bộ trưởng Bộ Khoa học và Công nghệ',
    legalBases: LEGAL,
    byAward: [
      { awardLabel: 'Cờ thi đua của Bộ', units: units.slice(0, 2) },
      { awardLabel: 'Bằng khen của Bộ trưởng', units: units.slice(2, 4) },
    ],
    units: units.map((u, i) => ({ unitName: u, awardLabel: i < 2 ? 'Cờ thi đua của Bộ' : 'Bằng khen của Bộ trưởng', votesText: `${8 - i} (${(((8 - i) / 8) * 100).toFixed(2).replace('.', ',')}%)`, rank: i + 1, basis: 'Dẫn đầu cụm thi đua, được hội nghị bình xét suy tôn' })),
    signerAuthority: 'TM. Cụm thi đua số 6',
    signerTitle: 'Cụm trưởng',
    signerUnit: units[0],
    signerName: '',
    standingBody: 'Vụ Tổ chức cán bộ',
    reportsAttached: true,
  };
}

export function decisionFixture(): DecisionDraftData {
  return {
    documentId: ID,
    verifyUrl: VERIFY,
    ministryName: 'Bộ Khoa học và Công nghệ',
    ministryCode: 'BKHCN',
    place: 'Hà Nội',
    date: null,
    year: 2024,
    standingBody: 'Vụ Tổ chức cán bộ',
    legalBases: LEGAL.slice(0, 2),
    awards: [
      { awardLabel: 'Cờ thi đua của Bộ', citation: 'đã có thành tích xuất sắc dẫn đầu phong trào thi đua', rewardText: '1,53 lần mức lương cơ sở (3.580.200 đồng/tập thể)', units: UNIT_NAMES.slice(0, 6).map((u) => ({ unitName: u, clusterName: 'Cụm thi đua số 6' })) },
      { awardLabel: 'Bằng khen của Bộ trưởng', citation: 'đã có thành tích xuất sắc trong phong trào thi đua', rewardText: '1,0 lần mức lương cơ sở (2.340.000 đồng/tập thể)', units: UNIT_NAMES.slice(6, 12).map((u) => ({ unitName: u, clusterName: 'Cụm thi đua số 6' })) },
    ],
  };
}

export function scoreboardFixture(units = 50, published = true, criteriaCount = 9): ScoreboardDocumentData {
  const criteria = Array.from({ length: criteriaCount }, (_, i) => ({ code: `TC${i + 1}`, maxPoints: i < 2 ? 15 : 10 }));
  return {
    documentId: ID,
    verifyUrl: VERIFY,
    organizerName: 'Bộ Khoa học và Công nghệ',
    clusterName: 'Cụm thi đua số 6',
    year: 2024,
    place: 'Đắk Lắk',
    date: '2025-03-06',
    ruleLabel: 'trung bình các phiếu chấm chéo, bỏ phiếu cao nhất và thấp nhất',
    criteria,
    rows: Array.from({ length: units }, (_, i) => ({
      rank: i + 1,
      tie: i === 7,
      unitName: UNIT_NAMES[i % UNIT_NAMES.length],
      finalPoints: criteria.map((c) => c.maxPoints - (i % 3) * 0.5),
      total: 99.5 - i * 0.5,
      band: i < 20 ? 'Hoàn thành xuất sắc nhiệm vụ' : 'Hoàn thành tốt nhiệm vụ',
    })),
    notes: ['(*) Đồng hạng: cần bỏ phiếu hoặc Cụm trưởng quyết định.'],
    chairUnitName: UNIT_NAMES[0],
    published,
  };
}
