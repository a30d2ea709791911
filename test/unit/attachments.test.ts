import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { DataSource, EntityManager } from 'typeorm';
import { Attachment } from '../../src/attachments/attachment.entity';
import type { AttachmentKind } from '../../src/attachments/attachment-kind';
import type { AttachmentsRepository } from '../../src/attachments/attachments.repository';
import { AttachmentsService } from '../../src/attachments/attachments.service';
import { attachmentView } from '../../src/attachments/attachments.views';
import type { Principal } from '../../src/common/auth/principal';
import { Role } from '../../src/common/auth/roles';
import { AppException } from '../../src/common/errors/app.exception';
import { ErrorCode } from '../../src/common/errors/error-codes';
import type { AppConfig } from '../../src/config/app-config';
import { FileStore } from '../../src/database/file-store';

class Note extends Attachment {
  pageId: string;
  label: string;
}

const NOTES: AttachmentKind<Note> = {
  entity: Note,
  owner: 'pageId',
  folder: 'notes',
  maxBytes: 1024,
  what: 'tệp ghi chú',
  notFound: { what: 'ghi chú', field: 'noteId' },
  missing: 'Tệp ghi chú bị mất hoặc bị thay đổi.',
};

/** The repository as the service uses it, over one array. */
class FakeRepository {
  readonly rows: Note[] = [];
  list(_m: EntityManager, kind: AttachmentKind<Note>, ownerId: string): Promise<Note[]> {
    return Promise.resolve(this.rows.filter((r) => r[kind.owner] === ownerId));
  }
  find(_m: EntityManager, kind: AttachmentKind<Note>, ownerId: string, id: string): Promise<Note | null> {
    return Promise.resolve(this.rows.find((r) => r.id === id && r[kind.owner] === ownerId) ?? null);
  }
  insert(_m: EntityManager, _kind: AttachmentKind<Note>, row: Note): Promise<void> {
    this.rows.push(row);
    return Promise.resolve();
  }
}

const dataDir = mkdtempSync(join(tmpdir(), 'attachments-'));
after(() => rmSync(dataDir, { recursive: true, force: true }));
const repo = new FakeRepository();
const files = new FileStore({ options: { type: 'better-sqlite3' } } as DataSource, { dataDir } as AppConfig);
const service = new AttachmentsService(files, repo as unknown as AttachmentsRepository);
const m = {} as EntityManager;
const p = { username: 'cum6.secretary', role: Role.ClusterSecretary } as Principal;
const pdf = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n');
const sha = createHash('sha256').update(pdf).digest('hex');

function refused(code: ErrorCode, field: string, message: RegExp) {
  return (e: unknown) => e instanceof AppException && e.code === code && e.details[0]?.field === field && message.test(e.message);
}

describe('attachments: accepting an upload', () => {
  it('sniffs the type from the bytes and cleans the name', () => {
    const accepted = service.accept(NOTES, { originalname: 'thư mục/Báo cáo\u200b.PDF'.normalize('NFD'), buffer: pdf });
    assert.equal(accepted.mimeType, 'application/pdf');
    assert.equal(accepted.extension, 'pdf');
    assert.equal(accepted.fileName, 'thư mục_Báo cáo.PDF'.normalize('NFC'));
    assert.equal(accepted.bytes, pdf);
  });

  it('refuses an extension it does not take, naming the file as the kind does', () => {
    assert.throws(() => service.accept(NOTES, { originalname: 'x.exe', buffer: pdf }), refused(ErrorCode.InvalidFile, 'file', /^Chỉ nhận tệp ghi chú dạng pdf, /));
  });

  it('refuses bytes that are not what the extension says', () => {
    assert.throws(() => service.accept(NOTES, { originalname: 'x.pdf', buffer: Buffer.from('MZ not a pdf') }), refused(ErrorCode.InvalidFile, 'file', /không đúng với phần mở rộng \.pdf/));
  });
});

describe('attachments: storing, recording, opening', () => {
  it('stores the bytes once under folder/year, named by their hash', async () => {
    const stored = await service.store(NOTES, service.accept(NOTES, { originalname: 'a.pdf', buffer: pdf }), 2021);
    assert.deepEqual(stored, { fileName: 'a.pdf', mimeType: 'application/pdf', sizeBytes: pdf.length, sha256: sha, filePath: join('notes', '2021', `${sha}.pdf`) });
    const path = join(dataDir, stored.filePath);
    assert.deepEqual(readFileSync(path), pdf);
    const written = statSync(path).mtimeMs;
    const again = await service.store(NOTES, service.accept(NOTES, { originalname: 'b.pdf', buffer: pdf }), 2021);
    assert.equal(again.filePath, stored.filePath);
    assert.equal(statSync(path).mtimeMs, written);
  });

  it('records the row with its owner, the uploader and the time, and lists it', async () => {
    const stored = await service.store(NOTES, service.accept(NOTES, { originalname: 'c.pdf', buffer: pdf }), 2021);
    const row = await service.attach(m, NOTES, p, stored, { pageId: 'page-1', label: 'L' });
    assert.match(row.id, /^[0-9a-f-]{36}$/);
    assert.equal(row.pageId, 'page-1');
    assert.equal(row.label, 'L');
    assert.equal(row.uploadedBy, 'cum6.secretary');
    assert.ok(!Number.isNaN(Date.parse(row.uploadedAt)));
    assert.deepEqual(await service.list(m, NOTES, 'page-1'), [row]);
    assert.deepEqual(await service.list(m, NOTES, 'page-2'), []);
  });

  it('opens a file attached there; another owner\'s file is not found', async () => {
    const [row] = await service.list(m, NOTES, 'page-1');
    assert.deepEqual(await service.open(m, NOTES, 'page-1', row.id), { fileName: 'c.pdf', mimeType: 'application/pdf', content: pdf });
    await assert.rejects(service.open(m, NOTES, 'page-2', row.id), (e: unknown) => e instanceof AppException && e.code === ErrorCode.NotFound && e.message === 'Không tìm thấy ghi chú.' && e.details[0]?.field === 'noteId');
  });

  it('answers the kind\'s 500 when the stored bytes changed or are gone', async () => {
    const [row] = await service.list(m, NOTES, 'page-1');
    writeFileSync(join(dataDir, row.filePath), Buffer.concat([pdf, Buffer.from('x')]));
    await assert.rejects(service.open(m, NOTES, 'page-1', row.id), (e: unknown) => e instanceof AppException && e.code === ErrorCode.Internal && e.message === NOTES.missing);
    rmSync(join(dataDir, row.filePath));
    await assert.rejects(service.open(m, NOTES, 'page-1', row.id), (e: unknown) => e instanceof AppException && e.code === ErrorCode.Internal && e.message === NOTES.missing);
  });

  it('views a file with the fields every kind shows, in their order', async () => {
    const [row] = await service.list(m, NOTES, 'page-1');
    assert.deepEqual(Object.keys(attachmentView(row)), ['id', 'fileName', 'mimeType', 'sizeBytes', 'sha256', 'uploadedBy', 'uploadedAt']);
  });
});
