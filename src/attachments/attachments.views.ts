import type { Attachment } from './attachment.entity';
import type { UploadedFileView } from './attachments.dto';

/** The API's view of an attached file (what every kind shows; a kind adds its own fields). */
export const attachmentView = (a: Attachment): UploadedFileView => ({
  id: a.id,
  fileName: a.fileName,
  mimeType: a.mimeType,
  sizeBytes: a.sizeBytes,
  sha256: a.sha256,
  uploadedBy: a.uploadedBy,
  uploadedAt: a.uploadedAt,
});
