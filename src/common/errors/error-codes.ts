/**
 * Stable error codes of the API. Clients rely on `code`; `message` is the Vietnamese text shown to people.
 * Each code has exactly one HTTP status.
 */
export enum ErrorCode {
  ValidationFailed = 'VALIDATION_FAILED',
  MalformedJson = 'MALFORMED_JSON',
  PayloadTooLarge = 'PAYLOAD_TOO_LARGE',
  UnsupportedMediaType = 'UNSUPPORTED_MEDIA_TYPE',
  AuthRequired = 'AUTH_REQUIRED',
  InvalidCredentials = 'AUTH_INVALID_CREDENTIALS',
  SessionEnded = 'AUTH_SESSION_ENDED',
  TooManyLoginAttempts = 'AUTH_TOO_MANY_ATTEMPTS',
  WrongCurrentPassword = 'AUTH_WRONG_CURRENT_PASSWORD',
  Forbidden = 'FORBIDDEN',
  NotFound = 'NOT_FOUND',
  RouteNotFound = 'ROUTE_NOT_FOUND',
  VersionConflict = 'VERSION_CONFLICT',
  Duplicate = 'DUPLICATE',
  ReferenceInUse = 'REFERENCE_IN_USE',
  MembershipConflict = 'MEMBERSHIP_CONFLICT',
  BusinessRule = 'BUSINESS_RULE',
  InvalidReference = 'INVALID_REFERENCE',
  InvalidPhaseOrder = 'INVALID_PHASE_ORDER',
  InvalidSuccessor = 'INVALID_SUCCESSOR',
  InvalidRoleScope = 'INVALID_ROLE_SCOPE',
  UnitInactive = 'UNIT_INACTIVE',
  NoMembership = 'NO_MEMBERSHIP',
  LeadershipTermExists = 'LEADERSHIP_TERM_EXISTS',
  LeadershipInvalid = 'LEADERSHIP_INVALID',
  CriteriaInvalid = 'CRITERIA_INVALID',
  CriteriaLocked = 'CRITERIA_LOCKED',
  PledgeState = 'PLEDGE_STATE',
  PledgeSignaturesWouldReset = 'PLEDGE_SIGNATURES_WOULD_RESET',
  AlreadySigned = 'ALREADY_SIGNED',
  InvalidFile = 'INVALID_FILE',
  ServiceUnavailable = 'SERVICE_UNAVAILABLE',
  Internal = 'INTERNAL_ERROR',
}

interface CodeInfo {
  status: number;
  message: string;
}

export const ERROR_CATALOGUE: Record<ErrorCode, CodeInfo> = {
  [ErrorCode.ValidationFailed]: { status: 400, message: 'Dữ liệu gửi lên không hợp lệ.' },
  [ErrorCode.MalformedJson]: { status: 400, message: 'Nội dung gửi lên không phải JSON hợp lệ.' },
  [ErrorCode.PayloadTooLarge]: { status: 413, message: 'Nội dung gửi lên vượt quá dung lượng cho phép.' },
  [ErrorCode.UnsupportedMediaType]: { status: 415, message: 'Kiểu nội dung gửi lên không được hỗ trợ.' },
  [ErrorCode.AuthRequired]: { status: 401, message: 'Bạn cần đăng nhập để thực hiện thao tác này.' },
  [ErrorCode.InvalidCredentials]: { status: 401, message: 'Tên đăng nhập hoặc mật khẩu không đúng.' },
  [ErrorCode.SessionEnded]: { status: 401, message: 'Phiên đăng nhập đã kết thúc. Vui lòng đăng nhập lại.' },
  [ErrorCode.TooManyLoginAttempts]: {
    status: 429,
    message: 'Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau.',
  },
  [ErrorCode.WrongCurrentPassword]: { status: 422, message: 'Mật khẩu hiện tại không đúng.' },
  [ErrorCode.Forbidden]: { status: 403, message: 'Bạn không có quyền thực hiện thao tác này.' },
  [ErrorCode.NotFound]: { status: 404, message: 'Không tìm thấy dữ liệu yêu cầu.' },
  [ErrorCode.RouteNotFound]: { status: 404, message: 'Không tìm thấy đường dẫn yêu cầu.' },
  [ErrorCode.VersionConflict]: {
    status: 409,
    message: 'Dữ liệu đã được người khác thay đổi. Vui lòng tải lại và thực hiện lại thao tác.',
  },
  [ErrorCode.Duplicate]: { status: 409, message: 'Dữ liệu bị trùng với bản ghi đã có.' },
  [ErrorCode.ReferenceInUse]: { status: 409, message: 'Dữ liệu đang được sử dụng ở nơi khác nên không thể xóa.' },
  [ErrorCode.MembershipConflict]: {
    status: 409,
    message: 'Đơn vị đã là thành viên của một cụm thi đua khác của cùng cơ quan tổ chức trong năm này.',
  },
  [ErrorCode.BusinessRule]: { status: 422, message: 'Thao tác vi phạm quy tắc nghiệp vụ.' },
  [ErrorCode.InvalidReference]: { status: 422, message: 'Dữ liệu tham chiếu không tồn tại hoặc không hợp lệ.' },
  [ErrorCode.InvalidPhaseOrder]: { status: 422, message: 'Thứ tự các mốc thời gian của năm thi đua không hợp lệ.' },
  [ErrorCode.InvalidSuccessor]: { status: 422, message: 'Đơn vị kế thừa không hợp lệ.' },
  [ErrorCode.InvalidRoleScope]: { status: 422, message: 'Phạm vi quyền không phù hợp với vai trò.' },
  [ErrorCode.UnitInactive]: { status: 422, message: 'Đơn vị không còn hoạt động trong năm này.' },
  [ErrorCode.NoMembership]: { status: 422, message: 'Cụm chưa có thành viên trong năm này.' },
  [ErrorCode.LeadershipTermExists]: {
    status: 409,
    message: 'Năm này đã có nhiệm kỳ Cụm trưởng, Cụm phó. Cơ quan tổ chức có thể điều chỉnh bằng quyết định.',
  },
  [ErrorCode.LeadershipInvalid]: { status: 422, message: 'Cụm trưởng, Cụm phó không hợp lệ.' },
  [ErrorCode.CriteriaInvalid]: { status: 422, message: 'Bộ tiêu chí không hợp lệ.' },
  [ErrorCode.CriteriaLocked]: {
    status: 409,
    message: 'Bộ tiêu chí đã khóa vì giao ước đã được ký. Muốn thay đổi, hãy lập bản sửa đổi (kèm lý do).',
  },
  [ErrorCode.PledgeState]: { status: 409, message: 'Thao tác không phù hợp với trạng thái của bản giao ước.' },
  [ErrorCode.PledgeSignaturesWouldReset]: {
    status: 409,
    message: 'Bản giao ước đang được ký: chỉnh sửa sẽ hủy các chữ ký đã có. Gửi lại với confirmResetSignatures = true để xác nhận.',
  },
  [ErrorCode.AlreadySigned]: { status: 409, message: 'Đơn vị đã ký bản giao ước này.' },
  [ErrorCode.InvalidFile]: { status: 422, message: 'Tệp gửi lên không hợp lệ.' },
  [ErrorCode.ServiceUnavailable]: { status: 503, message: 'Hệ thống tạm thời không sẵn sàng.' },
  [ErrorCode.Internal]: { status: 500, message: 'Đã xảy ra lỗi hệ thống. Vui lòng thử lại sau.' },
};
