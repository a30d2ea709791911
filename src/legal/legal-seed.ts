/**
 * The legal catalogue as first loaded (administrators edit it afterwards, with the audit trail). Every row has its
 * source, or an assumption with the reason; docs/research/legal-catalogue.md holds the quotes. Citations are the
 * exact "Căn cứ …;" lines as the texts themselves are cited by later official documents.
 */
import type { LegalText, LegalValue } from './legal.entities';

type TextSeed = Omit<LegalText, 'id' | 'version' | 'createdAt' | 'updatedAt'>;
type ValueSeed = Omit<LegalValue, 'id' | 'version' | 'createdAt' | 'updatedAt' | 'strictlyAbove' | 'quorum' | 'label'> & Partial<Pick<LegalValue, 'strictlyAbove' | 'quorum' | 'label'>>;

const URL_98 = 'https://hethongphapluat.com/nghi-dinh-98-2023-nd-cp-huong-dan-luat-thi-dua-khen-thuong/dieu-114';
const URL_25 = 'https://thuviennhadat.vn/vbpl/thong-tu-25-2025-tt-bkhcn-huong-dan-luat-thi-dua-khen-thuong-doi-voi-nganh-khoa-hoc-cong-nghe-680117.html';

export const LEGAL_TEXTS: TextSeed[] = [
  {
    code: 'LUAT-15-2003', kind: 'Luật', role: 'LAW', sector: null, number: '15/2003/QH11', signedOn: '2003-11-26', issuer: 'Quốc hội',
    title: 'Luật Thi đua, khen thưởng (sửa đổi, bổ sung năm 2005 và năm 2013)', effectiveFrom: '2004-07-01', effectiveTo: '2023-12-31',
    citation: 'Căn cứ Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003; Luật sửa đổi, bổ sung một số điều của Luật Thi đua, khen thưởng ngày 14 tháng 6 năm 2005 và ngày 16 tháng 11 năm 2013;',
    sourceUrl: 'https://thuviennhadat.vn/vbpl/van-ban-hop-nhat-16-vbhn-vpqh-nam-2013-hop-nhat-luat-thi-dua-khen-thuong-219918.html',
    sourceArticle: 'Văn bản hợp nhất 16/VBHN-VPQH, phần dẫn nhập; hết hiệu lực theo Luật 06/2022/QH15 Điều 94 khoản 2', assumption: null,
  },
  {
    code: 'LUAT-06-2022', kind: 'Luật', role: 'LAW', sector: null, number: '06/2022/QH15', signedOn: '2022-06-15', issuer: 'Quốc hội',
    title: 'Luật Thi đua, khen thưởng', effectiveFrom: '2024-01-01', effectiveTo: null,
    citation: 'Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022;',
    sourceUrl: 'https://vi.wikisource.org/wiki/Lu%E1%BA%ADt_Thi_%C4%91ua,_khen_th%C6%B0%E1%BB%9Fng_n%C6%B0%E1%BB%9Bc_C%E1%BB%99ng_h%C3%B2a_x%C3%A3_h%E1%BB%99i_ch%E1%BB%A7_ngh%C4%A9a_Vi%E1%BB%87t_Nam_2022/Ch%C6%B0%C6%A1ng_VIII',
    sourceArticle: 'Điều 94 khoản 1', assumption: null,
  },
  {
    code: 'LUAT-06-2026', kind: 'Luật', role: 'LAW', sector: null, number: '06/2026/QH16', signedOn: '2026-04-23', issuer: 'Quốc hội',
    title: 'Luật sửa đổi, bổ sung một số điều của Luật Thi đua, khen thưởng', effectiveFrom: '2026-10-01', effectiveTo: null, citation: null,
    sourceUrl: 'https://vanban.chinhphu.vn/?classid=1&docid=218100&pageid=27160&typegroupid=3', sourceArticle: null,
    assumption:
      'Số, tên, ngày 23/04/2026 và ngày hiệu lực 01/10/2026 chỉ đọc qua hai nguồn thứ cấp (danh mục nguồn của một dự án sinh viên công khai, dẫn bản ký số trên Cổng Thông tin điện tử Chính phủ; một trang tóm tắt văn bản do AI duy trì, theo bài của luatvietnam.vn về Nghị quyết 31/2026/QH16), chưa đọc nguyên văn luật, chưa biết điều nào quy định hiệu lực: chưa trích dẫn trong văn bản và chưa áp dụng nội dung sửa đổi (hồ sơ, Hội đồng, chuyển tiếp) cho đến khi quản trị viên đối chiếu bản chính thức và ghi câu trích dẫn.',
  },
  {
    code: 'ND-91-2017', kind: 'Nghị định', role: 'DECREE', sector: null, number: '91/2017/NĐ-CP', signedOn: '2017-07-31', issuer: 'Chính phủ',
    title: 'Quy định chi tiết thi hành một số điều của Luật thi đua, khen thưởng', effectiveFrom: '2017-10-01', effectiveTo: '2023-12-31',
    citation: 'Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017 của Chính phủ quy định chi tiết thi hành một số điều của Luật thi đua, khen thưởng;',
    sourceUrl: 'https://phapluatcongdong.vn/van-ban/quyet-dinh-31-2020-qd-ubnd-ban-hanh-tinh-phu-yen-nam-2020-p43558.htm', sourceArticle: 'Căn cứ của Quyết định 31/2020/QĐ-UBND tỉnh Phú Yên',
    assumption: 'Ngày hết hiệu lực 31/12/2023 suy ra: Luật 2003 hết hiệu lực từ 01/01/2024 (Luật 06/2022/QH15 Điều 94) và Nghị định 98/2023/NĐ-CP có hiệu lực cùng ngày; điều bãi bỏ chưa đọc nguyên văn.',
  },
  {
    code: 'ND-98-2023', kind: 'Nghị định', role: 'DECREE', sector: null, number: '98/2023/NĐ-CP', signedOn: '2023-12-31', issuer: 'Chính phủ',
    title: 'Quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng', effectiveFrom: '2024-01-01', effectiveTo: '2025-06-30',
    citation: 'Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng;',
    sourceUrl: URL_98, sourceArticle: 'Đầu văn bản và thuộc tính (ngày hiệu lực 01/01/2024)',
    assumption: 'Ngày hết hiệu lực 30/06/2025: Nghị định 152/2025/NĐ-CP Điều 59 khoản 2 ("Nghị định số 98/2023/NĐ-CP … hết hiệu lực kể từ ngày Nghị định này có hiệu lực thi hành", tức 01/07/2025), chỉ đọc qua bản trích của một trang tin pháp luật, chưa đọc bản chính thức.',
  },
  {
    code: 'ND-152-2025', kind: 'Nghị định', role: 'DECREE', sector: null, number: '152/2025/NĐ-CP', signedOn: '2025-06-14', issuer: 'Chính phủ',
    title: 'Quy định về phân cấp, phân quyền trong lĩnh vực thi đua, khen thưởng; quy định chi tiết và hướng dẫn thi hành một số điều của Luật Thi đua, khen thưởng',
    effectiveFrom: '2025-07-01', effectiveTo: null,
    citation: 'Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định về phân cấp, phân quyền trong lĩnh vực thi đua, khen thưởng; quy định chi tiết và hướng dẫn thi hành một số điều của Luật Thi đua, khen thưởng;',
    sourceUrl: URL_25, sourceArticle: 'Căn cứ của Thông tư 25/2025/TT-BKHCN',
    assumption: 'Điều 59 khoản 1 ("Nghị định này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2025") chỉ đọc qua bản trích nguyên văn của một trang tin pháp luật (bản sao trong kho mã nguồn công khai tnt305/tai_lieu_noi_bo), chưa đọc bản chính thức.',
  },
  {
    code: 'TT-09-2018-BTTTT', kind: 'Thông tư', role: 'CIRCULAR', sector: 'BTTTT', number: '09/2018/TT-BTTTT', signedOn: '2018-06-29', issuer: 'Bộ Thông tin và Truyền thông',
    title: 'Hướng dẫn công tác thi đua, khen thưởng trong ngành Thông tin và Truyền thông', effectiveFrom: '2018-08-15', effectiveTo: '2023-09-30',
    citation: 'Căn cứ Thông tư số 09/2018/TT-BTTTT ngày 29 tháng 6 năm 2018 của Bộ trưởng Bộ Thông tin và Truyền thông hướng dẫn công tác thi đua, khen thưởng trong ngành Thông tin và Truyền thông;',
    sourceUrl: 'https://hethongphapluat.com/thong-tu-09-2018-tt-btttt-huong-dan-cong-tac-thi-dua-khen-thuong-trong-nganh-thong-tin-va-truyen-thong-do-bo-truong-bo-thong-tin-va-truyen-thong-ban-hanh/dieu-40',
    sourceArticle: 'Thuộc tính văn bản', assumption: 'Ngày hết hiệu lực chưa xác minh: Thông tư 11/2023/TT-BTTTT cùng tên (tin ngày 27/11/2023) có lẽ đã thay thế, rồi Thông tư 17/2024/TT-BTTTT; ngày ký và ngày hiệu lực của Thông tư 11/2023/TT-BTTTT chưa biết (tin sớm nhất tìm thấy đăng lại ngày 27/11/2023): giả định chỉ trích dẫn đến 30/09/2023; sau đó không trích dẫn thông tư ngành nào của Bộ Thông tin và Truyền thông cho đến khi xác minh được ngày hiệu lực của các thông tư thay thế.',
  },
  {
    code: 'TT-25-2025-BKHCN', kind: 'Thông tư', role: 'CIRCULAR', sector: 'BKHCN', number: '25/2025/TT-BKHCN', signedOn: '2025-10-31', issuer: 'Bộ Khoa học và Công nghệ',
    title: 'Quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng và Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ đối với ngành Khoa học và Công nghệ',
    effectiveFrom: '2026-01-01', effectiveTo: null,
    citation: 'Căn cứ Thông tư số 25/2025/TT-BKHCN ngày 31 tháng 10 năm 2025 của Bộ trưởng Bộ Khoa học và Công nghệ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng và Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ đối với ngành Khoa học và Công nghệ;',
    sourceUrl: URL_25, sourceArticle: 'Đầu văn bản',
    assumption: 'Ngày hiệu lực chưa đọc thấy: không sớm hơn 15/12/2025 (45 ngày sau ngày ký, thời hạn tối thiểu của văn bản quy phạm pháp luật trung ương); chỉ trích dẫn từ 01/01/2026.',
  },
  {
    code: 'TT-11-2023-BTTTT', kind: 'Thông tư', role: 'CIRCULAR', sector: 'BTTTT', number: '11/2023/TT-BTTTT', signedOn: '2023-09-30', issuer: 'Bộ Thông tin và Truyền thông',
    title: 'Hướng dẫn công tác thi đua, khen thưởng trong ngành Thông tin và Truyền thông', effectiveFrom: null, effectiveTo: null, citation: null,
    sourceUrl: 'https://stttt.dongnai.gov.vn/Pages/newsdetail.aspx?NewsId=7224&CatId=100', sourceArticle: 'Tin của Sở Thông tin và Truyền thông Đồng Nai (Vụ Tổ chức cán bộ là cơ quan thường trực Hội đồng Thi đua – Khen thưởng Bộ)',
    assumption: 'Chỉ đọc qua tin của Sở Thông tin và Truyền thông Đồng Nai (bản đăng lại ngày 27/11/2023) và tin "Thông báo văn bản mới" của Thư viện pháp luật (23/11/2023: "Ngày 30/9/2023, Bộ trưởng Bộ Thông tin và Truyền thông ban hành Thông tư 11/2023/TT-BTTTT …"); ngày hiệu lực, điều khoản và văn bản bị thay thế chưa đọc: không được trích dẫn cho đến khi được bổ sung.',
  },
  {
    code: 'TT-17-2024-BTTTT', kind: 'Thông tư', role: 'CIRCULAR', sector: 'BTTTT', number: '17/2024/TT-BTTTT', signedOn: null, issuer: 'Bộ Thông tin và Truyền thông',
    title: 'Thông tư về công tác thi đua, khen thưởng ngành Thông tin và Truyền thông', effectiveFrom: null, effectiveTo: null, citation: null,
    sourceUrl: 'http://118.69.201.250:801/phap-luat/danh-hieu-co-thi-dua-cua-bo-thong-tin-va-truyen-thong-duoc-tang-cho-tap-the-nao-trong-nganh-thong-t-199627.html',
    sourceArticle: 'Điều 6 khoản 1 (Cờ thi đua cho tập thể dẫn đầu cụm, khối thi đua do Bộ tổ chức)',
    assumption: 'Ngày ký, tên đầy đủ và ngày hiệu lực chưa tìm thấy: không được trích dẫn trong văn bản cho đến khi được bổ sung.',
  },
  // The ministry's directive on each year's emulation work: cited by that year's pledges ("Căn cứ Chỉ thị số …"),
  // catalogued from its signing to the end of the year it directs (docs/research/legal-catalogue.md §12).
  ...([
    ['67', '2019-12-27', 2020, 'https://hethongphapluat.com/chi-thi-67-ct-btttt-nam-2019-ve-cong-tac-thi-dua-khen-thuong-nam-2020-do-bo-thong-tin-va-truyen-thong-ban-hanh.html', 'Bản toàn văn trên hethongphapluat.com (số, ngày, tên)', null],
    ['103', '2021-12-13', 2022, 'https://thuvienphapluat.vn/van-ban/Bo-may-hanh-chinh/Chi-thi-103-CT-BTTTT-2021-thi-dua-khen-thuong-nganh-thong-tin-2022-497443.aspx', 'Bản toàn văn trên thuvienphapluat.vn (số, ngày, tên)', null],
    ['03', '2022-12-16', 2023, 'https://sotttt.ninhthuan.gov.vn/portal/pages/print.aspx?p=33305', 'Tin của Sở Thông tin và Truyền thông Ninh Thuận', 'Số, ngày và tên chỉ đọc trong tin của Sở Thông tin và Truyền thông Ninh Thuận, chưa đọc bản chính thức.'],
  ] as const).map(([no, signed, year, sourceUrl, sourceArticle, assumption]): TextSeed => {
    const [y, m, d] = signed.split('-');
    return {
      code: `CT-${no}-${y}-BTTTT`, kind: 'Chỉ thị', role: 'DIRECTIVE', sector: 'BTTTT', number: `${no}/CT-BTTTT`, signedOn: signed, issuer: 'Bộ Thông tin và Truyền thông',
      title: `Về công tác thi đua, khen thưởng năm ${year}`, effectiveFrom: signed, effectiveTo: `${year}-12-31`,
      citation: `Căn cứ Chỉ thị số ${no}/CT-BTTTT ngày ${d} tháng ${m} năm ${y} của Bộ trưởng Bộ Thông tin và Truyền thông về công tác thi đua, khen thưởng năm ${year};`,
      sourceUrl, sourceArticle, assumption,
    };
  }),
  // The ministry's own organisation: cited by its decisions (its competence), not by the clusters' documents.
  {
    code: 'ND-17-2017', kind: 'Nghị định', role: 'ORGANISATION', sector: 'BTTTT', number: '17/2017/NĐ-CP', signedOn: '2017-02-17', issuer: 'Chính phủ',
    title: 'Quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Bộ Thông tin và Truyền thông', effectiveFrom: '2017-02-17', effectiveTo: '2022-07-25',
    citation: 'Căn cứ Nghị định số 17/2017/NĐ-CP ngày 17 tháng 02 năm 2017 của Chính phủ quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Bộ Thông tin và Truyền thông;',
    sourceUrl: 'https://lawnet.vn/thong-tin-phap-luat/en/chinh-sach-moi/organizational-structure-of-the-ministry-of-information-and-communications-of-vietnam-117321.html', sourceArticle: 'Tóm tắt của lawnet.vn (Điều 3: 28 đơn vị, có Vụ Thi đua – Khen thưởng)',
    assumption: 'Số, ngày ký đọc trong phần căn cứ của Thông tư 13/2020/TT-BTTTT; tên theo cách đặt tên chung của các nghị định về cơ cấu tổ chức của bộ (chưa đọc nguyên văn), ngày hiệu lực 17/02/2017 theo lawnet.vn. Hết hiệu lực từ 26/07/2022 (ngày ký Nghị định 48/2022/NĐ-CP) theo trang thuộc tính văn bản của vietjack.me ("Tình trạng: Hết hiệu lực 26/07/2022", https://vietjack.me/phap-luat/nghi-dinh-17-2017-nd-cp-5313.html), nguồn thứ cấp; khớp bài của cafef.vn ngày 28/7/2022 (Nghị định 48/2022/NĐ-CP "có hiệu lực thi hành ngay từ ngày 26-7-2022") và tin của cspl.mic.gov.vn ngày 10/8/2022 (Nghị định 48/2022/NĐ-CP thay thế Nghị định này); chưa đọc nguyên văn Điều về hiệu lực của Nghị định 48/2022/NĐ-CP, chưa đối chiếu Công báo.',
  },
  {
    code: 'ND-48-2022', kind: 'Nghị định', role: 'ORGANISATION', sector: 'BTTTT', number: '48/2022/NĐ-CP', signedOn: '2022-07-26', issuer: 'Chính phủ',
    title: 'Quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Bộ Thông tin và Truyền thông', effectiveFrom: '2022-07-26', effectiveTo: '2025-02-28',
    citation: 'Căn cứ Nghị định số 48/2022/NĐ-CP ngày 26 tháng 7 năm 2022 của Chính phủ quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Bộ Thông tin và Truyền thông;',
    sourceUrl: 'https://sotttt.thaibinh.gov.vn/tin-tuc/tin-tong-hop/thay-doi-co-cau-to-chuc-cua-bo-thong-tin-va-truyen-thong.html', sourceArticle: 'Tin của Sở Thông tin và Truyền thông Thái Bình (26 đơn vị, không còn Vụ Thi đua – Khen thưởng)',
    assumption: 'Điều về hiệu lực chưa đọc nguyên văn: từ ngày ký 26/7/2022 theo nguồn thứ cấp — bài của cafef.vn ngày 28/7/2022 ("… có hiệu lực thi hành ngay từ ngày 26-7-2022", https://cafef.vn/bo-thong-tin-va-truyen-thong-thanh-lap-3-don-vi-chuyen-ve-chuyen-doi-so-20220728090304404.chn), khớp trang thuộc tính Nghị định 17/2017/NĐ-CP của vietjack.me ("Hết hiệu lực 26/07/2022"); thay thế Nghị định 17/2017/NĐ-CP theo tin của cspl.mic.gov.vn ngày 10/8/2022; trước đây giả định 09/9/2022 (45 ngày sau ngày ký). Hết hiệu lực từ 01/3/2025, khi Nghị định 55/2025/NĐ-CP có hiệu lực và thay thế nó (câu thay thế đọc trong bài tóm tắt Nghị định 55/2025/NĐ-CP); Bộ Thông tin và Truyền thông kết thúc ngày 28/02/2025 (Nghị quyết 176/2025/QH15).',
  },
  {
    code: 'ND-55-2025', kind: 'Nghị định', role: 'ORGANISATION', sector: 'BKHCN', number: '55/2025/NĐ-CP', signedOn: '2025-03-02', issuer: 'Chính phủ',
    title: 'Quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Bộ Khoa học và Công nghệ', effectiveFrom: '2025-03-01', effectiveTo: null,
    citation: 'Căn cứ Nghị định số 55/2025/NĐ-CP ngày 02 tháng 3 năm 2025 của Chính phủ quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Bộ Khoa học và Công nghệ;',
    sourceUrl: 'https://dientuungdung.vn/co-cau-to-chuc-cua-bo-khoa-hoc-va-cong-nghe-sau-khi-hop-nhat-8176.html', sourceArticle: 'Bài báo về cơ cấu tổ chức Bộ Khoa học và Công nghệ sau hợp nhất',
    assumption: 'Nguồn là bài báo, chưa đọc nguyên văn nghị định; ngày hiệu lực 01/03/2025 theo bài báo.',
  },
];

const base = (code: string, from: string, to: string | null, amount: number, textRef: string, sourceUrl: string | null, assumption: string | null = null): ValueSeed => ({
  code, kind: 'BASE_SALARY', subject: '', effectiveFrom: from, effectiveTo: to, amount, textRef, article: null, sourceUrl, assumption,
});

const multiple = (code: string, award: string, from: string, to: string | null, tenths: number, textRef: string, article: string | null, sourceUrl: string | null, assumption: string | null = null): ValueSeed => ({
  code, kind: 'REWARD_MULTIPLE', subject: award, effectiveFrom: from, effectiveTo: to, amount: tenths, textRef, article, sourceUrl, assumption,
});

export const LEGAL_VALUES: ValueSeed[] = [
  base('LCS-2016-05', '2016-05-01', '2017-06-30', 1_210_000, 'Nghị định 47/2016/NĐ-CP', 'http://www.bhxhbqp.vn/bai-viet/danh-muc-luong-co-so-136'),
  base('LCS-2017-07', '2017-07-01', '2018-06-30', 1_300_000, 'Nghị định 47/2017/NĐ-CP', 'http://www.bhxhbqp.vn/bai-viet/danh-muc-luong-co-so-136'),
  base('LCS-2018-07', '2018-07-01', '2019-06-30', 1_390_000, 'Nghị định 72/2018/NĐ-CP', 'http://www.bhxhbqp.vn/bai-viet/danh-muc-luong-co-so-136'),
  base('LCS-2019-07', '2019-07-01', '2023-06-30', 1_490_000, 'Nghị định 38/2019/NĐ-CP', 'http://www.bhxhbqp.vn/bai-viet/danh-muc-luong-co-so-136'),
  base('LCS-2023-07', '2023-07-01', '2024-06-30', 1_800_000, 'Nghị định 24/2023/NĐ-CP', 'https://sonoivu.namdinh.gov.vn/hoat-dong-thi-dua-khen-thuong/muc-tien-thuong-cac-danh-hieu-thi-dua-hinh-thuc-khen-thuong-cua-luat-thi-dua-khen-thuong-theo-mu-298715'),
  base('LCS-2024-07', '2024-07-01', '2026-06-30', 2_340_000, 'Nghị định 73/2024/NĐ-CP', 'http://www.qpvn.vn/tin-video/tang-luong-co-so-them-dong-luc-cho-can-bo-cong-chuc.html'),
  // Nghị định 161/2026/NĐ-CP ngày 15/5/2026, Điều 3 khoản 2 and Điều 6 (in force 01/07/2026; 73/2024 ends): read in the
  // text of Công báo số 290 (29/05/2026) as published with its signature block (docs/research/legal-catalogue.md §9).
  base('LCS-2026-07', '2026-07-01', null, 2_530_000, 'Nghị định 161/2026/NĐ-CP', 'https://congbao.chinhphu.vn/van-ban/nghi-dinh-so-161-2026-nd-cp-469550.htm'),
  multiple('HS-CO-91-2017', 'EMULATION_FLAG', '2017-10-01', '2023-12-31', 80, 'Nghị định 91/2017/NĐ-CP', 'Điều 69 khoản 2 điểm đ', 'https://beta.thuvienphapluat.vn/phap-luat/tap-the-nhan-duoc-danh-hieu-co-thi-dua-cap-tinh-duoc-nhan-muc-tien-thuong-bao-nhieu-theo-quy-dinh-110579-97663.html'),
  multiple('HS-BK-91-2017', 'CERTIFICATE_OF_MERIT', '2017-10-01', '2023-12-31', 20, 'Nghị định 91/2017/NĐ-CP', 'Điều 73', 'https://plo.vn/nhan-bang-khen-cua-thu-tuong-duoc-thuong-4-5-trieu-dong-post456130.html',
    'Cá nhân 1,0 lần (Điều 73, có nguồn); tập thể gấp hai lần theo bài báo, khoản về tập thể chưa đọc nguyên văn: chưa in thành số tiền.'),
  multiple('HS-CO-98-2023', 'EMULATION_FLAG', '2024-01-01', '2025-06-30', 80, 'Nghị định 98/2023/NĐ-CP', 'Điều 54 khoản 2', 'https://phuongduc.thuathienhue.gov.vn/default.aspx?gd=4&cn=129&tc=51696'),
  multiple('HS-BK-98-2023', 'CERTIFICATE_OF_MERIT', '2024-01-01', '2025-06-30', 20, 'Nghị định 98/2023/NĐ-CP', null, null, 'Hệ số 2,0 cho tập thể (gấp hai cá nhân) chưa đọc nguyên văn trong Nghị định 98/2023/NĐ-CP; giữ như Nghị định 91/2017/NĐ-CP.'),
  // Điều 50 khoản 2 điểm e read verbatim in two copies of Thư viện pháp luật articles (docs/research/legal-catalogue.md §8).
  multiple('HS-CO-152-2025', 'EMULATION_FLAG', '2025-07-01', null, 80, 'Nghị định 152/2025/NĐ-CP', 'Điều 50 khoản 2 điểm e', 'https://github.com/tnt305/tai_lieu_noi_bo/blob/56eff108e1bc20bfb6b7a8ae794c034c18cf6d94/src/etl/dataset/593004a43ef54dba.md'),
  multiple('HS-BK-152-2025', 'CERTIFICATE_OF_MERIT', '2025-07-01', null, 30, 'Nghị định 152/2025/NĐ-CP', 'Điều 54', 'https://giadinh.suckhoedoisong.vn/cong-chuc-vien-chuc-mung-tham-se-duoc-nhan-tien-thuong-hon-8-trieu-dong-neu-dat-duoc-thanh-tich-nay-172250808152932881.htm', 'Cá nhân 1,5 lần (Điều 54 khoản 1, có nguồn); tập thể 3 lần chỉ thấy trong bảng tóm tắt Điều 54 của một bài hỏi đáp (và nguyên tắc tập thể cao hơn cá nhân, Điều 49), khoản về tập thể chưa đọc nguyên văn.'),
  // The achievement report of each proposed unit in the dossier (docs/research/legal-catalogue.md, "Hồ sơ đề nghị").
  ...(['EMULATION_FLAG', 'CERTIFICATE_OF_MERIT'] as const).flatMap((award): ValueSeed[] => {
    const short = award === 'EMULATION_FLAG' ? 'CO' : 'BK';
    const label = 'báo cáo thành tích của tập thể được đề nghị';
    const row = (code: string, from: string, to: string | null, textRef: string, article: string | null, sourceUrl: string | null, assumption: string | null): ValueSeed => ({
      code: `BCTT-${short}-${code}`, kind: 'DOSSIER_REPORT', subject: award, effectiveFrom: from, effectiveTo: to, amount: 1, label, textRef, article, sourceUrl, assumption,
    });
    return [
      row('91-2017', '2017-10-01', '2023-12-31', 'Luật Thi đua, khen thưởng năm 2003 (sửa đổi, bổ sung năm 2013)', null, 'https://lawnet.vn/thong-tin-phap-luat/chinh-sach-moi/ho-so-xet-danh-hieu-thi-dua-khen-thuong-37288.html',
        'Thành phần hồ sơ (văn bản đề nghị; báo cáo thành tích của tập thể; biên bản bình xét) chỉ đọc trong bài tóm tắt của lawnet.vn và phiếu thủ tục hành chính tỉnh Hải Dương; điều, khoản của Luật chưa đọc nguyên văn.'),
      award === 'EMULATION_FLAG'
        ? row('98-2023', '2024-01-01', '2025-06-30', 'Nghị định 98/2023/NĐ-CP', 'Điều 34 khoản 2 điểm b', 'https://hethongphapluat.com/decree-no-98-2023-nd-cp-dated-december-31-2023-on-elaboration-on-the-law-on-emulation-and-commendation.html', null)
        : row('98-2023', '2024-01-01', '2025-06-30', 'Nghị định 98/2023/NĐ-CP', null, 'https://dichvucong.tiengiang.gov.vn/block/phieu-huong-dan/thu-tuc/26039',
          'Hồ sơ Bằng khen cấp bộ (tờ trình; báo cáo thành tích có xác nhận của cấp trình khen thưởng; biên bản xét khen thưởng) chỉ đọc trong phiếu hướng dẫn thủ tục của tỉnh Tiền Giang; điều của Nghị định 98/2023/NĐ-CP chưa xác định.'),
      // A Cờ thi đua is an emulation title: the Law's own list of its dossier (Điều 84 khoản 1) has the report, in force since 2024.
      award === 'EMULATION_FLAG'
        ? row('152-2025', '2025-07-01', null, 'Luật Thi đua, khen thưởng số 06/2022/QH15', 'Điều 84 khoản 1 điểm b', 'https://github.com/tnt305/tai_lieu_noi_bo/blob/56eff108e1bc20bfb6b7a8ae794c034c18cf6d94/src/etl/dataset/9f0e230b52c8edc9.md', null)
        : row('152-2025', '2025-07-01', null, 'Nghị định 152/2025/NĐ-CP', null, null,
          'Bằng khen là hình thức khen thưởng: Luật 06/2022/QH15 Điều 84 khoản 1 (báo cáo thành tích) chỉ nói về danh hiệu thi đua; khoản về hồ sơ khen thưởng và điều về hồ sơ trong Nghị định 152/2025/NĐ-CP chưa đọc được: giả định vẫn bắt buộc như Nghị định 98/2023/NĐ-CP.'),
    ];
  }),
  {
    code: 'HD-CO-98-2023', kind: 'COUNCIL_SHARE', subject: 'EMULATION_FLAG', effectiveFrom: '2024-01-01', effectiveTo: '2025-06-30', amount: 8000, strictlyAbove: false,
    label: 'tổng số thành viên Hội đồng Thi đua – Khen thưởng của Bộ (thành viên vắng mặt lấy ý kiến bằng văn bản)', textRef: 'Nghị định 98/2023/NĐ-CP', article: 'Điều 30 khoản 7',
    sourceUrl: 'https://github.com/tnt305/tai_lieu_noi_bo/blob/56eff108e1bc20bfb6b7a8ae794c034c18cf6d94/src/etl/dataset/28a584966bb6fbc9.md', assumption: null,
  },
  {
    code: 'HD-CO-91-2017', kind: 'COUNCIL_SHARE', subject: 'EMULATION_FLAG', effectiveFrom: '2017-10-01', effectiveTo: '2023-12-31', amount: 8000, strictlyAbove: false,
    label: 'tổng số thành viên Hội đồng Thi đua – Khen thưởng của Bộ (thành viên vắng mặt lấy ý kiến bằng văn bản)', textRef: 'Quy chế hoạt động của Hội đồng Thi đua – Khen thưởng của Bộ', article: null,
    sourceUrl: null, assumption: 'Nghị định 91/2017/NĐ-CP không quy định tỷ lệ cho Cờ thi đua cấp bộ (Điều 45 khoản 8 chỉ cho danh hiệu Chiến sĩ thi đua và Anh hùng); tỷ lệ do quy chế Hội đồng của Bộ quy định, chưa tìm thấy quy chế của Bộ Thông tin và Truyền thông: giả định 80% như Nghị định 98/2023/NĐ-CP.',
  },
  {
    code: 'HD-CO-152-2025', kind: 'COUNCIL_SHARE', subject: 'EMULATION_FLAG', effectiveFrom: '2025-07-01', effectiveTo: null, amount: 8000, strictlyAbove: false,
    label: 'tổng số thành viên Hội đồng Thi đua – Khen thưởng của Bộ (thành viên vắng mặt lấy ý kiến bằng văn bản)', textRef: 'Nghị định 152/2025/NĐ-CP', article: null,
    sourceUrl: null, assumption: 'Điều về tỷ lệ biểu quyết của Hội đồng trong Nghị định 152/2025/NĐ-CP chưa đọc được: giả định giữ mức 80% của Nghị định 98/2023/NĐ-CP.',
  },
  {
    code: 'TT-BTTTT-VU-TDKT', kind: 'STANDING_BODY', subject: 'BTTTT', effectiveFrom: null, effectiveTo: '2022-07-25', amount: null, label: 'Vụ Thi đua – Khen thưởng',
    textRef: 'Thông tư 09/2018/TT-BTTTT', article: 'Điều 40 khoản 2', sourceUrl: 'https://hethongphapluat.com/thong-tu-09-2018-tt-btttt-huong-dan-cong-tac-thi-dua-khen-thuong-trong-nganh-thong-tin-va-truyen-thong-do-bo-truong-bo-thong-tin-va-truyen-thong-ban-hanh/dieu-40',
    assumption: 'Nghị định 48/2022/NĐ-CP ngày 26/7/2022 không còn Vụ Thi đua – Khen thưởng trong cơ cấu tổ chức của Bộ (tin của Sở Thông tin và Truyền thông Thái Bình; chưa đọc nguyên văn Điều 3): kết thúc ngày 25/7/2022, trước ngày Nghị định có hiệu lực theo giả định của mục ND-48-2022 (từ ngày ký); việc chuyển giao nhiệm vụ trên thực tế có thể muộn hơn.',
  },
  {
    code: 'TT-BTTTT-VU-TCCB', kind: 'STANDING_BODY', subject: 'BTTTT', effectiveFrom: '2022-07-26', effectiveTo: '2025-02-28', amount: null, label: 'Vụ Tổ chức cán bộ',
    textRef: 'Thông tư 11/2023/TT-BTTTT', article: null, sourceUrl: 'https://stttt.dongnai.gov.vn/Pages/newsdetail.aspx?NewsId=7224&CatId=100',
    assumption: '"Vụ Tổ chức cán bộ là cơ quan thường trực Hội đồng Thi đua - Khen thưởng Bộ Thông tin và Truyền thông" chỉ đọc trong tin của Sở Thông tin và Truyền thông Đồng Nai về Thông tư 11/2023/TT-BTTTT (điều, ngày hiệu lực chưa đọc); từ ngày Nghị định 48/2022/NĐ-CP có hiệu lực (26/7/2022, giả định của mục ND-48-2022) đến khi Thông tư có hiệu lực giả định như vậy vì Vụ Thi đua – Khen thưởng không còn trong cơ cấu của Bộ.',
  },
  {
    code: 'TT-BKHCN-VU-TCCB', kind: 'STANDING_BODY', subject: 'BKHCN', effectiveFrom: '2025-03-01', effectiveTo: null, amount: null, label: 'Vụ Tổ chức cán bộ',
    textRef: 'Thông tư 25/2025/TT-BKHCN', article: 'Phần căn cứ ("Theo đề nghị của Vụ trưởng Vụ Tổ chức cán bộ")', sourceUrl: URL_25,
    assumption: 'Vụ Tổ chức cán bộ đề nghị ban hành Thông tư 25/2025/TT-BKHCN; Điều 22 của Thông tư (Vụ Tổ chức cán bộ là cơ quan thường trực Hội đồng Thi đua – Khen thưởng của Bộ) chỉ đọc qua lời diễn giải của một bài hỏi đáp, chưa đọc nguyên văn.',
  },
  ...(['91-2017|2017-10-01|2023-12-31|Nghị định 91/2017/NĐ-CP|', '98-2023|2024-01-01|2025-06-30|Nghị định 98/2023/NĐ-CP|e9abad7510ca5b33', '152-2025|2025-07-01||Nghị định 152/2025/NĐ-CP|31bd1c84adc55bc9'].map((row): ValueSeed => {
    const [code, from, to, textRef, copy] = row.split('|');
    // Read (98/2023, 152/2025: Điều 4, the same sentence) in secondary copies only: not applied until an administrator
    // confirms it. Once confirmed, the meeting applies it with the shares of women it recorded with its attendance.
    const reason = copy
      ? `Điều 4 của ${textRef} ("Khi có nhiều cá nhân, tập thể cùng đủ điều kiện, tiêu chuẩn thì lựa chọn cá nhân nữ hoặc tập thể có tỷ lệ nữ từ 70% trở lên để xét khen thưởng") chỉ đọc trong bản sao của bài hỏi đáp, số khoản suy ra từ thứ tự; chưa áp dụng cho đến khi quản trị viên đối chiếu bản chính thức (khi đó hội nghị bình xét áp dụng theo tỷ lệ nữ ghi cùng thành phần tham dự).`
      : `Ưu tiên tập thể có tỷ lệ nữ từ 70% trở lên khi các ứng viên khen thưởng ngang nhau: chưa đọc được điều khoản tương ứng trong ${textRef} (Nghị định 65/2014/NĐ-CP Điều 2 khoản 3 có quy định tương tự cho khen thưởng thành tích thực hiện nhiệm vụ kinh tế - xã hội); chưa áp dụng cho đến khi được xác nhận.`;
    return {
      code: `UT-NU-${code}`, kind: 'WOMEN_PREFERENCE', subject: '', effectiveFrom: from, effectiveTo: to || null, amount: 7000, textRef, article: copy ? 'Điều 4' : null, sourceUrl: copy ? `https://github.com/tnt305/tai_lieu_noi_bo/blob/56eff108e1bc20bfb6b7a8ae794c034c18cf6d94/src/etl/dataset/${copy}.md` : null,
      assumption: reason,
    };
  })),
];
