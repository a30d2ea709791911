/**
 * What each page calls the fields of its address (the filter forms' labels), so that an error page for a wrong
 * address names the field as the page labels it: "Năm thi đua: Phải là số nguyên.", not a bare message.
 */
const PAGING = { limit: 'Số dòng mỗi trang', offset: 'Vị trí bắt đầu' };

const PAGE_QUERY_LABELS: Array<[RegExp, Record<string, string>]> = [
  [/^\/tham-dinh$/, { year: 'Năm thi đua', nam: 'Năm thi đua', clusterId: 'Cụm thi đua', award: 'Hình thức khen thưởng', status: 'Trạng thái', olderThanDays: 'Chờ quá (ngày)', ...PAGING }],
  [/^\/nhat-ky$/, { actor: 'Người thực hiện (tên đăng nhập)', action: 'Thao tác', entityType: 'Loại đối tượng', entityId: 'Đối tượng', clusterId: 'Cụm thi đua', from: 'Từ ngày', to: 'Đến ngày', ...PAGING }],
  [/^\/don-vi$/, { q: 'Tìm theo tên, mã hoặc tỉnh', kind: 'Loại đơn vị', activeInYear: 'Hoạt động trong năm', ...PAGING }],
  [/^\/tai-khoan$/, { q: 'Tìm theo tên đăng nhập hoặc họ tên', role: 'Vai trò', ...PAGING }],
  [/^\/cum\/[^/]+\/lich-su$/, { from: 'Từ năm', to: 'Đến năm' }],
  [/^\/hop-thu-di$/, { status: 'Trạng thái', ...PAGING }],
];

/** The label of a field of `path`'s address; the field's own name, quoted, where the page has no label for it. */
export function queryFieldLabel(path: string, field: string): string {
  const labels = PAGE_QUERY_LABELS.find(([pattern]) => pattern.test(path))?.[1];
  return labels && Object.hasOwn(labels, field) ? labels[field] : `Tham số «${field}» của địa chỉ`;
}
