import { Injectable, Logger } from '@nestjs/common';
import { UnitsRepository } from '../units/units.repository';
import { ScoringConfigsRepository } from '../scoring/scoring-configs.repository';
import { AccessService } from '../access/access.service';
import { Permission } from '../access/access.policy';
import { clusterHeadingOf } from '../clusters/cluster-tag';
import type { Principal } from '../common/auth/principal';
import { AppException } from '../common/errors/app.exception';
import { formatDateVi, todayInVietnam } from '../common/time';
import { UnitOfWork } from '../database/unit-of-work';
import { tableWorkbook } from '../documents/excel/table-workbook';
import { IssuedDocumentsService } from '../issued-documents/issued-documents.service';
import { blankNumber } from '../issued-documents/document-numbers.service';
import type { GeneratedFile } from '../common/file-response';
import { listRecord, renderList, renderSubmission, submissionRecord } from '../documents/pdf/dossier.pdf';
import { LeadershipRepository } from '../leadership/leadership.repository';
import { LegalService } from '../legal/legal.service';
import { legalBasesOn, valueOn } from '../legal/legal.rules';
import { ErrorCode } from '../common/errors/error-codes';
import { EmulationYear } from '../clusters/emulation-year.entity';
import { isReplay } from '../clusters/phases.rules';
import { ScoringService } from '../scoring/scoring.service';
import { AwardsRepository } from './awards.repository';
import { AWARD_CODES, ratioText } from './awards.rules';
import { ProposalsRepository } from './proposals.repository';
import { ReviewMeetingsService } from './review-meetings.service';
import { ClusterDocumentCopies, LIST_DOC, SUBMISSION_DOC } from './cluster-document-copies';
import { MinutesService } from './minutes.service';
import { ContentNumbers, derivedId } from './content-numbers';
import { DossierDraft, dossierIssueRequest, lastSending } from './dossier-requests';
import { AttachmentsService } from '../attachments/attachments.service';
import { ACHIEVEMENT_REPORTS } from './achievement-reports.service';

/** Hồ sơ đề nghị khen thưởng: the submission (Tờ trình) and the list of proposed units (PDF and Excel). */
@Injectable()
export class DossierService {
  private readonly logger = new Logger(DossierService.name);

  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AccessService,
    private readonly meetings: ReviewMeetingsService,
    private readonly scoring: ScoringService,
    private readonly contentNumbers: ContentNumbers,
    private readonly documents: IssuedDocumentsService,
    private readonly proposals: ProposalsRepository,
    private readonly awards: AwardsRepository,
    private readonly leadership: LeadershipRepository,
    private readonly configs: ScoringConfigsRepository,
    private readonly units: UnitsRepository,
    private readonly legal: LegalService,
    private readonly attachments: AttachmentsService,
    private readonly copies: ClusterDocumentCopies,
    private readonly minutes: MinutesService,
  ) {}

  /**
   * Why the Tờ trình of what the cluster sent is not issued (a year re-entered after it passed waits for the date on
   * the original, the secretariat enters it), or null: nothing sent, or nothing sent since the latest Tờ trình (a
   * ministry's later rejection does not make the cluster's dossier a new one), or issuable. The meeting page says it.
   */
  async awaitingIssue(p: Principal, clusterId: string, year: number): Promise<string | null> {
    const { lastSent, issued } = await this.uow.read(async (m) => {
      await this.access.require(m, p, Permission.AwardsManage, clusterId, year);
      return { lastSent: lastSending(await this.proposals.activeOfClusterYear(m, clusterId, year)), issued: await this.documents.latestIssued(m, { kind: 'SUBMISSION', year, clusterId }) };
    });
    if (!lastSent || (issued && issued.issuedAt >= lastSent)) return null;
    const { state, draftOn } = await this.prepare(p, clusterId, year);
    try {
      await this.defaultDate(clusterId, year, state.meeting, state.proposals.map((x) => x.submittedAt), draftOn, true);
      return null;
    } catch (error) {
      if (error instanceof AppException) return error.message;
      throw error;
    }
  }

  /**
   * The dossier as of `issuedOn` (the secretariat's choice, not before the meeting, not after today; else defaultDate):
   * its number in that year's series, the organiser and the texts in force on that date. `issue`: for a document
   * being issued (its number is allocated); else a working copy (the number it has, or null: nothing is allocated).
   */
  private async data(p: Principal, clusterId: string, year: number, issuedOn: string | undefined, issue: boolean) {
    const { state, draftOn } = await this.prepare(p, clusterId, year);
    const date = issuedOn ?? (await this.defaultDate(clusterId, year, state.meeting, state.proposals.map((x) => x.submittedAt), draftOn, issue));
    const draft = await draftOn(date);
    // Once sent, a date chosen for a dossier not sent again since its Tờ trình (or sent again unchanged) would be a second
    // text of what was sent: the ministry's rejection of a unit later does not make the cluster issue a new one.
    if (issue && issuedOn && state.proposals.some((x) => x.status !== 'DRAFT')) {
      const issued = await this.uow.read((m) => this.documents.latestIssued(m, { kind: 'SUBMISSION', year, clusterId }));
      const sentSince = issued && (lastSending(state.proposals) ?? '') > issued.issuedAt;
      if (issued && issued.documentDate !== issuedOn && (!sentSince || (await this.standsAsIssued(issued, state.meeting.id, draftOn)))) {
        throw AppException.field(ErrorCode.BusinessRule, 'issuedOn', `Cụm đã ban hành tờ trình số ${issued.documentNumber} ngày ${formatDateVi(issued.documentDate!)} và từ đó không gửi đề nghị nào làm hồ sơ thay đổi: không ban hành tờ trình mới. Để trống "Ngày ban hành tờ trình" để tải tờ trình đã ban hành.`);
      }
    }
    // One number per Tờ trình: the first of the date takes the next of the year's series (ContentNumbers).
    const number = await this.contentNumbers.numberFor({ issuer: state.cluster, typeCode: 'TTr', kind: 'SUBMISSION', sourceId: state.meeting.id, key: derivedId(state.meeting.id, date), date, content: draft }, issue);
    return { draft, number, state };
  }

  /** The dossier's facts (what was sent, or before sending what is confirmed) and its words as of a date. */
  private async prepare(p: Principal, clusterId: string, year: number) {
    const state = await this.uow.read(async (m) => {
      const cluster = await this.access.require(m, p, Permission.ClusterRead, clusterId);
      const meeting = await this.meetings.find(m, clusterId, year);
      // The dossier names what went to the organiser; before anything is sent, what the secretariat has confirmed.
      const active = await this.proposals.activeOfClusterYear(m, clusterId, year);
      const sent = active.filter((x) => x.status !== 'DRAFT');
      const proposals = sent.length ? sent : active;
      if (!proposals.length) throw AppException.notFound(`đề nghị khen thưởng năm ${year} của cụm này`, 'year');
      const legal = await this.legal.catalogue(m);
      const units = await this.units.byIds(m, proposals.map((x) => x.unitId));
      const ranking = await this.scoring.computeRanking(m, clusterId, year, await this.configs.get(m, clusterId, year));
      const term = (await this.leadership.term(m, clusterId, year + 1)) ?? (await this.leadership.term(m, clusterId, year));
      const chair = term ? await this.units.find(m, term.chairUnitId) : null;
      const reported = await Promise.all(proposals.map(async (x) => (await this.attachments.list(m, ACHIEVEMENT_REPORTS, x.id)).length > 0));
      return { cluster, meeting, proposals, units, ranking, chair, legal, reportsAttached: reported.every(Boolean), labels: await this.awards.labels(m) };
    });
    const draftOn = async (date: string): Promise<DossierDraft> => {
      if (date < state.meeting.heldOn) throw AppException.field(ErrorCode.ValidationFailed, 'issuedOn', `Ngày ban hành không được trước ngày họp bình xét (${formatDateVi(state.meeting.heldOn)}).`);
      const organizer = await this.uow.read((m) => this.units.asOf(m, state.cluster.organizerId, date));
      const rankOf = new Map(state.ranking.rows.map((r) => [r.unit.id, r.rank]));
      const ministry = organizer.name.startsWith('Bộ');
      return {
        organizerName: organizer.name,
        clusterName: state.cluster.name,
        issuerCode: state.cluster.documentCode,
        place: state.chair?.province ?? state.meeting.place,
        date,
        year,
        addressee: `${ministry ? 'Bộ trưởng' : 'Giám đốc'} ${organizer.name}`,
        legalBases: [
          ...legalBasesOn(state.legal.texts, date, organizer.code).map((t) => t.citation!),
          `Căn cứ biên bản hội nghị bình xét thi đua năm ${year} ngày ${formatDateVi(state.meeting.heldOn)} của ${state.cluster.name},`,
        ],
        byAward: AWARD_CODES.map((code) => ({
          awardLabel: state.labels[code],
          units: state.proposals.filter((x) => x.awardCode === code).map((x) => state.units.get(x.unitId)?.name ?? ''),
        })).filter((a) => a.units.length),
        units: state.proposals.map((x) => ({
          unitName: state.units.get(x.unitId)?.name ?? '',
          awardLabel: state.labels[x.awardCode],
          votesText: `${x.votesFor} (${ratioText(x.approval)})`,
          rank: rankOf.get(x.unitId) ?? null,
          basis: x.basisNote,
        })),
        signerAuthority: `TM. ${state.cluster.name}`,
        signerTitle: 'Cụm trưởng',
        // The chair unit signs for the cluster; no person's name is recorded, so the name slot stays empty.
        signerUnit: state.chair?.name ?? null,
        signerName: '',
        standingBody: valueOn(state.legal.values, 'STANDING_BODY', organizer.code, date)?.label ?? null,
        reportsAttached: state.reportsAttached,
      };
    };
    return { state, draftOn };
  }

  /**
   * The date of a dossier without a chosen one: the date of the one already issued while its content stands; once it
   * changed since (a unit added, say), the day it is issued (`issuing`) for a new Tờ trình, or today for a working
   * copy; with none issued, the day the proposals were sent to the organiser (the Tờ trình goes with them); else
   * today (a draft before sending). A year re-entered after it passed has no such day on record (its proposals are
   * sent today): its dossier waits for the date on the original, so that it is not dated, headed and cited as of today.
   */
  private async defaultDate(clusterId: string, year: number, meeting: { id: string; createdAt: string }, sentAt: Array<string | null>, draftOn: (date: string) => Promise<DossierDraft>, issuing: boolean): Promise<string> {
    const issued = await this.uow.read((m) => this.documents.latestIssued(m, { kind: 'SUBMISSION', year, clusterId }));
    if (issued?.documentDate && (await this.standsAsIssued(issued, meeting.id, draftOn))) return issued.documentDate;
    // A working copy of a dossier changed since it was issued: as it would be issued today.
    if (issued && !issuing) return todayInVietnam();
    const opened = await this.uow.read((m) => m.findOne(EmulationYear, { where: { clusterId, year } }));
    // A year with no record of its opening was entered when its meeting was recorded.
    if (isReplay(year, todayInVietnam(new Date(opened?.createdAt ?? meeting.createdAt)))) {
      throw AppException.field(
        ErrorCode.ValidationFailed,
        'issuedOn',
        issued?.documentDate
          ? `Hồ sơ năm ${year} đã thay đổi so với tờ trình số ${issued.documentNumber} ngày ${formatDateVi(issued.documentDate)}: hãy ghi "Ngày ban hành tờ trình" của tờ trình mới trước khi tải tờ trình, danh sách.`
          : `Năm ${year} được nhập lại sau khi đã qua: hãy ghi "Ngày ban hành tờ trình" như trên văn bản gốc trước khi tải tờ trình, danh sách.`,
      );
    }
    const first = sentAt.filter((x): x is string => !!x).sort()[0];
    return !issued && first ? todayInVietnam(new Date(first)) : todayInVietnam();
  }

  /** Whether the dossier as it is now has the words of this issued Tờ trình (on its date, under its number). */
  private async standsAsIssued(issued: { documentDate: string | null; documentNumber: string | null }, meetingId: string, draftOn: (date: string) => Promise<DossierDraft>): Promise<boolean> {
    if (!issued.documentDate || !issued.documentNumber) return false;
    return this.contentNumbers.issuedAs('SUBMISSION', meetingId, await draftOn(issued.documentDate), issued.documentNumber);
  }

  /**
   * When the cluster sends proposals, its minutes, Tờ trình and list are issued with them (the Tờ trình and list dated the day they were sent), so
   * that the ministry reads what the cluster issued. A year re-entered after it passed takes the original's date, given
   * with the sending or entered when downloading; a failure here does not undo the sending, which is already recorded.
   */
  async issueOnSend(p: Principal, clusterId: string, year: number, sent: string[], issuedOn?: string): Promise<void> {
    // Until its Tờ trình stands, a proposal sent again is linked to none (a year re-entered waits for the original's
    // date). Cleared first, in a write of its own: a stop between the sending and the issue leaves no earlier link.
    await this.link(null, { ids: sent });
    const submission = async () => this.link((await this.issueSubmission(p, clusterId, year, issuedOn)).documentId, { ids: sent });
    for (const issue of [() => this.minutes.issue(p, clusterId, year), submission, () => this.issueList(p, clusterId, year, issuedOn)]) {
      try {
        await issue();
      } catch (error) {
        // A refusal (a replayed year waiting for its date) is the rule working; anything else is worth a look.
        if (error instanceof AppException) this.logger.debug(`A document of ${clusterId}/${year} waits: ${error.message}`);
        else this.logger.error(`A document of ${clusterId}/${year} was not issued on sending: ${(error as Error).stack ?? String(error)}`);
      }
    }
  }

  /**
   * The Tờ trình: as issued (the one of `issuedOn`, else the latest), for whoever reads it and for the secretariat once
   * sent (ClusterDocumentCopies); before sending, the secretariat's draft (no number, date or signature: the Tờ trình
   * is issued when the proposals are sent); after, the one of a date it chooses with none issued that day.
   */
  async submission(p: Principal, clusterId: string, year: number, issuedOn?: string): Promise<GeneratedFile> {
    const found = await this.copies.issued(p, clusterId, year, SUBMISSION_DOC, issuedOn);
    if ('copy' in found) return found.copy;
    // The Tờ trình and its list are issued together (the reviewer's dossier frames both).
    if (found.secretariat === 'ISSUE') {
      const issued = await this.issueSubmission(p, clusterId, year, issuedOn);
      await this.link(issued.documentId, { clusterId, year });
      await this.issueList(p, clusterId, year, issuedOn);
      return issued;
    }
    const { draft, state } = await this.data(p, clusterId, year, issuedOn, false);
    const content = await renderSubmission({ ...draft, number: blankNumber('TTr', state.cluster.documentCode), documentId: null, verifyUrl: null });
    return { fileName: `Du-thao-to-trinh-khen-thuong-${year}-${state.cluster.documentCode}.pdf`, content };
  }

  async listPdf(p: Principal, clusterId: string, year: number, issuedOn?: string): Promise<GeneratedFile> {
    const found = await this.copies.issued(p, clusterId, year, LIST_DOC, issuedOn);
    if ('copy' in found) return found.copy;
    if (found.secretariat === 'ISSUE') {
      await this.link((await this.issueSubmission(p, clusterId, year, issuedOn)).documentId, { clusterId, year });
      return this.issueList(p, clusterId, year, issuedOn);
    }
    const { draft, state } = await this.data(p, clusterId, year, issuedOn, false);
    const content = await renderList({ ...draft, number: blankNumber('TTr', state.cluster.documentCode), submissionNumber: '', documentId: null, verifyUrl: null });
    return { fileName: `Du-thao-danh-sach-de-nghi-${year}-${state.cluster.documentCode}.pdf`, content };
  }

  /** Which Tờ trình the proposals went with (the reviewer's pages show it): those just sent, or those waiting for it. */
  private link(documentId: string | null, to: { ids: string[] } | { clusterId: string; year: number }): Promise<void> {
    return this.uow.write((m) => this.proposals.linkSubmission(m, documentId, to));
  }

  private issueSubmission(p: Principal, clusterId: string, year: number, issuedOn?: string) {
    return this.contentNumbers.issuing(() => this.issueSubmissionOnce(p, clusterId, year, issuedOn));
  }

  private async issueSubmissionOnce(p: Principal, clusterId: string, year: number, issuedOn?: string) {
    const { draft, number, state } = await this.data(p, clusterId, year, issuedOn, true);
    const content = { ...draft, number: number! };
    const issued = await this.documents.issue(dossierIssueRequest('SUBMISSION', `Tờ trình đề nghị khen thưởng năm ${year}`, content, submissionRecord(content), state, (id, url) => renderSubmission({ ...content, documentId: id, verifyUrl: url })));
    return { fileName: SUBMISSION_DOC.fileName(year, state.cluster.documentCode), content: issued.content, documentId: issued.document.id };
  }

  private async issueList(p: Principal, clusterId: string, year: number, issuedOn?: string) {
    const { draft, number, state } = await this.data(p, clusterId, year, issuedOn, true);
    const content = { ...draft, number: number! };
    const issued = await this.documents.issue(dossierIssueRequest('LIST', `Danh sách đơn vị đề nghị khen thưởng năm ${year}`, content, listRecord(content), state, (id, url) => renderList({ ...content, submissionNumber: content.number, documentId: id, verifyUrl: url })));
    return { fileName: LIST_DOC.fileName(year, state.cluster.documentCode), content: issued.content, documentId: issued.document.id };
  }

  async listXlsx(p: Principal, clusterId: string, year: number, issuedOn?: string): Promise<{ fileName: string; content: Buffer }> {
    // A working copy, not issued: it takes no number (the Tờ trình's number once issued). A reader gets it only of a
    // list the cluster issued (before sending, a reviewer does not read the cluster's drafts).
    await this.copies.issued(p, clusterId, year, LIST_DOC, issuedOn);
    const { draft, number, state } = await this.data(p, clusterId, year, issuedOn, false);
    const content = draft;
    // Before anything is sent it goes with the draft Tờ trình (undated, like the PDF draft).
    const sent = state.proposals.some((x) => x.status !== 'DRAFT');
    const attached = !sent ? 'kèm theo dự thảo Tờ trình' : number ? `kèm theo Tờ trình số ${number}` : `kèm theo Tờ trình ngày ${formatDateVi(draft.date)}, chưa ban hành`;
    const file = await tableWorkbook(
      'Danh sách đề nghị',
      `DANH SÁCH ĐƠN VỊ ĐỀ NGHỊ KHEN THƯỞNG NĂM ${year} (${attached})`,
      [
        { header: 'STT', width: 6, value: (u: (typeof content.units)[number]) => content.units.indexOf(u) + 1 },
        { header: 'Tên đơn vị', width: 44, value: (u) => u.unitName },
        { header: 'Danh hiệu, hình thức khen thưởng đề nghị', width: 26, value: (u) => u.awardLabel },
        { header: 'Phiếu đồng ý', width: 14, value: (u) => u.votesText },
        { header: 'Hạng', width: 8, value: (u) => u.rank },
        { header: 'Căn cứ', width: 70, value: (u) => u.basis },
      ],
      content.units,
      await this.uow.read((m) => clusterHeadingOf(m, clusterId)),
    );
    return { fileName: `${sent ? 'Danh-sach' : 'Du-thao-danh-sach'}-de-nghi-${year}-${state.cluster.documentCode}.xlsx`, content: file };
  }
}
