import { Inject, Injectable, Logger } from '@nestjs/common';
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { EntityManager } from 'typeorm';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-codes';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.tokens';
import { FileStore } from '../database/file-store';
import { executeRaw, rawQuery } from '../database/raw-sql';
import { sha256Hex } from '../common/durable-file';
import { UnitOfWork } from '../database/unit-of-work';

/** What a job does with the pledge's signed file: its latest revision (null: none yet), and how to replace it. */
export interface PledgeFileAccess {
  latest: Buffer | null;
  /** Stores `pdf` as a new revision and makes it the latest (PointerMoved if the pledge's file changed meanwhile). */
  save(pdf: Buffer): Promise<void>;
  /**
   * Stores `pdf` as a revision without making it the latest: `makeLatest` makes it the latest inside the caller's
   * transaction, so that what the revision records (an uploaded signature) and the pointer commit together;
   * `discard` removes it again when that transaction did not commit (unless it was stored before).
   */
  stage(pdf: Buffer): Promise<{ makeLatest: (m: EntityManager) => Promise<void>; discard: () => Promise<void> }>;
  /** No revision is the latest any more (a withdrawal); the revisions stay stored. */
  clear(): Promise<void>;
}

/**
 * The revisions of a pledge's signed file, shared by every instance: each revision is stored once through the
 * FileStore (PostgreSQL: `stored_files`; SQLite: the data folder) under pledges/<id>/<sha256>.pdf, never changed,
 * and the pledge row points at the latest (signed_file_path, signed_file_sha256). A change runs under a lock on the
 * pledge held across instances — PostgreSQL: a transaction-scoped advisory lock, the pointer re-read inside it;
 * SQLite (one instance): an in-process queue — so two changes never build on the same revision and fork the file.
 */
@Injectable()
export class PledgeFileRevisions {
  private readonly logger = new Logger(PledgeFileRevisions.name);
  /** One change at a time per pledge within this instance (each revision builds on the one before). */
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly uow: UnitOfWork,
    private readonly files: FileStore,
  ) {}

  /** Runs `job` with the latest revision, alone for this pledge among all instances. */
  exclusive<T>(pledgeId: string, job: (file: PledgeFileAccess) => Promise<T>): Promise<T> {
    // The pointer is read and moved by short transactions of their own while the lock is held (each saved revision
    // is committed at once, and the pledge row is never held locked while a TSA is asked).
    const run = () => this.withPointer(pledgeId, (work) => this.uow.write(work), (work) => this.uow.read(work), job);
    return this.serial(pledgeId, () =>
      this.uow.isSqlite
        ? run()
        : this.uow.dataSource.transaction(async (m) => {
            await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`pledge-file:${pledgeId}`]);
            return run();
          }),
    );
  }

  private async withPointer<T>(
    pledgeId: string,
    write: (work: (m: EntityManager) => Promise<unknown>) => Promise<unknown>,
    read: <R>(work: (m: EntityManager) => Promise<R>) => Promise<R>,
    job: (file: PledgeFileAccess) => Promise<T>,
  ): Promise<T> {
    const [row] = await read((m) => rawQuery<{ signed_file_path: string | null; signed_file_sha256: string | null }>(m, 'SELECT signed_file_path, signed_file_sha256 FROM pledges WHERE id = ?', [pledgeId]));
    // Compare and set: the pointer moves only from the revision this job read (or last wrote). An edit of the pledge or
    // of its criteria clears it in its own transaction, without this lock: a job that built on the old text must not
    // point the pledge back at it (security review 05/12, second read).
    let expected = row?.signed_file_sha256 ?? null;
    const pointIn = async (m: EntityManager, path: string | null, sha256: string | null) => {
      const moved = await executeRaw(m, "UPDATE pledges SET signed_file_path = ?, signed_file_sha256 = ? WHERE id = ? AND COALESCE(signed_file_sha256, '') = ?", [path, sha256, pledgeId, expected ?? '']);
      if (moved !== 1) throw new PointerMoved(pledgeId);
      expected = sha256;
    };
    // A revision's content is stored before anything points at it (stored twice, it is the same file).
    const stage = async (pdf: Buffer) => {
      const path = revisionPath(pledgeId, pdf);
      const before = await this.files.storedAt(path, sha256Hex(pdf));
      const sha256 = await this.files.put(path, pdf);
      return { makeLatest: (m: EntityManager) => pointIn(m, path, sha256), discard: async () => void (before === null && (await this.files.remove(path))) };
    };
    const save = async (pdf: Buffer) => {
      const { makeLatest } = await stage(pdf);
      await write(makeLatest);
    };
    let latest: Buffer | null = null;
    if (row?.signed_file_path && row.signed_file_sha256) {
      latest = await this.files.read(row.signed_file_path, row.signed_file_sha256);
      if (!latest) {
        this.logger.error(`The signed file of pledge ${pledgeId} is missing or altered (${row.signed_file_path}).`);
        throw new AppException(ErrorCode.Internal, 'Tệp ký số của bản giao ước bị mất hoặc bị thay đổi. Vui lòng báo quản trị hệ thống.');
      }
    } else {
      latest = await this.adoptLegacy(pledgeId, save);
    }
    // Setting the file aside is always safe (a withdrawal): no compare.
    const clear = () => write((m) => executeRaw(m, 'UPDATE pledges SET signed_file_path = NULL, signed_file_sha256 = NULL WHERE id = ?', [pledgeId])).then(() => void (expected = null));
    return job({ latest, save, stage, clear });
  }

  /** A file kept by an earlier version in this instance's folder (data/pledges/<id>.signed.pdf) becomes the first revision. */
  private async adoptLegacy(pledgeId: string, save: (pdf: Buffer) => Promise<void>): Promise<Buffer | null> {
    const legacy = join(this.config.dataDir, 'pledges', `${pledgeId}.signed.pdf`);
    if (!existsSync(legacy)) return null;
    const pdf = readFileSync(legacy);
    await save(pdf);
    renameSync(legacy, legacy.replace(/\.pdf$/, '.adopted.pdf'));
    this.logger.log(`Adopted the signed file of pledge ${pledgeId} from the data folder into the shared store.`);
    return pdf;
  }

  private serial<T>(key: string, job: () => Promise<T>): Promise<T> {
    const run = (this.queues.get(key) ?? Promise.resolve()).then(job, job);
    const tail = run.catch(() => undefined);
    this.queues.set(key, tail);
    void tail.then(() => this.queues.get(key) === tail && this.queues.delete(key));
    return run;
  }
}

/** The pledge's signed file changed under a job (an edit withdrew the signatures): nothing the job built is kept. */
export class PointerMoved extends Error {
  constructor(pledgeId: string) {
    super(`The signed file of pledge ${pledgeId} changed while it was being updated.`);
  }
}

const revisionPath = (pledgeId: string, pdf: Buffer): string => `pledges/${pledgeId}/${sha256Hex(pdf)}.pdf`;
