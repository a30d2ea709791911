import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { AccessService } from '../access/access.service';
import { Permission } from '../access/access.policy';
import type { Principal } from '../common/auth/principal';
import { formatDateVi, todayInVietnam } from '../common/time';
import { canonicalJson } from '../audit/audit-chain';
import { CriteriaService } from '../criteria/criteria.service';
import type { CriterionView } from '../criteria/criteria.dto';
import { UnitsRepository } from '../units/units.repository';
import { DocumentNumbersService } from '../issued-documents/document-numbers.service';
import { UnitOfWork } from '../database/unit-of-work';
import { IssuedDocumentsService } from '../issued-documents/issued-documents.service';
import { LAYOUT_VERSION } from '../documents/pdf/decree30';
import { PledgeCriterion, PledgeDocumentData, pledgeRecord, renderPledge } from '../documents/pdf/pledge.pdf';
import { vietnamTime } from '../documents/pdf/vietnamese-dates';
import { DEFAULT_SIGNER_TITLE, signingAuthority } from './pledge-defaults';
import { PledgeState, PledgeStates, markOf } from './pledge-state';
import { PLEDGE_STATUS_LABELS } from './pledge.entity';
import type { PledgeSignature } from './pledge-signature.entity';
import { PledgesService } from './pledges.service';
import { CriteriaTargetsService } from '../criteria/criteria-targets.service';
import { pledgeTargets, ruleWords } from './pledge-targets';

const toPledgeCriterion = (c: CriterionView): PledgeCriterion => ({
  code: c.code,
  text: c.text,
  maxPoints: c.maxPoints,
  kind: c.kind,
  ...(c.measure && c.measure !== 'POINTS' ? { rule: ruleWords(c) } : {}),
  children: c.children.map(toPledgeCriterion),
});

/** The pledge as a signed PDF: assembled from the database, rendered and signed outside the transaction. */
@Injectable()
export class PledgeDocumentService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AccessService,
    private readonly pledges: PledgesService,
    private readonly criteria: CriteriaService,
    private readonly documents: IssuedDocumentsService,
    private readonly states: PledgeStates,
    private readonly units: UnitsRepository,
    private readonly numbers: DocumentNumbersService,
    private readonly targets: CriteriaTargetsService,
  ) {}

  async pdf(p: Principal, clusterId: string, year: number): Promise<{ fileName: string; content: Buffer; documentId: string; sha256: string }> {
    const { data, state } = await this.content(p, clusterId, year);
    // A pledge without a number of its own (one created from the page) takes the next in the cluster's series of
    // its signing year, kept for it: "01/GƯ-CTĐ6".
    if (!data.documentNumber) data.documentNumber = await this.numbers.numberFor(clusterId, state.cluster.documentCode, Number(state.pledge.signingDate.slice(0, 4)), 'GƯ', state.pledge.id);
    const statusLabel = PLEDGE_STATUS_LABELS[state.pledge.status];
    const contentKey = createHash('sha256').update(canonicalJson({ kind: 'PLEDGE', layout: LAYOUT_VERSION, statusLabel, ...data })).digest('hex');
    const { document, content } = await this.documents.issue({
      kind: 'PLEDGE',
      clusterId,
      year,
      sourceId: state.pledge.id,
      sourceVersion: state.pledge.version,
      contentKey,
      title: state.pledge.title,
      statusLabel,
      signature: {
        name: state.cluster.name,
        reason: `Phát hành ${state.pledge.title} (${statusLabel})`,
        location: state.pledge.signingPlace,
      },
      record: pledgeRecord(data),
      render: (documentId, verifyUrl) => renderPledge({ ...data, documentId, verifyUrl }),
    });
    const suffix = state.pledge.status === 'COMPLETE' ? '' : '-du-thao';
    return { fileName: `Giao-uoc-thi-dua-${year}-${state.cluster.documentCode}${suffix}.pdf`, content, documentId: document.id, sha256: document.sha256 };
  }

  /** Everything the pledge PDF shows, read in one transaction (the caller must be able to read the cluster). */
  content(p: Principal, clusterId: string, year: number): Promise<{ data: Omit<PledgeDocumentData, 'documentId' | 'verifyUrl'>; state: PledgeState }> {
    return this.uow.read(async (m) => {
      await this.access.require(m, p, Permission.ClusterRead, clusterId);
      const s = await this.states.load(m, await this.pledges.find(m, clusterId, year));
      const set = await this.criteria.view(m, s.criteriaSet);
      const byUnit = new Map(s.signatures.map((sig) => [sig.unitId, sig]));
      const content: Omit<PledgeDocumentData, 'documentId' | 'verifyUrl'> = {
        // The organiser as named on the signing date (Bộ Thông tin và Truyền thông for a 2020 pledge).
        organizerName: (await this.units.asOf(m, s.cluster.organizerId, s.pledge.signingDate)).name,
        clusterName: s.cluster.name,
        issuerCode: s.cluster.documentCode,
        documentNumber: s.pledge.documentNumber,
        place: s.pledge.signingPlace,
        date: s.pledge.signingDate,
        title: s.pledge.title,
        theme: s.pledge.theme,
        legalBases: JSON.parse(s.pledge.legalBases) as string[],
        purpose: s.pledge.purpose,
        implementation: s.pledge.implementation,
        criteria: set.items.map(toPledgeCriterion),
        totalPoints: set.totalPoints,
        ...pledgeTargets(await this.targets.view(m, s.criteriaSet)),
        signatories: s.members.map((u) => {
          const sig = byUnit.get(u.id);
          return {
            unitName: u.name,
            mark: markOf(s, u.id),
            title: signingAuthority(sig?.signerTitle ?? DEFAULT_SIGNER_TITLE),
            status: signatureStatus(sig),
            signer: sig?.signerName ?? '',
          };
        }),
        draft: s.pledge.status !== 'COMPLETE',
      };
      return { data: content, state: s };
    });
  }
}

/**
 * How a member's signature reads under its name: signed in the system at a time, or signed on paper on a day (the
 * signing conference, a past year entered later) and when the secretariat entered it — never as if signed the day
 * it was entered.
 */
export function signatureStatus(sig: Pick<PledgeSignature, 'signedAt' | 'paperSignedOn'> | undefined): string {
  if (!sig) return '(Chưa ký)';
  if (sig.paperSignedOn) return `Đã ký trên bản giấy ngày ${formatDateVi(sig.paperSignedOn)} (nhập vào hệ thống ngày ${formatDateVi(todayInVietnam(new Date(sig.signedAt)))})`;
  return `Đã ký lúc ${vietnamTime(sig.signedAt)}`;
}
