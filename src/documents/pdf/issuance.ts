import { SYSTEM_NAME } from '../../common/system-name';
/** An issued document's identity, or nulls for a draft that is not issued. */
export interface Issuance {
  documentId: string | null;
  verifyUrl: string | null;
}

/**
 * The footer of a document: issued, its id with the QR code and address to verify it; a draft that is not issued,
 * the watermark and what the draft is (no number, no signature, nothing to verify).
 */
export function issuanceFooter(doc: Issuance, draftNote: string): { qrText: string | null; lines: string[]; watermark: string | null } {
  return doc.documentId && doc.verifyUrl
    ? { qrText: doc.verifyUrl, lines: [`Văn bản do ${SYSTEM_NAME} phát hành và ký số. Mã tài liệu: ${doc.documentId}.`, 'Kiểm tra tính toàn vẹn tại:', doc.verifyUrl], watermark: null }
    : { qrText: null, lines: [draftNote], watermark: 'DỰ THẢO' };
}
