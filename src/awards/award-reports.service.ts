import { Injectable } from '@nestjs/common';
import { UnitsRepository } from '../units/units.repository';
import { createHash } from 'node:crypto';
import { clusterTagsOf } from '../clusters/cluster-tag';
import type { Principal } from '../common/auth/principal';
import { Role } from '../common/auth/roles';
import { canonicalJson } from '../audit/audit-chain';
import { AppException } from '../common/errors/app.exception';
import { ErrorCode } from '../common/errors/error-codes';
import { formatDateVi } from '../common/time';
import { ClustersRepository } from '../clusters/clusters.repository';
import { UnitOfWork } from '../database/unit-of-work';
import { tableWorkbook } from '../documents/excel/table-workbook';
import { IssuedDocumentsService } from '../issued-documents/issued-documents.service';
import { LAYOUT_VERSION } from '../documents/pdf/decree30';
import { decisionRecord, headOf, renderDecisionDraft } from '../documents/pdf/decision.pdf';
import { LegalService } from '../legal/legal.service';
import { CouncilRepository } from './council/council.repository';
import { CouncilApprovals } from './council/council-approvals';
import { councilDateProblem } from './council/council.rules';
import { longDateVi } from '../documents/pdf/vietnamese-dates';
import { legalBasesOn, rewardOn, rewardText, valueOn } from '../legal/legal.rules';
import { todayInVietnam } from '../common/time';
import { AwardsRepository } from './awards.repository';
import { ProposalsRepository } from './proposals.repository';
import type { AwardCode } from './awards.rules';

/** The award catalogue with the rule versions (thresholds in basis points) and the base salary of rewards. */
export interface AwardCatalogueView {
  /** The base salary in force today (null: none in the legal catalogue). */
  baseSalaryVnd: number | null;
  /** Today's reward per award from the legal catalogue; rewardVnd null when a figure rests on an assumption. */
  awards: Array<{ code: AwardCode; name: string; conferredBy: string; legalBasis: string; rewardMultiple: number | null; rewardVnd: number | null; rewardText: string }>;
  ruleVersions: Array<{ basis: string; validFrom: string; validTo: string | null; minApproval: Record<AwardCode, number>; strictlyAbove: Record<AwardCode, boolean>; note: string | null }>;
}

import { PROPOSAL_STATUSES, PROPOSAL_STATUS_LABELS } from './proposals.rules';


/**
 * What the draft itself cannot say, said beside it (the system's notes, not the decision's text): the decisions already
 * recorded on its approvals — it stays a draft, the signed decision was not made here — and the Cờ proposals left out
 * because the council has not passed them.
 */
export function draftNotes(approved: Array<{ decisionNumber: string | null; decisionDate: string | null }>, leftOut: { waiting: number; failed: number; heldOn: string | null }, flagName: string): string[] {
  const decided = approved.filter((x) => x.decisionNumber && x.decisionDate);
  const decisions = [...new Set(decided.map((x) => `số ${x.decisionNumber} ngày ${formatDateVi(x.decisionDate!)}`))];
  const notes: string[] = [];
  const two = (n: number) => String(n).padStart(2, '0');
  if (decisions.length) {
    const waiting = approved.length - decided.length;
    notes.push(
      `${waiting ? `${two(decided.length)} đề nghị trong dự thảo đã được phê duyệt` : 'Các đề nghị trong dự thảo đã được phê duyệt'} theo Quyết định ${decisions.join('; ')}${waiting ? `; ${two(waiting)} đề nghị chưa có quyết định` : ''} (số, ngày do người thẩm định ghi nhận khi phê duyệt; văn bản quyết định đã ký không do hệ thống lập).`,
    );
  }
  if (leftOut.waiting) notes.push(`Chưa đưa vào dự thảo: ${two(leftOut.waiting)} đề nghị tặng ${flagName} chưa được Hội đồng Thi đua – Khen thưởng thông qua.`);
  if (leftOut.failed) notes.push(`Không đưa vào dự thảo: ${two(leftOut.failed)} đề nghị tặng ${flagName} không được Hội đồng Thi đua – Khen thưởng thông qua${leftOut.heldOn ? ` tại cuộc họp ngày ${formatDateVi(leftOut.heldOn)}` : ''}.`);
  return notes;
}

/** Reports of awards: history per unit and year, proposals by cluster and status, and the draft decision. */
@Injectable()
export class AwardReportsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly documents: IssuedDocumentsService,
    private readonly proposals: ProposalsRepository,
    private readonly awards: AwardsRepository,
    private readonly clusters: ClustersRepository,
    private readonly units: UnitsRepository,
    private readonly legal: LegalService,
    private readonly council: CouncilRepository,
    private readonly councilRules: CouncilApprovals,
  ) {}

  /** The catalogue as stored: which awards exist, what they pay, and which rules apply in which period. */
  async catalogue(): Promise<AwardCatalogueView> {
    const today = todayInVietnam();
    return this.uow.read(async (m) => {
      const awards = await this.awards.catalogue(m);
      const versions = await this.awards.ruleVersionsByStart(m);
      const legal = await this.legal.catalogue(m);
      const base = valueOn(legal.values, 'BASE_SALARY', '', today);
      return {
        baseSalaryVnd: base?.amount ?? null,
        awards: awards.map((a) => {
          const reward = rewardOn(legal.values, a.code, today);
          return { code: a.code, name: a.name, conferredBy: a.conferredBy, legalBasis: a.legalBasis, rewardMultiple: reward ? reward.multipleTenths / 10 : null, rewardVnd: reward && !reward.assumptions.length ? reward.amountVnd : null, rewardText: rewardText(reward) };
        }),
        ruleVersions: versions.map((v) => ({ basis: `Mức mặc định của hệ thống cho bình xét của cụm chưa có quy chế (giai đoạn ${v.basis})`, validFrom: v.validFrom, validTo: v.validTo, minApproval: { EMULATION_FLAG: v.flagMinApproval, CERTIFICATE_OF_MERIT: v.meritMinApproval }, strictlyAbove: { EMULATION_FLAG: v.flagStrictlyAbove, CERTIFICATE_OF_MERIT: v.meritStrictlyAbove }, note: v.note })),
      };
    });
  }

  async historyXlsx(p: Principal, year?: number): Promise<{ fileName: string; content: Buffer }> {
    const rows = await this.uow.read(async (m) => {
      const history = await this.proposals.historyInScope(m, p, year);
      const units = await this.units.byIds(m, history.map((h) => h.unitId));
      const clusters = await clusterTagsOf(m, history.map((h) => h.clusterId));
      const labels = await this.awards.labels(m);
      return history.map((h) => ({ ...h, awardLabel: labels[h.awardCode], unitName: units.get(h.unitId)?.name ?? '', clusterName: clusters.get(h.clusterId) ?? '' }));
    });
    const content = await tableWorkbook(
      'Lịch sử khen thưởng',
      `LỊCH SỬ KHEN THƯỞNG CÁC ĐƠN VỊ${year ? ` NĂM ${year}` : ''}`,
      [
        { header: 'Năm', width: 8, value: (r: (typeof rows)[number]) => r.year },
        { header: 'Đơn vị', width: 46, value: (r) => r.unitName },
        { header: 'Danh hiệu', width: 26, value: (r) => r.awardLabel },
        { header: 'Quyết định', width: 22, value: (r) => r.decisionNumber },
        { header: 'Ngày quyết định', width: 16, value: (r) => formatDateVi(r.decisionDate) },
        { header: 'Cụm thi đua (cơ quan tổ chức)', width: 40, value: (r) => r.clusterName },
      ],
      rows,
    );
    return { fileName: `Lich-su-khen-thuong${year ? `-${year}` : ''}.xlsx`, content };
  }

  /** Proposals by cluster and status, for the ministry (nationally within the organiser). */
  async proposalsXlsx(p: Principal, year?: number): Promise<{ fileName: string; content: Buffer }> {
    const rows = await this.uow.read(async (m) => {
      const proposals = await this.proposals.inScope(m, p, year);
      const clusters = await clusterTagsOf(m, proposals.map((x) => x.clusterId));
      const labels = await this.awards.labels(m);
      const groups = new Map<string, { clusterName: string; year: number; award: string; counts: Record<string, number> }>();
      for (const x of proposals) {
        const key = `${x.clusterId}|${x.year}|${x.awardCode}`;
        const g = groups.get(key) ?? { clusterName: clusters.get(x.clusterId) ?? '', year: x.year, award: labels[x.awardCode], counts: {} };
        g.counts[x.status] = (g.counts[x.status] ?? 0) + 1;
        groups.set(key, g);
      }
      return [...groups.values()].sort((a, b) => b.year - a.year || a.clusterName.localeCompare(b.clusterName, 'vi'));
    });
    const content = await tableWorkbook(
      'Đề nghị theo trạng thái',
      `TỔNG HỢP ĐỀ NGHỊ KHEN THƯỞNG THEO CỤM VÀ TRẠNG THÁI${year ? ` NĂM ${year}` : ''}`,
      [
        { header: 'Năm', width: 8, value: (r: (typeof rows)[number]) => r.year },
        { header: 'Cụm thi đua (cơ quan tổ chức)', width: 40, value: (r) => r.clusterName },
        { header: 'Danh hiệu', width: 26, value: (r) => r.award },
        ...PROPOSAL_STATUSES.map((s) => ({ header: PROPOSAL_STATUS_LABELS[s], width: 14, value: (r: (typeof rows)[number]) => r.counts[s] ?? 0 })),
        { header: 'Tổng', width: 10, value: (r) => Object.values(r.counts).reduce((a, b) => a + b, 0) },
      ],
      rows,
    );
    return { fileName: `De-nghi-khen-thuong-theo-trang-thai${year ? `-${year}` : ''}.xlsx`, content };
  }

  /**
   * The draft decision of a year (reviewers of the organiser): it is drafted before the Minister signs, so it lists the
   * units approved and those sent to Bộ that may be approved (a Cờ once the council passed it); the number and date
   * of the signed decision are then recorded on each approval. `decidedOn` is the planned
   * date of the decision: the ministry's name, the texts cited and the reward amounts are those in force then; the
   * draft itself leaves the date blank for the signer. Without it: the date of the decision already recorded on the
   * approvals (a 2019 draft is Bộ TTTT's of 2020, citing the texts of then), else today.
   */
  async decisionDraft(p: Principal, year: number, decidedOn?: string): Promise<{ fileName: string; content: Buffer; documentId: string }> {
    let on = decidedOn ?? todayInVietnam();
    const data = await this.uow.read(async (m) => {
      const sent = await this.proposals.withMinistryOrApproved(m, p, year);
      if (!sent.length) throw AppException.notFound(`đề nghị đã gửi Bộ hoặc đã phê duyệt năm ${year}`, 'year');
      const clusters = new Map((await this.clusters.byIds(m, sent.map((x) => x.clusterId))).map((c) => [c.id, c]));
      // One ministry's decision: the reviewer's own organiser when it has proposals that year, else the first's.
      const organizers = new Set([...clusters.values()].map((c) => c.organizerId));
      const organizerId = p.organizerId && organizers.has(p.organizerId) ? p.organizerId : [...clusters.values()][0].organizerId;
      if (p.role !== Role.Admin && !p.organizerIds.includes(organizerId)) throw AppException.forbidden();
      // A Cờ not yet approved waits for the council's result: only one its closed meeting passed may be decided.
      const passed = await this.councilRules.passedProposals(m, organizerId, year);
      const approved = sent.filter((x) => clusters.get(x.clusterId)!.organizerId === organizerId && (x.status === 'APPROVED' || x.awardCode !== 'EMULATION_FLAG' || passed.has(x.id)));
      if (!approved.length) throw AppException.notFound(`đề nghị có thể đưa vào quyết định năm ${year} (Cờ thi đua cần Hội đồng Thi đua – Khen thưởng thông qua trước)`, 'year');
      const notIn = sent.filter((x) => clusters.get(x.clusterId)!.organizerId === organizerId && !approved.includes(x));
      const decided = approved.map((x) => x.decisionDate).filter((d): d is string => !!d).sort();
      if (!decidedOn && decided.length) on = decided[decided.length - 1];
      const units = await this.units.byIds(m, approved.map((x) => x.unitId));
      const ministry = await this.units.asOf(m, organizerId, on);
      const catalogue = await this.awards.catalogue(m);
      // What the decision rests on: the council's closed meeting and minutes, and each cluster's latest submission.
      const council = await this.council.meetingOf(m, organizerId, year);
      // A Cờ left out: voted on at the closed meeting and not passed, or still waiting for the council.
      const voted = council?.status === 'CLOSED' ? new Set((await this.council.ballots(m, council.id)).map((b) => b.proposalId)) : new Set<string>();
      const failed = notIn.filter((x) => voted.has(x.id)).length;
      const leftOut = { waiting: notIn.length - failed, failed, heldOn: council?.heldOn ?? null };
      // A decision comes after the year it rewards and after the council that considered it.
      if (on < `${year + 1}-01-01`) throw AppException.field(ErrorCode.ValidationFailed, 'decidedOn', `Quyết định khen thưởng năm ${year} không thể trước ngày 01/01/${year + 1}.`);
      if (council?.status === 'CLOSED' && on < council.heldOn) throw AppException.field(ErrorCode.ValidationFailed, 'decidedOn', councilDateProblem(council.heldOn));
      const councilMinutes = council?.status === 'CLOSED' ? await this.documents.latestIssued(m, { kind: 'COUNCIL_MINUTES', year, organizerId }) : null;
      const submissions = await Promise.all([...clusters.values()].map(async (c) => ({ cluster: c, doc: await this.documents.latestIssued(m, { kind: 'SUBMISSION', year, clusterId: c.id, onOrBefore: on }) })));
      // A unit merged by the decision's date is named with what it is then; a council of the ministry before a merger of
      // ministries is named with the ministry it belonged to.
      const nowNames = new Map(await Promise.all(approved.map(async (x) => [x.unitId, (await this.units.successorNow(m, x.unitId, on))?.name ?? null] as const)));
      const councilMinistry = council ? (await this.units.asOf(m, organizerId, council.heldOn)).name : null;
      return { approved, leftOut, clusters, units, nowNames, ministry, councilMinistry, catalogue, legal: await this.legal.catalogue(m), council: council?.status === 'CLOSED' ? council : null, councilMinutes, submissions, organizerId };
    });
    const submissionsText = data.submissions
      .map(({ cluster, doc }) => (doc?.documentNumber && doc.documentDate ? `${cluster.name} tại Tờ trình số ${doc.documentNumber} ${longDateVi(doc.documentDate)}` : cluster.name))
      .join('; ');
    const councilBasis = data.council
      ? [`Căn cứ Biên bản họp Hội đồng Thi đua – Khen thưởng${data.councilMinistry && data.councilMinistry !== data.ministry.name ? ` ${data.councilMinistry}` : ''}${data.councilMinutes?.documentNumber ? ` số ${data.councilMinutes.documentNumber}` : ''} ${longDateVi(data.council.heldOn)};`]
      : [];
    const standing = valueOn(data.legal.values, 'STANDING_BODY', data.ministry.code, on)?.label ?? 'cơ quan thường trực công tác thi đua, khen thưởng';
    const content = {
      ministryName: data.ministry.name,
      ministryCode: data.ministry.code,
      place: 'Hà Nội',
      date: null,
      decidedOn: on,
      year,
      standingBody: standing,
      legalBases: [...legalBasesOn(data.legal.texts, on, data.ministry.code, { statute: true }).map((t) => t.citation!), ...councilBasis, `Xét đề nghị của ${submissionsText} và của ${headOf(standing)},`],
      awards: data.catalogue.map((award) => ({
        awardLabel: award.name,
        citation: award.code === 'EMULATION_FLAG' ? 'đã có thành tích xuất sắc dẫn đầu phong trào thi đua' : 'đã có thành tích xuất sắc trong phong trào thi đua',
        rewardText: rewardText(rewardOn(data.legal.values, award.code, on)),
        units: data.approved.filter((x) => x.awardCode === award.code).map((x) => {
          const now = data.nowNames.get(x.unitId);
          return { unitName: `${data.units.get(x.unitId)?.name ?? ''}${now ? ` (nay là ${now})` : ''}`, clusterName: data.clusters.get(x.clusterId)?.name ?? '' };
        }),
      })).filter((a) => a.units.length),
      notes: draftNotes(data.approved, data.leftOut, data.catalogue.find((a) => a.code === 'EMULATION_FLAG')?.name ?? 'Cờ thi đua'),
    };
    // `lists`: what the draft is made of (since 05/12/2026 also what is still with Bộ), so an earlier draft is not reused.
    const contentKey = createHash('sha256').update(canonicalJson({ kind: 'DECISION_DRAFT', layout: LAYOUT_VERSION, lists: 'SENT_OR_APPROVED', ...content })).digest('hex');
    const issued = await this.documents.issue({
      kind: 'DECISION_DRAFT',
      clusterId: null,
      organizerId: data.organizerId,
      issuerName: data.ministry.name,
      year,
      sourceId: data.ministry.id,
      sourceVersion: year,
      contentKey,
      title: `Dự thảo quyết định khen thưởng năm ${year}`,
      statusLabel: 'Dự thảo',
      signature: { name: data.ministry.name, reason: `Dự thảo quyết định khen thưởng năm ${year}`, location: 'Hà Nội' },
      // A draft: no number, no date and no signer's name yet; the register keeps them null.
      record: decisionRecord(content),
      render: (documentId, verifyUrl) => renderDecisionDraft({ ...content, documentId, verifyUrl }),
    });
    return { fileName: `Du-thao-quyet-dinh-khen-thuong-${year}.pdf`, content: issued.content, documentId: issued.document.id };
  }
}
