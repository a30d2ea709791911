import { ApiProperty } from '@nestjs/swagger';
import type { Response } from 'express';
import { attachmentHeader } from '../documents/excel/table-workbook';

/**
 * Sends a file that a user uploaded (evidence, achievement report). Such a file is never shown inline from the
 * application's origin: always an attachment, its type not sniffed, and a sandboxing policy in case a browser
 * renders it anyway (a PDF or SVG with a script then runs in an opaque origin with nothing allowed).
 */
export function sendUploadedFile(res: Response, file: { fileName: string; mimeType: string; content: Buffer }): void {
  res.setHeader('Content-Type', file.mimeType);
  res.setHeader('Content-Disposition', attachmentHeader(file.fileName));
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Content-Security-Policy', "sandbox; default-src 'none'");
  res.send(file.content);
}

/** A file a user uploaded, as the API lists it (evidence, achievement reports). */
export class UploadedFileView {
  @ApiProperty() id: string;
  @ApiProperty() fileName: string;
  @ApiProperty() mimeType: string;
  @ApiProperty() sizeBytes: number;
  @ApiProperty() sha256: string;
  @ApiProperty() uploadedBy: string;
  @ApiProperty() uploadedAt: string;
}
