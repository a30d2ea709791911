import { Injectable } from '@nestjs/common';
import { X509Certificate } from 'node:crypto';
import { holderName } from '../documents/signing/pades/certificates';
import { verifyPdfSignatures } from '../documents/signing/pades/verify';
import { UnitKeysService } from '../documents/signing/unit-keys.service';
import { ClustersRepository } from '../clusters/clusters.repository';
import { rawQuery } from '../database/raw-sql';
import { UnitOfWork } from '../database/unit-of-work';
import { UnitsRepository } from '../units/units.repository';
import type { SignatureReportView } from './documents.dto';

/** Who signed what, revision by revision, in a PDF signed by several members (the pledge's signed file). */
@Injectable()
export class SignatureReportService {
  constructor(
    private readonly keys: UnitKeysService,
    private readonly uow: UnitOfWork,
    private readonly units: UnitsRepository,
    private readonly clusters: ClustersRepository,
  ) {}

  /** The name of the unit (member-<id>) or cluster (organisation-<id>) a signature field belongs to, if the system knows it. */
  private fieldOwnerName(fieldName: string): Promise<string | null> {
    const unit = /^member-([0-9a-f-]{36})$/.exec(fieldName)?.[1];
    const cluster = /^organisation-([0-9a-f-]{36})$/.exec(fieldName)?.[1];
    if (!unit && !cluster) return Promise.resolve(null);
    return this.uow.read(async (m) => (unit ? (await this.units.find(m, unit))?.name : (await this.clusters.find(m, cluster!))?.name) ?? null);
  }

  /**
   * The day on the paper when `certificateSha256` is the key of the cluster whose pledge (the file's: its id is in the
   * PDF's keywords, "thidua-doc:<id>") records, or recorded before a withdrawal, the unit's signature on paper; else null.
   */
  private async paperAttested(pledgeId: string | null, unitId: string, certificateSha256: string): Promise<string | null> {
    if (!pledgeId) return null;
    const rows = await this.uow.read((m) => rawQuery<{ cluster_id: string; paper_signed_on: string }>(m, 'SELECT p.cluster_id, s.paper_signed_on FROM pledge_signatures s JOIN pledges p ON p.id = s.pledge_id WHERE s.pledge_id = ? AND s.unit_id = ? AND s.paper_signed_on IS NOT NULL ORDER BY s.signed_at DESC', [pledgeId, unitId]));
    for (const r of rows) if ((await this.keys.certificatesOf(`cluster-${r.cluster_id}`)).includes(certificateSha256)) return r.paper_signed_on;
    return null;
  }

  async report(pdf: Buffer): Promise<SignatureReportView[]> {
    const roots = await this.keys.trustedRoots();
    let checks;
    try {
      checks = verifyPdfSignatures(pdf, roots).signatures;
    } catch {
      return [];
    }
    const documentId = /\(thidua-doc:([0-9a-f-]{36})\)/.exec(pdf.toString('latin1'))?.[1] ?? null;
    return Promise.all(checks.map(async (c) => {
      // Fields are named after their holder: member-<unit id>, organisation-<cluster id>.
      const holder = /^member-(.+)$/.exec(c.fieldName)?.[1] ?? (/^organisation-(.+)$/.exec(c.fieldName) ? `cluster-${c.fieldName.slice('organisation-'.length)}` : null);
      const own = holder !== null && c.certificateSha256 !== null && (await this.keys.certificatesOf(holder)).includes(c.certificateSha256);
      // A member that signed on paper: its field is signed by the cluster's secretariat that recorded it.
      const paperSignedOn = !own && holder && !holder.startsWith('cluster-') && c.certificateSha256 ? await this.paperAttested(documentId, holder, c.certificateSha256) : null;
      const belongs = own || paperSignedOn !== null;
      const problems = [...c.problems];
      if (holder && !belongs) problems.push('Chứng thư số không phải của đơn vị có ô chữ ký này.');
      return {
        index: c.index,
        revision: c.revision,
        fieldName: c.fieldName,
        holderName: await this.fieldOwnerName(c.fieldName),
        signerName: c.certificatePem ? holderName(new X509Certificate(c.certificatePem)) : null,
        unitId: holder?.startsWith('cluster-') ? null : holder,
        subFilter: c.subFilter,
        certificateSubject: c.certificateSubject,
        certificateSha256: c.certificateSha256,
        signingTime: c.signingTime,
        timestampTime: c.timestampTime,
        timestampAuthority: c.timestampAuthority,
        timestampTrusted: c.timestampTrusted,
        revocation: c.revocation,
        level: c.level,
        intact: c.intact,
        trusted: c.trusted,
        validAtSigningTime: c.validAtSigningTime,
        belongsToFieldHolder: belongs,
        paperSignedOn,
        changedByRevisions: c.changedByRevisions,
        // A timestamp token that does not verify fails the signature (a TSA outside the trust store only keeps it at
        // B-B, shown with the level); a certificate revoked by the signing time fails it.
        valid: c.intact && c.trusted && c.validAtSigningTime && belongs && c.changedByRevisions.length === 0 && !(c.timestampAuthority !== null && c.timestampTime === null) && c.revocation !== 'revoked',
        problems,
      };
    }));
  }
}
