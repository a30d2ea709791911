/**
 * How documents and notices name a cluster: with its organiser, for two organisers may each have a "Cụm thi đua số 6"
 * (Bộ TTTT's, and Bộ KH&CN's that continues it since 2025).
 */

/** "Cụm thi đua số 6 – Bộ TTTT" (notices, with the short name) or "… – Bộ Thông tin và Truyền thông" (tables). */
export const clusterTag = (clusterName: string, organizerName: string): string => `${clusterName} – ${organizerName}`;

/** A workbook's title line: "CỤM THI ĐUA SỐ 6 (BỘ THÔNG TIN VÀ TRUYỀN THÔNG)". */
export const clusterHeading = (clusterName: string, organizerName: string): string =>
  `${clusterName.toLocaleUpperCase('vi')} (${organizerName.toLocaleUpperCase('vi')})`;

/**
 * How a page names the body a cluster's proposals go to, as one word of its name: "Bộ" for a ministry, "Sở" for a
 * provincial department (Nghệ An's district clusters), otherwise "cơ quan tổ chức".
 */
export function organizerWord(organizerName: string): string {
  const first = organizerName.trim().split(/\s+/)[0];
  return first === 'Bộ' || first === 'Sở' ? first : 'cơ quan tổ chức';
}
