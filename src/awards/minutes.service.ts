import { Injectable } from '@nestjs/common';
import { UnitsRepository } from '../units/units.repository';
import { AccessService } from '../access/access.service';
import { Permission } from '../access/access.policy';
import type { Principal } from '../common/auth/principal';
import { UnitOfWork } from '../database/unit-of-work';
import { IssuedDocumentsService } from '../issued-documents/issued-documents.service';
import { minutesRecord, renderMinutes } from '../documents/pdf/minutes.pdf';
import { LeadershipRepository } from '../leadership/leadership.repository';
import { ReviewMeetingsService } from './review-meetings.service';
import { BallotsRepository } from './ballots/ballots.repository';
import { BallotViews } from './ballots/ballot-views';
import { ClusterDocumentCopies, MINUTES_DOC } from './cluster-document-copies';
import { ContentNumbers, contentKeyOf } from './content-numbers';
import type { GeneratedFile } from '../common/file-response';
import { blankNumber } from '../issued-documents/document-numbers.service';

/** Biên bản of the review meeting: numbered per issuer and year, signed, and showing next year's leadership. */
@Injectable()
export class MinutesService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AccessService,
    private readonly meetings: ReviewMeetingsService,
    private readonly contentNumbers: ContentNumbers,
    private readonly documents: IssuedDocumentsService,
    private readonly leadership: LeadershipRepository,
    private readonly units: UnitsRepository,
    private readonly ballots: BallotsRepository,
    private readonly ballotViews: BallotViews,
    private readonly copies: ClusterDocumentCopies,
  ) {}

  /**
   * The minutes to download: as issued once the proposals went to the ministry (an approval later does not rewrite
   * them); before that, for the secretariat, the draft of the meeting as recorded now (issued when the cluster sends).
   */
  async pdf(p: Principal, clusterId: string, year: number): Promise<GeneratedFile> {
    const found = await this.copies.issued(p, clusterId, year, MINUTES_DOC);
    if ('copy' in found) return found.copy;
    if (found.secretariat === 'ISSUE') return this.issue(p, clusterId, year);
    const { state, draft } = await this.content(p, clusterId, year);
    const content = await renderMinutes({ ...draft, number: blankNumber('BB', state.cluster.documentCode), documentId: null, verifyUrl: null });
    return { fileName: `Du-thao-bien-ban-binh-xet-${year}-${state.cluster.documentCode}.pdf`, content };
  }

  /** Issues the minutes of the meeting as recorded now (the same words: the document already issued). */
  issue(p: Principal, clusterId: string, year: number): Promise<{ fileName: string; content: Buffer; documentId: string }> {
    return this.contentNumbers.issuing(() => this.issueOnce(p, clusterId, year));
  }

  private async issueOnce(p: Principal, clusterId: string, year: number): Promise<{ fileName: string; content: Buffer; documentId: string }> {
    const { state, draft } = await this.content(p, clusterId, year);
    // The meeting's number; minutes redrawn with other words after a sending are another document (ContentNumbers).
    const number = await this.contentNumbers.numberFor({ issuer: state.cluster, typeCode: 'BB', kind: 'MINUTES', sourceId: state.meeting.id, key: state.meeting.id, date: state.meeting.heldOn, content: draft }, true);
    const content = { ...draft, number };
    const contentKey = contentKeyOf('MINUTES', content);
    const issued = await this.documents.issue({
      kind: 'MINUTES',
      clusterId,
      year,
      sourceId: state.meeting.id,
      sourceVersion: state.meeting.version,
      contentKey,
      title: `Biên bản hội nghị bình xét thi đua năm ${year}`,
      statusLabel: `Số ${number}`,
      signature: { name: state.cluster.name, reason: `Phát hành biên bản hội nghị bình xét năm ${year}`, location: state.meeting.place },
      record: minutesRecord(content),
      render: (documentId, verifyUrl) => renderMinutes({ ...content, documentId, verifyUrl }),
      oneTextPerNumber: true,
    });
    return { fileName: `Bien-ban-binh-xet-${year}-${state.cluster.documentCode}.pdf`, content: issued.content, documentId: issued.document.id };
  }

  /** The minutes' words: the meeting as recorded now, without a number. */
  private async content(p: Principal, clusterId: string, year: number) {
    const state = await this.uow.read(async (m) => {
      const cluster = await this.access.require(m, p, Permission.ClusterRead, clusterId);
      const meeting = await this.meetings.find(m, clusterId, year);
      const outcome = await this.meetings.outcome(m, meeting);
      const view = await this.meetings.view(m, meeting, outcome);
      const ranking = outcome.ranking;
      // The organiser as named on the meeting's day.
      const organizer = await this.units.asOf(m, cluster.organizerId, meeting.heldOn);
      const next = await this.leadership.term(m, clusterId, year + 1);
      const name = (id: string | null) => this.units.nameOf(m, id);
      const sessions = await Promise.all((await this.ballots.sessions(m, meeting.id)).filter((s) => s.status === 'CLOSED').map((s) => this.ballotViews.view(m, s, meeting)));
      return { cluster, meeting, view, ranking, organizer, sessions, next: next ? { year: year + 1, chair: (await name(next.chairUnitId))!, viceChair: await name(next.viceChairUnitId) } : null };
    });
    const draft = {
      organizerName: state.organizer.name,
      clusterName: state.cluster.name,
      issuerCode: state.cluster.documentCode,
      year,
      heldOn: state.meeting.heldOn,
      place: state.meeting.place,
      chairedBy: state.meeting.chairedBy,
      minutesBy: state.meeting.minutesBy,
      ruleBasis: state.view.ruleBasis,
      attendance: state.view.attendance.map((a) => ({ unitName: a.unit.name, statusLabel: a.statusLabel, representative: a.representative })),
      memberCount: state.view.memberCount,
      ranking: state.ranking.rows.map((r) => ({ rank: r.rank, unitName: r.unit.name, total: r.final?.total ?? null, band: r.band })),
      ballots: state.view.results.map((r) => ({
        awardLabel: r.awardLabel,
        quota: r.quota,
        requiredText: r.requiredText,
        rows: r.candidates.map((c) => ({ unitName: c.unit.name, votesFor: c.votesFor, ratioText: c.ratioText, passed: c.passed, eligible: c.eligible, selected: c.selected })),
        tied: r.tiedAtLastPlace.map((x) => x.name),
      })),
      nextLeadership: state.next,
      ballotSessions: state.sessions.map((b) => ({
        awardLabel: b.awardLabel,
        modeLabel: b.mode === 'ONLINE' ? 'trực tuyến trên hệ thống' : 'phiếu giấy',
        figures: b.figures!,
        rows: b.candidates.map((c) => ({ unitName: c.unit.name, votes: c.votes ?? 0, shareText: c.shareText ?? '' })),
        countingCommittee: b.countingCommittee,
        tieReason: b.tieReason,
        writtenOpinions: b.writtenOpinions.length,
        writtenOpinionsNote: b.writtenOpinionsNote,
      })),
      conclusions: state.meeting.conclusions,
    };
    return { state, draft };
  }
}
