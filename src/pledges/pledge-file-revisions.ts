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
  /** Stores `pdf` as a new revision and makes it the latest. */
  save(pdf: Buffer): Promise<void>;
  /**
   * Stores `pdf` as a revision without making it the latest: the answer makes it the latest inside the caller's
   * transaction, so that what the revision records (an uploaded signature) and the pointer commit together.
   */
  stage(pdf: Buffer): Promise<(m: EntityManager) => Promise<void>>;
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
    const pointIn = (m: EntityManager, path: string | null, sha256: string | null) =>
      executeRaw(m, 'UPDATE pledges SET signed_file_path = ?, signed_file_sha256 = ? WHERE id = ?', [path, sha256, pledgeId]);
    // A revision's content is stored before anything points at it (stored twice, it is the same file).
    const stage = async (pdf: Buffer) => {
      const path = revisionPath(pledgeId, pdf);
      const sha256 = await this.files.put(path, pdf);
      return (m: EntityManager) => pointIn(m, path, sha256).then(() => undefined);
    };
    const save = async (pdf: Buffer) => {
      const point = await stage(pdf);
      await write(point);
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
    return job({ latest, save, stage, clear: () => write((m) => pointIn(m, null, null)).then(() => undefined) });
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

const revisionPath = (pledgeId: string, pdf: Buffer): string => `pledges/${pledgeId}/${sha256Hex(pdf)}.pdf`;
