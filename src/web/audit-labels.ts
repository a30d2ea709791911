import { FIELD_LABELS, valueText } from './audit-fields';
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
  'document.number': 'Cấp số văn bản',
  'signing.unit_certificate': 'Đăng ký chứng thư số của đơn vị để ký bằng công cụ riêng',
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
  'pledge.sign_paper': 'Ghi nhận chữ ký giao ước trên bản giấy',
  'pledge.withdraw_paper_signature': 'Hủy ghi nhận chữ ký trên bản giấy',
  'pledge.withdraw_signature': 'Rút chữ ký giao ước',
  'pledge.complete': 'Giao ước được ký đủ',
  'score_sheet.create': 'Lập phiếu chấm',
  'score_sheet.update': 'Sửa điểm phiếu chấm',
  'score_sheet.submit': 'Nộp phiếu chấm',
  'score_sheet.return': 'Trả lại phiếu chấm',
  'score_sheet.upload': 'Nhập phiếu chấm từ Excel',
  'evidence.upload': 'Tải lên minh chứng',
  'evidence.remove': 'Gỡ tài liệu minh chứng',
  'scoring.config': 'Sửa cách tính điểm',
  'scoring.finalize': 'Chốt và công bố kết quả chấm điểm',
  'scoring.remind': 'Nhắc các đơn vị nộp phiếu chấm',
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
  'user.email_settings': 'Sửa cài đặt thư điện tử',
  'criteria.targets': 'Đặt chỉ tiêu của các tiêu chí tính từ kết quả',
  'score_contest.create': 'Gửi giải trình điểm',
  'score_contest.answer': 'Trả lời giải trình điểm',
  'scoring.contest_round': 'Mở vòng giải trình điểm',
  'scoring.conflict_override': 'Cho phép phân công chấm chéo có xung đột lợi ích',
  'scoring.relation_declare': 'Khai báo quan hệ giữa hai đơn vị (không chấm chéo nhau)',
  'scoring.relation_remove': 'Bỏ khai báo quan hệ giữa hai đơn vị',
  'ballot.open': 'Mở phiên bỏ phiếu kín',
  'ballot.voted': 'Đơn vị bỏ phiếu kín',
  'ballot.written_opinion': 'Ghi ý kiến bằng văn bản của đơn vị vắng mặt',
  'ballot.paper_count': 'Ghi kết quả kiểm phiếu giấy',
  'ballot.paper_count_mismatch': 'Hai lần nhập kết quả kiểm phiếu giấy không khớp: hủy để nhập lại',
  'ballot.tie_decision': 'Quyết định khi bằng phiếu',
  'ballot.close': 'Đóng phiên bỏ phiếu, kiểm phiếu',
  'collective_rating.create': 'Ghi nhận xếp loại tập thể',
  'collective_rating.update': 'Sửa xếp loại tập thể',
  'service_level.set': 'Đặt thời hạn xử lý đề nghị khen thưởng',
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
  document_number: 'Số văn bản',
  email_outbox: 'Thư điện tử',
  ballot_session: 'Phiên bỏ phiếu kín',
  collective_rating: 'Xếp loại tập thể',
  review_service_level: 'Thời hạn xử lý đề nghị',
  score_contest: 'Giải trình điểm',
  trusted_root: 'Chứng thư số gốc tin cậy',
  unit_relation: 'Quan hệ giữa hai đơn vị',
};

/**
 * The fields whose value changed between `before` and `after` (objects: key by key; anything else: as a whole), each
 * by its label and its values as people read them (`names`: the units, clusters and accounts the ids name). A field's
 * own label copy (`statusLabel` beside `status`) is not a change of its own.
 */
export function changedFields(
  before: unknown,
  after: unknown,
  entityType = '',
  names: ReadonlyMap<string, string> = new Map(),
): Array<{ field: string; before: string; after: string }> {
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isObject(before) || isObject(after)) {
    const b = isObject(before) ? before : {};
    const a = isObject(after) ? after : {};
    const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
    const copies = new Set(keys.filter((k) => k.endsWith('Label') && keys.includes(k.slice(0, -5))));
    return keys
      .filter((k) => !copies.has(k) && JSON.stringify(b[k] ?? null) !== JSON.stringify(a[k] ?? null))
      .map((k) => ({ field: FIELD_LABELS[k] ?? k, before: valueText(b[k], k, entityType, names), after: valueText(a[k], k, entityType, names) }))
      // Nothing a reader could see changed (an empty list recorded where there was none: "— → —").
      .filter((c) => c.before !== c.after);
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ field: '', before: valueText(before, '', entityType, names), after: valueText(after, '', entityType, names) }];
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
