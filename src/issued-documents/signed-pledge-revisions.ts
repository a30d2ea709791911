import { Injectable } from '@nestjs/common';
import { ORGANIZER_SHORT_JOIN } from '../clusters/cluster-tag';
import { clusterTag } from '../common/cluster-label';
import { FileStore } from '../database/file-store';
import { rawQuery } from '../database/raw-sql';
import { UnitOfWork } from '../database/unit-of-work';

/** A revision of a pledge's signed file, as the verification answer describes it. */
export interface SignedPledgeRevision {
  pledgeId: string;
  title: string;
  clusterName: string;
  year: number;
  /** The pledge now points at this revision (no signature was added after it). */
  latest: boolean;
  /** When the revision was stored (ISO 8601). */
  storedAt: string;
}

/**
 * The pledge's signed file is not in the register of issued documents: each signer adds a revision, stored once under
 * pledges/<pledge id>/<sha256>.pdf (PledgeFileRevisions). A file whose metadata names a pledge and whose SHA-256 is one
 * of that pledge's stored revisions is exactly a file the system kept, though not necessarily the latest.
 */
@Injectable()
export class SignedPledgeRevisions {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly files: FileStore,
  ) {}

  async find(pledgeId: string, sha256: string): Promise<SignedPledgeRevision | null> {
    const storedAt = await this.files.storedAt(`pledges/${pledgeId}/${sha256}.pdf`, sha256);
    if (!storedAt) return null;
    const [row] = await this.uow.read((m) =>
      rawQuery<{ title: string; year: number; cluster_name: string; organizer_short: string; signed_file_sha256: string | null }>(
        m,
        `SELECT p.title, p.year, c.name AS cluster_name, org.short_name AS organizer_short, p.signed_file_sha256 FROM pledges p JOIN clusters c ON c.id = p.cluster_id ${ORGANIZER_SHORT_JOIN} WHERE p.id = ?`,
        [pledgeId],
      ),
    );
    if (!row) return null;
    return { pledgeId, title: row.title, clusterName: clusterTag(row.cluster_name, row.organizer_short), year: Number(row.year), latest: row.signed_file_sha256 === sha256, storedAt };
  }
}
