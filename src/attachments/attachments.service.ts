import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../common/auth/principal';
import { join } from 'node:path';
import { sha256Hex } from '../common/durable-file';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-codes';
import { nowIso } from '../common/time';
import { cleanFileName } from '../common/validation/input-hygiene';
import { FileStore } from '../database/file-store';
import { evidenceType } from '../documents/file-types';
import type { Attachment } from './attachment.entity';
import type { AttachmentKind } from './attachment-kind';
import { AttachmentsRepository } from './attachments.repository';

/** An upload as multer hands it. */
export interface Upload {
  originalname: string;
  buffer: Buffer;
}

/** An upload whose type was checked against its bytes, not yet stored. */
export interface AcceptedUpload {
  bytes: Buffer;
  fileName: string;
  mimeType: string;
  extension: string;
}

/** A file stored on disk: what its row records besides its id, its owner, the uploader and the time. */
export type StoredFile = Pick<Attachment, 'fileName' | 'mimeType' | 'sizeBytes' | 'sha256' | 'filePath'>;

/** A stored file read back for a download (sent with sendUploadedFile). */
export interface OpenedFile {
  fileName: string;
  mimeType: string;
  content: Buffer;
}

/**
 * The one flow of attached files (evidence of score sheets, achievement reports of proposals): check the upload,
 * store its bytes durably by hash before the write transaction, record the row, list, open for a download. The
 * features keep the transaction, the access checks, their own rules and the audit entry.
 */
@Injectable()
export class AttachmentsService {
  constructor(
    private readonly files: FileStore,
    private readonly repo: AttachmentsRepository,
  ) {}

  /** The upload with its type sniffed from its bytes and its name cleaned; a refused file throws the 400 (InvalidFile). */
  accept<T extends Attachment>(kind: AttachmentKind<T>, file: Upload): AcceptedUpload {
    const type = evidenceType(file.originalname, file.buffer, kind.what);
    if ('problem' in type) throw AppException.field(ErrorCode.InvalidFile, 'file', type.problem);
    return { bytes: file.buffer, fileName: cleanFileName(file.originalname), mimeType: type.mime, extension: type.extension };
  }

  /**
   * Stores the bytes under <folder>/<year>, named by their SHA-256 (the data folder on SQLite, the shared
   * `stored_files` table on PostgreSQL: see FileStore), once per content. Called before the write
   * transaction, outside its lock (UploadTargetGuard checked access before the body was read): a transaction
   * that then fails leaves a harmless orphan, and the same content is stored once.
   */
  async store<T extends Attachment>(kind: AttachmentKind<T>, upload: AcceptedUpload, year: number): Promise<StoredFile> {
    const sha256 = sha256Hex(upload.bytes);
    const relative = join(kind.folder, String(year), `${sha256}.${upload.extension}`);
    await this.files.put(relative, upload.bytes);
    return { fileName: upload.fileName, mimeType: upload.mimeType, sizeBytes: upload.bytes.length, sha256, filePath: relative };
  }

  /** Records a stored file as attached (`owned`: the owner and the kind's own fields), uploaded by the caller now; answers the row. */
  async attach<T extends Attachment>(m: EntityManager, kind: AttachmentKind<T>, p: Principal, stored: StoredFile, owned: Omit<T, keyof Attachment>): Promise<T> {
    const row = { id: randomUUID(), ...owned, ...stored, uploadedBy: p.username, uploadedAt: nowIso() } as T;
    await this.repo.insert(m, kind, row);
    return row;
  }

  /** The files attached to one owner, oldest first. */
  list<T extends Attachment>(m: EntityManager, kind: AttachmentKind<T>, ownerId: string): Promise<T[]> {
    return this.repo.list(m, kind, ownerId);
  }

  /** One file attached to that owner, or 404 naming the kind's route parameter. */
  async find<T extends Attachment>(m: EntityManager, kind: AttachmentKind<T>, ownerId: string, id: string): Promise<T> {
    const file = await this.repo.find(m, kind, ownerId, id);
    if (!file) throw AppException.notFound(kind.notFound.what, kind.notFound.field);
    return file;
  }

  /** Detaches one file (the caller checked access and audits). */
  remove<T extends Attachment>(m: EntityManager, kind: AttachmentKind<T>, id: string): Promise<void> {
    return this.repo.remove(m, kind, id);
  }

  /** One attached file's bytes, checked against their hash: 404 when it is not attached there, 500 when the bytes are gone or changed. */
  async open<T extends Attachment>(m: EntityManager, kind: AttachmentKind<T>, ownerId: string, id: string): Promise<OpenedFile> {
    const file = await this.repo.find(m, kind, ownerId, id);
    if (!file) throw AppException.notFound(kind.notFound.what, kind.notFound.field);
    const content = await this.files.read(file.filePath, file.sha256);
    if (!content) throw new AppException(ErrorCode.Internal, kind.missing);
    return { fileName: file.fileName, mimeType: file.mimeType, content };
  }
}
