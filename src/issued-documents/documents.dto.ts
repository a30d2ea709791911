import { ApiProperty } from '@nestjs/swagger';
import { TextField } from '../common/validation/fields';

export class VerifyHashDto {
  @TextField({ presence: 'optional', max: 64, pattern: /^[0-9a-fA-F]{64}$/, patternMessage: 'Mã băm SHA-256 gồm 64 ký tự thập lục phân.' })
  sha256?: string;
}

/** The input information of an electronic document (Decree 30/2020 Appendix VI) as kept in the register. */
export class ElectronicRecordView {
  @ApiProperty({ nullable: true, type: String, description: 'Mã cơ quan, tổ chức ban hành trong hệ thống (mã cụm thi đua hoặc mã đơn vị tổ chức cụm); không phải mã định danh 13 ký tự theo danh mục quốc gia.', example: 'CTĐ6' }) issuerCode: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Số, ký hiệu văn bản; null khi văn bản không có số (danh sách, bảng tổng hợp, dự thảo).', example: '05/TTr-CTĐ6' }) number: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Ngày, tháng, năm văn bản (YYYY-MM-DD); null với dự thảo chưa ghi ngày.', example: '2020-03-06' }) date: string | null;
  @ApiProperty({ description: 'Tên loại văn bản.', example: 'Tờ trình' }) type: string;
  @ApiProperty({ nullable: true, type: String, description: 'Trích yếu nội dung.' }) summary: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Số trang của văn bản (đếm trên tệp đã phát hành).' }) pageCount: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'Chức vụ của người ký văn bản; nhiều người ký cách nhau bởi "; ".' }) signerPosition: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Họ và tên người ký văn bản, theo thứ tự chức vụ; null khi văn bản chưa ghi tên người ký.' }) signerName: string | null;
  @ApiProperty({ type: [String], description: 'Nơi nhận.' }) recipients: string[];
}

export class DocumentInfoView {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'PLEDGE', description: 'Loại tài liệu; PLEDGE_SIGNED là một bản của tệp giao ước ký số (mỗi chữ ký thêm một bản).' }) kind: string;
  @ApiProperty() title: string;
  @ApiProperty() statusLabel: string;
  @ApiProperty() clusterName: string;
  @ApiProperty() year: number;
  @ApiProperty({ description: 'Phiên bản của hồ sơ khi phát hành.' }) sourceVersion: number;
  @ApiProperty() sha256: string;
  @ApiProperty() sizeBytes: number;
  @ApiProperty() issuedAt: string;
  @ApiProperty() verifyUrl: string;
  @ApiProperty({ type: ElectronicRecordView, nullable: true, description: 'Thông tin đầu vào của dữ liệu quản lý văn bản đi (Nghị định 30/2020/NĐ-CP, Phụ lục VI, Phần II, mục I); null với tài liệu phát hành trước khi hệ thống lưu các thông tin này.' })
  record: ElectronicRecordView | null;
}

export class VerificationView {
  @ApiProperty({ description: 'true: tệp đúng là tài liệu hệ thống đã phát hành, không bị thay đổi.' }) intact: boolean;
  @ApiProperty({ type: DocumentInfoView, nullable: true }) document: DocumentInfoView | null;
  @ApiProperty() sha256: string;
  @ApiProperty() message: string;
  @ApiProperty({ type: () => [SignatureReportView], required: false, description: 'Các chữ ký số trong tệp, theo từng phiên bản (khi tải tệp lên).' }) signatures?: SignatureReportView[];
}

/** One signature of a PDF and what it proves (PAdES, revision by revision). */
export class SignatureReportView {
  @ApiProperty({ description: 'Thứ tự chữ ký trong tệp (1 là chữ ký đầu tiên).' }) index: number;
  @ApiProperty({ description: 'Phiên bản của tệp mà chữ ký khép lại (1 là phiên bản đầu).' }) revision: number;
  @ApiProperty({ description: 'Tên ô chữ ký: member-<mã đơn vị> hoặc organisation-<mã cụm>.' }) fieldName: string;
  @ApiProperty({ nullable: true, type: String, description: 'Đơn vị thành viên có ô chữ ký này.' }) unitId: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Tên đơn vị thành viên hoặc cụm thi đua có ô chữ ký này, nếu hệ thống biết.' }) holderName: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Người hoặc tổ chức đứng tên chứng thư số (CN của chủ thể chứng thư).' }) signerName: string | null;
  @ApiProperty({ example: 'ETSI.CAdES.detached' }) subFilter: string;
  @ApiProperty({ nullable: true, type: String }) certificateSubject: string | null;
  @ApiProperty({ nullable: true, type: String }) certificateSha256: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Thời điểm ký (ISO 8601).' }) signingTime: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Thời điểm ghi trong dấu thời gian RFC 3161 của chữ ký (PAdES-B-T), khi dấu hợp lệ.' }) timestampTime: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Máy chủ cấp dấu thời gian (chủ thể chứng thư số của TSA).' }) timestampAuthority: string | null;
  @ApiProperty({ description: 'Chứng thư số của máy chủ cấp dấu thời gian chuỗi tới chứng thư gốc tin cậy và còn hiệu lực lúc cấp dấu.' }) timestampTrusted: boolean;
  @ApiProperty({ enum: ['good', 'revoked', 'unknown'], description: 'Tình trạng thu hồi theo dữ liệu lưu trong tệp (DSS), kiểm tra ngoại tuyến: good (chưa bị thu hồi), revoked, unknown (không có dữ liệu).' }) revocation: 'good' | 'revoked' | 'unknown';
  @ApiProperty({ nullable: true, enum: ['B-B', 'B-T', 'B-LT'], description: 'Mức PAdES đạt được: B-B, B-T (có dấu thời gian tin cậy), B-LT (và dữ liệu kiểm tra lưu trong tệp).' }) level: 'B-B' | 'B-T' | 'B-LT' | null;
  @ApiProperty({ description: 'Nội dung đã ký không đổi và chữ ký khớp với chứng thư số.' }) intact: boolean;
  @ApiProperty({ description: 'Chứng thư số chuỗi tới một chứng thư gốc tin cậy.' }) trusted: boolean;
  @ApiProperty({ description: 'Chứng thư số còn hiệu lực vào thời điểm ký.' }) validAtSigningTime: boolean;
  @ApiProperty({ description: 'Chứng thư số thuộc về đơn vị có ô chữ ký (hoặc thư ký cụm ghi nhận chữ ký trên bản giấy của đơn vị).' }) belongsToFieldHolder: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'Đơn vị ký trên bản giấy ngày này; ô chữ ký do thư ký cụm ghi nhận và ký số.' }) paperSignedOn: string | null;
  @ApiProperty({ type: [Number], description: 'Các phiên bản sau chữ ký này đã thay đổi nội dung hiển thị, hoặc đã thêm, sửa phần khác ngoài chữ ký và dữ liệu xác thực.' }) changedByRevisions: number[];
  @ApiProperty({ description: 'Đạt mọi kiểm tra trên.' }) valid: boolean;
  @ApiProperty({ type: [String] }) problems: string[];
}

export class TrustedRootView {
  @ApiProperty() sha256: string;
  @ApiProperty() subject: string;
  @ApiProperty() validFrom: string;
  @ApiProperty() validTo: string;
}
