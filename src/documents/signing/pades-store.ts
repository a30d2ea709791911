import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DataSource } from 'typeorm';
import { sha256Hex } from '../../common/durable-file';
import { AppException } from '../../common/errors/app.exception';
import { ErrorCode } from '../../common/errors/error-codes';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.tokens';

/**
 * Where the signing state lives (the demo CA, units' keys and certificates, the trust store, CRLs, appearance images),
 * by a path relative to data/pades. SQLite (one machine): that folder, every file mode 600. PostgreSQL (any number of
 * instances): the table `pades_files` (bytes and their SHA-256, checked on every read), so every instance signs with
 * the same keys and trusts the same roots. Keys are stored encrypted (PKCS#8) in both, as the caller writes them.
 */
@Injectable()
export class PadesStore {
  private readonly logger = new Logger(PadesStore.name);
  private readonly inDatabase: boolean;
  private readonly dir: string;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.inDatabase = dataSource.options.type === 'postgres';
    this.dir = join(config.dataDir, 'pades');
  }

  /** The bytes at `path`, or null; throws when the database's bytes no longer match their hash. */
  async read(path: string): Promise<Buffer | null> {
    if (!this.inDatabase) {
      const file = join(this.dir, path);
      return existsSync(file) && statSync(file).isFile() ? readFileSync(file) : null;
    }
    const select = () => this.dataSource.query('SELECT sha256, content FROM pades_files WHERE path = $1', [path]) as Promise<Array<{ sha256: string; content: Buffer }>>;
    let [row] = await select();
    if (!row && (await this.adopt(path))) [row] = await select();
    if (!row) return null;
    if (sha256Hex(row.content) !== row.sha256) {
      this.logger.error(`The signing state at pades/${path} was altered: its SHA-256 no longer matches.`);
      throw new AppException(ErrorCode.Internal, 'Dữ liệu ký số lưu trữ (khóa, chứng thư số) bị thay đổi. Vui lòng báo quản trị hệ thống.');
    }
    return row.content;
  }

  /** Stores `bytes` at `path`, replacing what was there. */
  async write(path: string, bytes: Buffer | string): Promise<void> {
    const content = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes, 'utf8');
    if (!this.inDatabase) return this.writeFile(path, content);
    await upsert(this.dataSource, path, content, 'replace');
  }

  async remove(path: string): Promise<void> {
    if (this.inDatabase) await this.dataSource.query('DELETE FROM pades_files WHERE path = $1', [path]);
    else rmSync(join(this.dir, path), { force: true });
  }

  /** The names of the files directly in `folder` (not in its subfolders). */
  async list(folder: string): Promise<string[]> {
    if (!this.inDatabase) {
      const dir = join(this.dir, folder);
      return existsSync(dir) ? readdirSync(dir).filter((f) => statSync(join(dir, f)).isFile()) : [];
    }
    const legacy = join(this.dir, folder);
    if (existsSync(legacy)) for (const f of readdirSync(legacy)) await this.adopt(`${folder}/${f}`);
    const prefix = `${folder}/`;
    const rows = (await this.dataSource.query('SELECT path FROM pades_files WHERE starts_with(path, $1) ORDER BY path', [prefix])) as Array<{ path: string }>;
    return rows.map((r) => r.path.slice(prefix.length)).filter((name) => !name.includes('/'));
  }

  /**
   * Creates files that belong together (a key and its certificate) once, whichever instance comes first: when the
   * first path is absent, `make` gives the files and they are all stored, unless another instance stored them
   * meanwhile (PostgreSQL: under a transaction-scoped advisory lock on the path, re-checked inside it). The caller
   * reads them back afterwards, so every instance uses the winner's.
   */
  async createOnce(first: string, make: () => Array<[string, Buffer | string]>): Promise<void> {
    if (!this.inDatabase) {
      // One instance, and no await between the check and the writes: nothing can come between them.
      if (!existsSync(join(this.dir, first))) for (const [path, bytes] of make()) this.writeFile(path, Buffer.from(bytes));
      return;
    }
    if (await this.exists(first)) return;
    const files = make();
    await this.dataSource.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`pades:${first}`]);
      const [taken] = (await m.query('SELECT 1 FROM pades_files WHERE path = $1', [first])) as unknown[];
      if (taken) return;
      for (const [path, bytes] of files) await upsert(m, path, Buffer.from(bytes), 'replace');
    });
  }

  async exists(path: string): Promise<boolean> {
    if (!this.inDatabase) return existsSync(join(this.dir, path));
    const select = async () => ((await this.dataSource.query('SELECT 1 FROM pades_files WHERE path = $1', [path])) as unknown[]).length > 0;
    return (await select()) || ((await this.adopt(path)) && select());
  }

  /**
   * PostgreSQL: a file an earlier version kept in this instance's data/pades folder (an instance upgraded in place)
   * joins the table unless the path is taken there already — the first instance's wins —, and the local copy is
   * renamed <name>.adopted so that a later removal is not undone. Answers whether there was one.
   */
  private async adopt(path: string): Promise<boolean> {
    const file = join(this.dir, path);
    if (path.endsWith('.adopted') || !existsSync(file) || !statSync(file).isFile()) return false;
    await upsert(this.dataSource, path, readFileSync(file), 'keep');
    renameSync(file, `${file}.adopted`);
    return true;
  }

  private writeFile(path: string, content: Buffer): void {
    const file = join(this.dir, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content, { mode: 0o600 });
    chmodSync(file, 0o600);
  }
}

/** PostgreSQL: stores the bytes at `path`, replacing what is there or keeping it. */
async function upsert(db: { query(sql: string, params: unknown[]): Promise<unknown> }, path: string, content: Buffer, existing: 'replace' | 'keep'): Promise<void> {
  const conflict = existing === 'replace' ? 'DO UPDATE SET sha256 = excluded.sha256, content = excluded.content, updated_at = excluded.updated_at' : 'DO NOTHING';
  await db.query(`INSERT INTO pades_files (path, sha256, content, updated_at) VALUES ($1, $2, $3, $4) ON CONFLICT (path) ${conflict}`, [path, sha256Hex(content), content, new Date().toISOString()]);
}
