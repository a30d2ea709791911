import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.tokens';
import { readVerified, sha256Hex, removeIfPresent, writeDurably } from '../common/durable-file';
import { existsSync, statSync } from 'node:fs';

/**
 * Where stored files live (uploads and issued documents), under a path relative to the store, checked against
 * their SHA-256 when read. SQLite (one machine): the data folder, written durably. PostgreSQL (any number of
 * instances): the table `stored_files`, so every instance reads what any one of them stored — each write is its
 * own committed statement, made before the transaction that records the file (as the folder's write is).
 */
@Injectable()
export class FileStore {
  private readonly inDatabase: boolean;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.inDatabase = dataSource.options.type === 'postgres';
  }

  /** Stores the bytes under `relative` unless that path holds them already; answers their SHA-256. */
  async put(relative: string, bytes: Buffer): Promise<string> {
    const sha256 = sha256Hex(bytes);
    if (this.inDatabase) {
      await this.dataSource.query(
        'INSERT INTO stored_files (path, sha256, size_bytes, content, stored_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (path) DO NOTHING',
        [relative, sha256, bytes.length, bytes, new Date().toISOString()],
      );
    } else {
      const absolute = join(this.config.dataDir, relative);
      if (!existsSync(absolute)) writeDurably(absolute, bytes);
    }
    return sha256;
  }

  /** The bytes when they are present and still match `sha256`; null otherwise (gone, or altered). */
  async read(relative: string, sha256: string): Promise<Buffer | null> {
    if (!this.inDatabase) return readVerified(this.config.dataDir, relative, sha256);
    const [row] = (await this.dataSource.query('SELECT content FROM stored_files WHERE path = $1', [relative])) as Array<{ content: Buffer }>;
    return row && sha256Hex(row.content) === sha256 ? row.content : null;
  }

  /** When the file was stored, if `relative` holds exactly the bytes of `sha256`; null otherwise. */
  async storedAt(relative: string, sha256: string): Promise<string | null> {
    if (!this.inDatabase) {
      if (!readVerified(this.config.dataDir, relative, sha256)) return null;
      return statSync(join(this.config.dataDir, relative)).mtime.toISOString();
    }
    const [row] = (await this.dataSource.query('SELECT sha256, stored_at FROM stored_files WHERE path = $1', [relative])) as Array<{ sha256: string; stored_at: string }>;
    return row && row.sha256 === sha256 ? row.stored_at : null;
  }

  /** Removes a file that no record refers to (an issue that lost its race). */
  async remove(relative: string): Promise<void> {
    if (this.inDatabase) await this.dataSource.query('DELETE FROM stored_files WHERE path = $1', [relative]);
    else removeIfPresent(join(this.config.dataDir, relative));
  }
}
