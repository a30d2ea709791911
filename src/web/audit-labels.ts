import { dateTimeVi } from './format';
/** The audit trail in people's words: what each recorded action and record kind is called on the pages. */
export const ACTION_LABELS: Record<string, string> = {
  'seed.reference': 'Nạp dữ liệu tham chiếu',
  'seed.reference_and_demo': 'Nạp dữ liệu tham chiếu và minh họa',
  'seed.demo_scenario': 'Ghi kịch bản minh họa theo ngày khởi động',
  'session.login': 'Đăng nhập',
  'session.logout': 'Đăng xuất',
  'user.create': 'Tạo tài khoản',
  'user.update': 'Sửa tài khoản',
  'user.password_change': 'Đổi mật khẩu',
  'user.password_reset': 'Đặt lại mật khẩu',
  'user.mfa_reset': 'Đặt lại xác thực hai lớp',
  'mfa.setup': 'Bắt đầu đăng ký xác thực hai lớp',
  'mfa.enable': 'Bật xác thực hai lớp',
  'mfa.disable': 'Tắt xác thực hai lớp',
  'mfa.recovery_codes': 'Tạo lại mã khôi phục',
  'mfa.recovery_code_used': 'Dùng mã khôi phục',
  'unit.create': 'Tạo đơn vị',
  'unit.update': 'Sửa đơn vị',
  'unit.merge': 'Sáp nhập đơn vị',
  'signing.trust_root': 'Thêm chứng thư số gốc tin cậy',
  'signing.unit_key_import': 'Nhập khóa ký số của đơn vị (PKCS#12)',
  'signing.unit_token': 'Đặt đơn vị ký bằng token PKCS#11',
  'signing.signature_image': 'Tải lên ảnh chữ ký của đơn vị',
  'signing.seal_image': 'Tải lên ảnh con dấu của đơn vị',
  'cluster.create': 'Lập cụm thi đua',
  'cluster.update': 'Sửa cụm thi đua',
  'cluster_decision.create': 'Ghi nhận quyết định phân cụm',
  'cluster_division.create': 'Phân cụm theo quyết định',
  'cluster_regulation.create': 'Ghi nhận quy chế hoạt động của cụm',
  'cluster_regulation.update': 'Sửa quy chế hoạt động của cụm',
  'membership.create': 'Thêm thành viên cụm',
  'membership.delete': 'Rút thành viên khỏi cụm',
  'membership.leave': 'Thành viên rời cụm (sáp nhập)',
  'membership.transfer': 'Đơn vị kế thừa nhận chỗ trong cụm',
  'emulation_year.create': 'Mở năm thi đua',
  'emulation_year.update': 'Sửa các mốc thời gian của năm',
  'leadership.create': 'Ghi nhận Cụm trưởng, Cụm phó',
  'leadership.override': 'Quyết định Cụm trưởng, Cụm phó của cơ quan tổ chức',
  'rotation_policy.update': 'Sửa thứ tự luân phiên',
  'criteria.create': 'Tạo bộ tiêu chí',
  'criteria.update': 'Sửa bộ tiêu chí',
  'criteria.amend': 'Sửa đổi bộ tiêu chí đã khóa',
  'pledge.create': 'Soạn bản giao ước',
  'pledge.update': 'Sửa bản giao ước',
  'pledge.open': 'Mở ký giao ước',
  'pledge.sign': 'Ký giao ước',
  'pledge.withdraw_signature': 'Rút chữ ký giao ước',
  'pledge.complete': 'Giao ước được ký đủ',
  'score_sheet.create': 'Lập phiếu chấm',
  'score_sheet.update': 'Sửa điểm phiếu chấm',
  'score_sheet.submit': 'Nộp phiếu chấm',
  'score_sheet.return': 'Trả lại phiếu chấm',
  'score_sheet.upload': 'Nhập phiếu chấm từ Excel',
  'evidence.upload': 'Tải lên minh chứng',
  'scoring.config': 'Sửa cách tính điểm',
  'scoring.finalize': 'Chốt và công bố kết quả chấm điểm',
  'scoring.reopen': 'Mở lại việc chấm điểm',
  'award.quotas': 'Đặt chỉ tiêu khen thưởng',
  'review_meeting.create': 'Ghi nhận hội nghị bình xét',
  'review_meeting.attendance': 'Ghi thành phần tham dự hội nghị',
  'review_meeting.ballots': 'Ghi kết quả bỏ phiếu',
  'proposal.create': 'Lập đề nghị khen thưởng',
  'proposal.submit': 'Gửi đề nghị khen thưởng',
  'proposal.resubmit': 'Gửi lại đề nghị khen thưởng',
  'proposal.claim': 'Nhận thẩm định đề nghị',
  'proposal.approve': 'Phê duyệt đề nghị',
  'proposal.reject': 'Không phê duyệt đề nghị',
  'proposal.return': 'Trả lại đề nghị để bổ sung',
  'proposal.report_upload': 'Tải lên báo cáo thành tích',
  'council_member.create': 'Thêm thành viên Hội đồng',
  'council_member.update': 'Sửa thành viên Hội đồng',
  'council_meeting.create': 'Lập cuộc họp Hội đồng',
  'council_meeting.attendance': 'Ghi thành phần họp Hội đồng',
  'council_meeting.ballots': 'Ghi kết quả biểu quyết của Hội đồng',
  'council_meeting.close': 'Chốt biên bản họp Hội đồng',
  'award_impediment.create': 'Ghi nhận trường hợp chưa xét khen thưởng',
  'award_impediment.end': 'Kết thúc trường hợp chưa xét khen thưởng',
  'legal_text.create': 'Thêm văn bản pháp luật',
  'legal_text.update': 'Sửa văn bản pháp luật',
  'legal_value.create': 'Thêm mức, tỷ lệ theo văn bản',
  'legal_value.update': 'Sửa mức, tỷ lệ theo văn bản',
  'document.issue': 'Phát hành văn bản có chữ ký số',
  'email.resend': 'Gửi lại thư nhắc việc',
};

export const ENTITY_LABELS: Record<string, string> = {
  seed: 'Dữ liệu hệ thống',
  session: 'Phiên đăng nhập',
  user: 'Tài khoản',
  unit: 'Đơn vị',
  cluster: 'Cụm thi đua',
  cluster_decision: 'Quyết định phân cụm',
  cluster_regulation: 'Quy chế hoạt động',
  membership: 'Thành viên cụm',
  emulation_year: 'Năm thi đua',
  leadership_term: 'Nhiệm kỳ Cụm trưởng',
  rotation_policy: 'Thứ tự luân phiên',
  criteria_set: 'Bộ tiêu chí',
  pledge: 'Bản giao ước',
  score_sheet: 'Phiếu chấm',
  evidence: 'Minh chứng',
  scoring: 'Chấm điểm của năm',
  scoring_config: 'Cách tính điểm',
  award_quota: 'Chỉ tiêu khen thưởng',
  review_meeting: 'Hội nghị bình xét',
  award_proposal: 'Đề nghị khen thưởng',
  council_member: 'Thành viên Hội đồng',
  council_meeting: 'Cuộc họp Hội đồng',
  award_impediment: 'Trường hợp chưa xét khen thưởng',
  legal_text: 'Văn bản pháp luật',
  legal_value: 'Mức, tỷ lệ theo văn bản',
  issued_document: 'Văn bản đã phát hành',
  email_outbox: 'Thư điện tử',
};

/** The fields whose value changed between `before` and `after` (objects: key by key; anything else: as a whole). */
export function changedFields(before: unknown, after: unknown): Array<{ field: string; before: string; after: string }> {
  const text = (v: unknown): string => {
    if (v === null || v === undefined) return '—';
    if (typeof v === 'boolean') return v ? 'có' : 'không';
    // A moment (ISO 8601, UTC) reads as people read times here: Vietnam time, dd/mm/yyyy HH:mm.
    if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(v)) return dateTimeVi(v);
    if (typeof v === 'string' || typeof v === 'number') return String(v);
    const json = JSON.stringify(v);
    return json.length > 200 ? `${json.slice(0, 197)}…` : json;
  };
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isObject(before) || isObject(after)) {
    const b = isObject(before) ? before : {};
    const a = isObject(after) ? after : {};
    return [...new Set([...Object.keys(b), ...Object.keys(a)])]
      .filter((k) => JSON.stringify(b[k] ?? null) !== JSON.stringify(a[k] ?? null))
      .map((k) => ({ field: k, before: text(b[k]), after: text(a[k]) }));
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ field: '', before: text(before), after: text(after) }];
}

/** Where a record of the trail is seen on the pages, when it has a page of its own. */
export function recordHref(entityType: string, entityId: string, clusterId: string | null): string | null {
  switch (entityType) {
    case 'unit':
      return `/don-vi/${entityId}`;
    case 'user':
      return `/tai-khoan/${entityId}`;
    case 'cluster':
      return `/cum/${entityId}`;
    case 'award_proposal':
      return `/tham-dinh/${entityId}`;
    case 'council_meeting':
      return `/hoi-dong/${entityId}`;
    case 'issued_document':
      return `/xac-thuc/${entityId}`;
    default:
      return clusterId ? `/cum/${clusterId}` : null;
  }
}
