import { ROLE_LABELS } from '../common/auth/roles';
import { PLEDGE_STATUS_LABELS } from '../pledges/pledge.entity';
import { SHEET_STATUS_LABELS, SCORER_KIND_LABELS } from '../scoring/score-sheet.entity';
import { PROPOSAL_STATUS_LABELS } from '../awards/proposals.rules';
import { TERM_METHOD_LABELS } from '../leadership/leadership-term.entity';
import { UNIT_KIND_LABELS } from './views/unit-edit.view';
import { ATTENDANCE_LABELS } from '../awards/award.entities';
import { dateTimeVi, dateVi } from './format';

/**
 * The audit trail's recorded fields in people's words. A record keeps what the code wrote (English keys, codes, ids);
 * the page shows each field by its label, a code by its name, an id by the unit, cluster or account it names.
 * A key without a label (a criterion's code such as TC1) is shown as it is.
 */
export const FIELD_LABELS: Record<string, string> = {
  id: 'Mã bản ghi',
  code: 'Mã',
  name: 'Tên',
  shortName: 'Tên viết tắt',
  kind: 'Loại',
  province: 'Tỉnh, thành phố',
  parentId: 'Cơ quan chủ quản',
  successorId: 'Đơn vị kế thừa',
  successionBasis: 'Căn cứ kế thừa',
  activeFrom: 'Hoạt động từ ngày',
  activeTo: 'Hoạt động đến ngày',
  note: 'Ghi chú',
  username: 'Tên đăng nhập',
  fullName: 'Họ và tên',
  email: 'Thư điện tử',
  emailNotifications: 'Nhận thư nhắc việc',
  role: 'Vai trò',
  disabled: 'Khóa tài khoản',
  userId: 'Tài khoản',
  ip: 'Địa chỉ IP',
  expiresAt: 'Hết hạn lúc',
  mfaEnabledAt: 'Bật xác thực hai lớp lúc',
  enabledAt: 'Bật lúc',
  module: 'Thư viện PKCS#11',
  tokenLabel: 'Nhãn token',
  number: 'Số',
  documentCode: 'Ký hiệu văn bản',
  organizerId: 'Cơ quan tổ chức cụm',
  organizerName: 'Cơ quan tổ chức cụm',
  predecessorId: 'Cụm tiền thân',
  clusterId: 'Cụm thi đua',
  unitId: 'Đơn vị',
  unitIds: 'Các đơn vị',
  unitAId: 'Đơn vị thứ nhất',
  unitBId: 'Đơn vị thứ hai',
  scorerUnitId: 'Đơn vị chấm',
  targetUnitId: 'Đơn vị được chấm',
  year: 'Năm',
  effectiveYear: 'Năm áp dụng',
  signedOn: 'Ngày ký',
  summary: 'Trích yếu',
  assignments: 'Phân cụm',
  leftOut: 'Đơn vị chưa được phân cụm',
  leftOn: 'Rời cụm ngày',
  memberCount: 'Số thành viên',
  status: 'Trạng thái',
  version: 'Phiên bản',
  createdAt: 'Tạo lúc',
  updatedAt: 'Sửa lúc',
  title: 'Tên văn bản',
  theme: 'Chủ đề',
  purpose: 'Mục đích, yêu cầu',
  implementation: 'Tổ chức thực hiện',
  legalBases: 'Căn cứ',
  documentNumber: 'Số văn bản',
  signingDate: 'Ngày ký',
  signingPlace: 'Nơi ký',
  signatories: 'Các đơn vị ký',
  signedCount: 'Số đơn vị đã ký',
  signatures: 'Số chữ ký',
  signedAt: 'Ký lúc',
  signerName: 'Người ký',
  signerTitle: 'Chức vụ người ký',
  paperSignedOn: 'Ngày ký trên bản giấy',
  recordedAt: 'Ghi nhận lúc',
  openedAt: 'Mở ký lúc',
  completedAt: 'Ký đủ lúc',
  criteriaSetId: 'Bộ tiêu chí',
  criteriaVersionNo: 'Phiên bản bộ tiêu chí',
  criteriaSetLocked: 'Bộ tiêu chí được khóa',
  versionNo: 'Phiên bản',
  items: 'Các tiêu chí',
  totalPoints: 'Tổng điểm',
  origin: 'Nguồn',
  amendmentReason: 'Lý do sửa đổi',
  locked: 'Số phiếu được khóa',
  lockedAt: 'Khóa lúc',
  missing: 'Phiếu còn thiếu',
  lateUnits: 'Đơn vị được nhắc và phiếu còn phải nộp',
  notified: 'Số người được báo',
  publishedAt: 'Công bố lúc',
  points: 'Điểm',
  criterionCode: 'Tiêu chí',
  explanation: 'Nội dung giải trình',
  evidence: 'Minh chứng',
  contestUntil: 'Hạn giải trình',
  chair: 'Cụm trưởng',
  viceChair: 'Cụm phó',
  host: 'Đơn vị đăng cai',
  method: 'Cách chọn',
  decisionNumber: 'Số quyết định',
  decisionDate: 'Ngày quyết định',
  decisionId: 'Quyết định',
  unitOrder: 'Thứ tự luân phiên',
  pledgeSigningOn: 'Ngày ký giao ước',
  midYearReviewOn: 'Ngày sơ kết 6 tháng',
  scoringOpensOn: 'Mở chấm điểm từ ngày',
  scoringClosesOn: 'Hạn chấm điểm',
  reviewMeetingOn: 'Ngày hội nghị bình xét',
  proposalDeadline: 'Hạn gửi đề nghị khen thưởng',
  resubmitBy: 'Hạn gửi bổ sung',
  replay: 'Nhập lại năm đã qua',
  replayNote: 'Ghi chú nhập lại',
  heldOn: 'Ngày họp',
  place: 'Địa điểm',
  chairedBy: 'Người chủ trì',
  minutesBy: 'Thư ký',
  ballots: 'Kết quả bỏ phiếu',
  tieDecisions: 'Quyết định khi bằng phiếu',
  voters: 'Số người bỏ phiếu',
  votesFor: 'Số phiếu đồng ý',
  countingCommittee: 'Ban kiểm phiếu',
  award: 'Hình thức khen thưởng',
  EMULATION_FLAG: 'Cờ thi đua',
  CERTIFICATE_OF_MERIT: 'Bằng khen',
  quota: 'Chỉ tiêu',
  proposalId: 'Đề nghị khen thưởng',
  position: 'Chức vụ',
  fromDate: 'Từ ngày',
  toDate: 'Đến ngày',
  closedAt: 'Chốt lúc',
  conclusions: 'Kết luận',
  subject: 'Tiêu đề',
  recipient: 'Người nhận',
  days: 'Số ngày',
  bytes: 'Dung lượng (byte)',
  today: 'Ngày khởi động',
  sourceId: 'Lập từ',
  sourceVersion: 'Phiên bản (hoặc năm) của nguồn',
  statusLabel: 'Số hiệu, tình trạng',
  active: 'Đang hoạt động',
  clusterIds: 'Cụm phụ trách',
  closedYears: 'Các năm kết thúc tư cách thành viên',
  transferredYears: 'Các năm chuyển tư cách thành viên cho đơn vị kế thừa',
  memberId: 'Thành viên Hội đồng',
  mode: 'Hình thức',
  candidates: 'Các đơn vị được bầu',
  turn: 'Lần kiểm phiếu',
  figures: 'Số liệu kiểm phiếu',
  choices: 'Lựa chọn',
  letter: 'Văn bản',
  conflict: 'Xung đột lợi ích',
  sha256: 'Mã băm SHA-256',
  until: 'Hạn cuối',
  answer: 'Trả lời',
  decision: 'Quyết định',
  pointsBefore: 'Điểm trước',
  pointsAfter: 'Điểm sau',
  achieved: 'Kết quả đạt được',
  target: 'Chỉ tiêu',
};

/** Codes a field holds, by field (and, for a status, by the kind of record). */
const STATUS_BY_ENTITY: Record<string, Record<string, string>> = {
  pledge: PLEDGE_STATUS_LABELS,
  score_sheet: SHEET_STATUS_LABELS,
  award_proposal: PROPOSAL_STATUS_LABELS,
  council_meeting: { OPEN: 'Chưa chốt biên bản', CLOSED: 'Đã chốt biên bản' },
  ballot_session: { OPEN: 'Đang bỏ phiếu', CLOSED: 'Đã kiểm phiếu' },
};
const CODES_BY_FIELD: Record<string, Record<string, string>> = {
  role: ROLE_LABELS,
  award: { EMULATION_FLAG: 'Cờ thi đua', CERTIFICATE_OF_MERIT: 'Bằng khen' },
  method: TERM_METHOD_LABELS,
  kind: {
    ...UNIT_KIND_LABELS,
    ...SCORER_KIND_LABELS,
    // Documents the system issues (document.issue).
    PLEDGE: 'Bản giao ước',
    MINUTES: 'Biên bản hội nghị bình xét',
    SUBMISSION: 'Tờ trình đề nghị khen thưởng',
    LIST: 'Danh sách đề nghị khen thưởng',
    SCOREBOARD: 'Bảng tổng hợp kết quả chấm điểm',
    COUNCIL_MINUTES: 'Biên bản họp Hội đồng Thi đua – Khen thưởng',
    DECISION_DRAFT: 'Dự thảo quyết định khen thưởng',
  },
  mode: { ONLINE: 'Bỏ phiếu kín trực tuyến', PAPER: 'Bỏ phiếu kín bằng phiếu giấy' },
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every id a record mentions, to look up the names the page shows for them. */
export function idsIn(value: unknown, into = new Set<string>(), depth = 0): Set<string> {
  if (depth > 6) return into;
  if (typeof value === 'string' && UUID.test(value)) into.add(value.toLowerCase());
  else if (Array.isArray(value)) for (const v of value) idsIn(v, into, depth + 1);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) idsIn(v, into, depth + 1);
  return into;
}

/** A recorded value as people read it; `names` maps ids to what they name. */
export function valueText(value: unknown, field: string, entityType: string, names: ReadonlyMap<string, string>): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'có' : 'không';
  if (typeof value === 'number') return String(value).replace('.', ',');
  if (typeof value === 'string') {
    if (UUID.test(value)) return names.get(value.toLowerCase()) ?? value;
    // A moment (ISO 8601, UTC) in Vietnam time, dd/mm/yyyy HH:mm; a date as dd/mm/yyyy.
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return dateTimeVi(value);
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return dateVi(value);
    const codes = field === 'status' ? STATUS_BY_ENTITY[entityType] : CODES_BY_FIELD[field];
    return codes?.[value] ?? value;
  }
  if (Array.isArray(value)) {
    if (!value.length) return '—';
    const parts = value.map((v) => (v && typeof v === 'object' ? nameOf(v as Record<string, unknown>, names) : valueText(v, field, entityType, names)));
    // Clauses that end in their own punctuation (the pledge's "Căn cứ …;") are joined by a space, others by "; ".
    if (parts.every((x) => x !== null)) return clip(parts.join(parts.every((x) => /[;.,:]$/.test(x!)) ? ' ' : '; '));
    return `${value.length} mục`;
  }
  const record = value as Record<string, unknown>;
  const named = nameOf(record, names);
  if (named) return named;
  const keys = Object.keys(record);
  if (!keys.length) return '—';
  return clip(keys.map((k) => `${FIELD_LABELS[k] ?? k}: ${valueText(record[k], k, entityType, names)}`).join('; '));
}

/** What an object in a record names: a unit or cluster by its name, a signatory by its unit. */
function nameOf(v: Record<string, unknown>, names: ReadonlyMap<string, string>): string | null {
  if (typeof v.name === 'string') return v.name;
  if (v.unit && typeof v.unit === 'object' && typeof (v.unit as Record<string, unknown>).name === 'string') {
    const unit = (v.unit as Record<string, unknown>).name as string;
    return typeof v.signed === 'boolean' ? `${unit} (${v.signed ? 'đã ký' : 'chưa ký'})` : unit;
  }
  if (typeof v.unitId === 'string' && names.has(v.unitId.toLowerCase())) {
    const unit = names.get(v.unitId.toLowerCase())!;
    if (typeof v.votesFor === 'number') return `${unit}: ${v.votesFor} phiếu${typeof v.award === 'string' ? ` (${CODES_BY_FIELD.award[v.award] ?? v.award})` : ''}`;
    if (typeof v.status === 'string') return `${unit}: ${ATTENDANCE_LABELS[v.status as keyof typeof ATTENDANCE_LABELS] ?? v.status}`;
    if (typeof v.clusterId === 'string') return `${unit} → ${names.get(v.clusterId.toLowerCase()) ?? v.clusterId}`;
    return unit;
  }
  return null;
}

const clip = (text: string): string => (text.length > 300 ? `${text.slice(0, 297)}…` : text);
