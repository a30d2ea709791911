/** Default texts of a new pledge (editable by the secretariat). */

/**
 * The legal bases of a new pledge: the citations of the texts in force on its signing date (from the legal
 * catalogue: legalBasesOn), then the organiser's directive of the year when catalogued (directiveOn) and the
 * cluster's operating regulation when the system has it on record for that date, by its own title. A text the system
 * does not know is not cited, not even in general words ("hướng dẫn … của Bộ" named no document). The last basis
 * ends with a comma.
 */
export function defaultLegalBases(citations: string[], regulationTitle: string | null, directiveCitation: string | null = null): string[] {
  const bases = [...citations, ...(directiveCitation ? [directiveCitation] : []), ...(regulationTitle ? [`Căn cứ ${regulationTitle};`] : [])];
  return bases.map((b, i) => (i === bases.length - 1 ? b.replace(/;$/, ',') : b));
}

export function defaultPurpose(year: number, clusterName: string): string {
  return (
    `Cụ thể hóa các phong trào thi đua yêu nước, động viên cán bộ, công chức, viên chức và người lao động của các đơn vị thành viên ` +
    `${clusterName} phát huy tinh thần đoàn kết, chủ động, sáng tạo, phấn đấu hoàn thành xuất sắc nhiệm vụ chính trị năm ${year}.\n` +
    `Các đơn vị thành viên thống nhất ký kết giao ước thi đua với các nội dung dưới đây; việc chấm điểm, bình xét cuối năm ` +
    `căn cứ vào mức độ hoàn thành các nội dung đã giao ước, bảo đảm công khai, dân chủ, khách quan.`
  );
}

export function defaultImplementation(): string {
  return (
    'Các đơn vị thành viên căn cứ nội dung giao ước xây dựng kế hoạch, phát động phong trào thi đua tại đơn vị; định kỳ sơ kết 6 tháng, ' +
    'tổng kết năm, tự chấm điểm theo bộ tiêu chí và gửi kết quả về đơn vị Cụm trưởng đúng thời hạn.\n' +
    'Đơn vị Cụm trưởng chủ trì, phối hợp với đơn vị Cụm phó theo dõi, đôn đốc, tổng hợp kết quả thực hiện giao ước; tổ chức bình xét, ' +
    'suy tôn và đề nghị khen thưởng theo quy định.\n' +
    'Bản giao ước có hiệu lực kể từ ngày ký.'
  );
}

export const DEFAULT_SIGNER_TITLE = 'Giám đốc';

/**
 * The signing authority printed above a signature (Decree 30/2020, Article 13 and Appendix I, II.7): a deputy signs
 * for the head, "KT. Giám đốc / Phó Giám đốc" (one line each); a title that already says how it signs (KT., TM.,
 * TL., TUQ., Q.) or a head's title is printed as entered.
 */
export function signingAuthority(title: string): string {
  const t = title.trim().replace(/\s+/g, ' ');
  if (/^(KT|TM|TL|TUQ|Q)\.\s/i.test(t) || t.includes('/')) return t;
  const deputy = /^Phó\s+(.+)$/iu.exec(t);
  if (!deputy) return t;
  const head = deputy[1].charAt(0).toLocaleUpperCase('vi') + deputy[1].slice(1);
  return `KT. ${head} / ${t}`;
}
